/**
 * The Anthropic SDK client, imported lazily: the API key from the credential or
 * `ANTHROPIC_API_KEY`, the base URL from the config or `ANTHROPIC_BASE_URL`.
 *
 * @module
 */
import { AnthropicCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import type { LLMExtractionConfig } from '../../stages/llm-extraction-config.js';
import { endpointFromEnv, type MessagesClient, sdkClientOptions } from './messages-client.js';

/** The environment variables read when `LLMExtractionConfig` leaves the key or the base URL out. */
export const ANTHROPIC_ENV = { apiKey: 'ANTHROPIC_API_KEY', baseURL: 'ANTHROPIC_BASE_URL' } as const;

// Imported on first use, once per process, so that `import 'docpipe'` does not load the SDK.
let sdk: Promise<typeof import('@anthropic-ai/sdk')> | undefined;

/**
 * The credential of `config`, checked to be an Anthropic one.
 *
 * @throws {ConfigError} for any other kind of credential
 */
export function anthropicCredential(config: LLMExtractionConfig): AnthropicCredential | undefined {
  const { credential } = config;
  if (credential === undefined || credential instanceof AnthropicCredential) return credential;
  throw new ConfigError(
    `LLMExtractionConfig.credential must be an AnthropicCredential for the anthropic provider; pass new AnthropicCredential({ apiKey }), or leave it out to use ${ANTHROPIC_ENV.apiKey}.`,
    { option: 'LLMExtractionConfig.credential' },
  );
}

/**
 * The API key for `config`: the credential's, else `ANTHROPIC_API_KEY`. Called when the model is
 * built, so a pipeline without a key fails before any document is read, and again at connection.
 *
 * @throws {ConfigError} when there is neither
 */
export function anthropicApiKey(
  credential: AnthropicCredential | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const apiKey = credential?.apiKey || env[ANTHROPIC_ENV.apiKey];
  if (apiKey) return apiKey;
  throw new ConfigError(
    `The anthropic provider needs an API key; set ${ANTHROPIC_ENV.apiKey}, or pass credential: new AnthropicCredential({ apiKey }) to LLMExtractionConfig.`,
    { option: 'LLMExtractionConfig.credential' },
  );
}

/**
 * A client for `config`. The key is passed explicitly, so the SDK never falls back to other
 * credential sources (`ANTHROPIC_AUTH_TOKEN`, profile files) that docpipe does not document.
 *
 * @throws {ConfigError} when there is no API key, or `ANTHROPIC_BASE_URL` is not a usable URL
 */
export async function connectAnthropic(
  config: LLMExtractionConfig,
  credential: AnthropicCredential | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MessagesClient> {
  const apiKey = anthropicApiKey(credential, env);
  const baseURL = config.baseURL ?? endpointFromEnv(ANTHROPIC_ENV.baseURL, env);
  sdk ??= import('@anthropic-ai/sdk');
  const { Anthropic } = await sdk;
  return new Anthropic({
    apiKey,
    ...(baseURL === undefined ? {} : { baseURL }),
    ...sdkClientOptions(config),
  });
}
