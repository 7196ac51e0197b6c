/**
 * What the Anthropic and the Bedrock SDK clients have in common for docpipe: `messages.create`, and
 * the client options both are built with.
 *
 * @module
 */
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { optionalEndpoint } from '../../util/config-checks.js';
import type { HttpClientSettings } from '../http-client-settings.js';

/** A Messages API client: `Anthropic` or `AnthropicBedrock`. */
export interface MessagesClient {
  readonly messages: {
    create(
      body: MessageCreateParamsNonStreaming,
      options?: { readonly signal?: AbortSignal | undefined },
    ): PromiseLike<Message>;
  };
  // The credentials the SDK clients hold: Anthropic's key or token, a Bedrock API key, static AWS keys.
  readonly apiKey?: string | null;
  readonly authToken?: string | null;
  readonly awsSecretKey?: string | null;
  readonly awsSessionToken?: string | null;
}

/**
 * The secrets `client` sends with its requests, which no error may quote: a proxy may echo a key
 * in its error message, and a key not shaped like one escapes the generic redaction.
 */
export function clientSecrets(client: MessagesClient): string[] {
  const { apiKey, authToken, awsSecretKey, awsSessionToken } = client;
  return [apiKey, authToken, awsSecretKey, awsSessionToken].filter(
    (secret): secret is string => typeof secret === 'string' && secret !== '',
  );
}

/**
 * The time one request may take when `timeoutMs` is not set: the SDK's own default, given
 * explicitly because without it the SDK refuses non-streaming calls whose `max_tokens` it expects
 * to take longer.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60 * 1000;

/** The options both SDK clients take from an adapter's settings. */
export function sdkClientOptions(settings: HttpClientSettings): {
  maxRetries: number;
  timeout: number;
  defaultHeaders?: Record<string, string>;
  fetch?: typeof fetch;
} {
  return {
    // docpipe's retry policy is the one that runs; the SDK's would multiply it.
    maxRetries: 0,
    timeout: settings.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(settings.headers ? { defaultHeaders: { ...settings.headers } } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  };
}

/**
 * A base URL from an environment variable the SDK also reads, held to docpipe's rule that plain
 * `http://` is only for loopback hosts, since the credential travels with every request.
 *
 * @throws {ConfigError} naming the variable when its value is not such a URL
 */
export function endpointFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[variable];
  return value ? optionalEndpoint({ config: 'environment', option: variable }, value) : undefined;
}
