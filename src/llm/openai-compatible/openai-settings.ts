/**
 * The adapter's settings resolved once, at construction, from what it was given and the environment.
 *
 * @module
 */
import { OpenAICredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import type { OutputMode } from '../../spec/extraction-model.js';
import { optionalEndpoint } from '../../util/config-checks.js';
import type { HttpClientSettings } from '../http-client-settings.js';

/** The environment variables read when the settings leave the key or the base URL out. */
export const OPENAI_ENV = { apiKey: 'OPENAI_API_KEY', baseURL: 'OPENAI_BASE_URL' } as const;

/** The model used when the settings name none. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';

/** How the answer is constrained: the settings' `outputMode` with `auto` decided. */
export type OpenAIOutputMode = 'json-schema' | 'json-object' | 'tool';

/** Settings of {@link createOpenAICompatibleModel}; `LLMExtractionConfig` options of the same names fill them in a pipeline. */
export interface OpenAICompatibleModelSettings extends HttpClientSettings {
  /** The model id. @default {@link DEFAULT_OPENAI_MODEL} */
  readonly model?: string;
  /** The API key. @default `OPENAI_API_KEY`; none for a server other than OpenAI's (Ollama, vLLM) */
  readonly apiKey?: string;
  /** The API key in a credential object that keeps it out of logs; used when `apiKey` is not set. */
  readonly credential?: OpenAICredential;
  /**
   * How answers are constrained: `json-schema` (strict structured output; `auto`), `json-object` (JSON mode with
   * the schema in the prompt) or `tool` (a forced strict function call). @default 'auto'
   */
  readonly outputMode?: OutputMode;
}

/** Everything the adapter needs to call the endpoint. */
export interface ResolvedOpenAISettings {
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
  readonly headers: HttpClientSettings['headers'];
  readonly fetch: HttpClientSettings['fetch'];
}

const OPENAI_HOST = 'api.openai.com';

// Local servers (Ollama, vLLM without --api-key) ignore the key but the SDK refuses to run without one.
const PLACEHOLDER_KEY = 'no-key';

/**
 * The settings resolved, reading `OPENAI_API_KEY` and `OPENAI_BASE_URL` from `env` for what they leave out.
 * `outputMode: 'auto'` becomes `json-schema`: OpenAI, OpenRouter, LiteLLM, vLLM and Ollama all accept it.
 *
 * @throws {ConfigError} when the credential is not an `OpenAICredential`, `OPENAI_BASE_URL` is not an https
 * (or loopback http) URL, or no key is found for OpenAI's own API
 */
export function resolveOpenAISettings(
  settings: OpenAICompatibleModelSettings,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOpenAISettings {
  const baseURL =
    optionalEndpoint({ config: 'LLMExtractionConfig', option: 'baseURL' }, settings.baseURL) ??
    optionalEndpoint(
      { config: 'environment', option: OPENAI_ENV.baseURL },
      env[OPENAI_ENV.baseURL] || undefined,
    );
  const host = baseURL === undefined ? OPENAI_HOST : new URL(baseURL).host;
  const officialApi = host === OPENAI_HOST;
  return {
    modelId: settings.model ?? DEFAULT_OPENAI_MODEL,
    apiKey: resolveApiKey(settings, env, officialApi),
    baseURL,
    officialApi,
    service: officialApi ? 'OpenAI' : `The OpenAI-compatible endpoint at ${host}`,
    outputMode:
      settings.outputMode === undefined || settings.outputMode === 'auto'
        ? 'json-schema'
        : settings.outputMode,
    timeoutMs: settings.timeoutMs,
    headers: settings.headers,
    fetch: settings.fetch,
  };
}

function resolveApiKey(
  settings: OpenAICompatibleModelSettings,
  env: NodeJS.ProcessEnv,
  officialApi: boolean,
): string {
  const { apiKey, credential } = settings;
  if (apiKey) return apiKey;
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
