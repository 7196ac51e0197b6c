/**
 * The Anthropic SDK client, imported lazily: the API key from the settings or
 * `ANTHROPIC_API_KEY`, the base URL from the settings or `ANTHROPIC_BASE_URL`.
 *
 * @module
 */
import { AnthropicCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import { optionalEndpoint } from '../../util/config-checks.js';
import type { AnthropicModelSettings } from './anthropic-settings.js';
import { endpointFromEnv, type MessagesClient, sdkClientOptions } from './messages-client.js';

/** The environment variables read when the settings leave the key or the base URL out. */
export const ANTHROPIC_ENV = { apiKey: 'ANTHROPIC_API_KEY', baseURL: 'ANTHROPIC_BASE_URL' } as const;

// Imported on first use, once per process, so that `import 'docpipe'` does not load the SDK.
let sdk: Promise<typeof import('@anthropic-ai/sdk')> | undefined;

/**
 * The key the settings give (`apiKey`, else the credential's), the credential checked to be an Anthropic one.
 *
 * @throws {ConfigError} for any other kind of credential
 */
export function givenAnthropicKey(settings: AnthropicModelSettings): string | undefined {
  const { apiKey, credential } = settings;
  if (apiKey) return apiKey;
  if (credential === undefined) return undefined;
  if (credential instanceof AnthropicCredential) return credential.apiKey;
  throw new ConfigError(
    `LLMExtractionConfig.credential must be an AnthropicCredential for the anthropic provider; pass new AnthropicCredential({ apiKey }), or leave it out to use ${ANTHROPIC_ENV.apiKey}.`,
    { option: 'LLMExtractionConfig.credential' },
  );
}

/**
 * The API key: the one given, else `ANTHROPIC_API_KEY`. Called when the model is built, so a pipeline
 * without a key fails before any document is read, and again at connection.
 *
 * @throws {ConfigError} when there is neither
 */
export function anthropicApiKey(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const apiKey = given || env[ANTHROPIC_ENV.apiKey];
  if (apiKey) return apiKey;
  throw new ConfigError(
    `The anthropic provider needs an API key; set ${ANTHROPIC_ENV.apiKey}, or pass credential: new AnthropicCredential({ apiKey }) to LLMExtractionConfig.`,
    { option: 'LLMExtractionConfig.credential' },
  );
}

/**
 * A client for the settings. The key is passed explicitly, so the SDK never falls back to other
 * credential sources (`ANTHROPIC_AUTH_TOKEN`, profile files) that docpipe does not document.
 *
 * @throws {ConfigError} when there is no API key, or the base URL is not a usable URL
 */
export async function connectAnthropic(
  settings: AnthropicModelSettings,
  givenKey: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MessagesClient> {
  const apiKey = anthropicApiKey(givenKey, env);
  const baseURL =
    optionalEndpoint({ config: 'LLMExtractionConfig', option: 'baseURL' }, settings.baseURL) ??
    endpointFromEnv(ANTHROPIC_ENV.baseURL, env);
  sdk ??= import('@anthropic-ai/sdk');
  const { Anthropic } = await sdk;
  return new Anthropic({
    apiKey,
    ...(baseURL === undefined ? {} : { baseURL }),
    ...sdkClientOptions(settings),
  });
}
