/**
 * The adapter's settings resolved once, at construction, from `LLMExtractionConfig` and the environment.
 *
 * @module
 */
import { OpenAICredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import { optionalEndpoint } from '../../stages/config-checks.js';
import type { LLMExtractionConfig } from '../../stages/llm-extraction-config.js';

/** The environment variables read when `LLMExtractionConfig` leaves the key or the base URL out. */
export const OPENAI_ENV = { apiKey: 'OPENAI_API_KEY', baseURL: 'OPENAI_BASE_URL' } as const;

/** The model used when `LLMExtractionConfig.model` is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';

/** How the answer is constrained: `LLMExtractionConfig.outputMode` with `auto` decided. */
export type OpenAIOutputMode = 'json-schema' | 'json-object' | 'tool';

/** Everything the adapter needs to call the endpoint. */
export interface OpenAICompatibleSettings {
  readonly modelId: string;
  readonly apiKey: string;
  /** The endpoint's base URL; `undefined` for OpenAI's own API (the SDK's default). */
  readonly baseURL: string | undefined;
  /** Whether requests go to OpenAI's own API rather than another compatible server. */
  readonly officialApi: boolean;
  /** How error messages name the endpoint: `OpenAI`, or the compatible server's host. */
  readonly service: string;
  readonly outputMode: OpenAIOutputMode;
  /** How long one HTTP request may take before it fails as a retryable timeout. @default the SDK's */
  readonly timeoutMs: number | undefined;
}

const OPENAI_HOST = 'api.openai.com';

// Local servers (Ollama, vLLM without --api-key) ignore the key but the SDK refuses to run without one.
const PLACEHOLDER_KEY = 'no-key';

/**
 * The settings for `config`, reading `OPENAI_API_KEY` and `OPENAI_BASE_URL` from `env` for what it leaves out.
 * `outputMode: 'auto'` becomes `json-schema`: OpenAI, OpenRouter, LiteLLM, vLLM and Ollama all accept it.
 *
 * @throws {ConfigError} when the credential is not an `OpenAICredential`, `OPENAI_BASE_URL` is not an https
 * (or loopback http) URL, or no key is found for OpenAI's own API
 */
export function resolveOpenAISettings(
  config: LLMExtractionConfig,
  env: NodeJS.ProcessEnv = process.env,
): OpenAICompatibleSettings {
  const baseURL =
    config.baseURL ??
    optionalEndpoint(
      { config: 'environment', option: OPENAI_ENV.baseURL },
      env[OPENAI_ENV.baseURL] || undefined,
    );
  const host = baseURL === undefined ? OPENAI_HOST : new URL(baseURL).host;
  const officialApi = host === OPENAI_HOST;
  return {
    modelId: config.model ?? DEFAULT_OPENAI_MODEL,
    apiKey: resolveApiKey(config, env, officialApi),
    baseURL,
    officialApi,
    service: officialApi ? 'OpenAI' : `The OpenAI-compatible endpoint at ${host}`,
    outputMode: config.outputMode === 'auto' ? 'json-schema' : config.outputMode,
    timeoutMs: config.timeoutMs,
  };
}

function resolveApiKey(config: LLMExtractionConfig, env: NodeJS.ProcessEnv, officialApi: boolean): string {
  const { credential } = config;
  if (credential instanceof OpenAICredential) return credential.apiKey;
  if (credential !== undefined) {
    throw new ConfigError(
      `LLMExtractionConfig.credential must be an OpenAICredential for the openai-compatible provider; pass new OpenAICredential({ apiKey }), or leave it out to read ${OPENAI_ENV.apiKey}.`,
      { option: 'LLMExtractionConfig.credential' },
    );
  }
  const key = env[OPENAI_ENV.apiKey];
  if (key) return key;
  if (!officialApi) return PLACEHOLDER_KEY;
  throw new ConfigError(
    `The openai-compatible provider needs an API key for OpenAI: set ${OPENAI_ENV.apiKey} or pass LLMExtractionConfig.credential (an OpenAICredential), or set LLMExtractionConfig.baseURL to your own server.`,
    { option: 'LLMExtractionConfig.credential' },
  );
}
