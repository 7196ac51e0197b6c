/**
 * Failures of the LLM SDKs (`@anthropic-ai/sdk`, `@anthropic-ai/bedrock-sdk`, `openai`) as docpipe
 * errors. The three share one error design: `APIError` with `status`, `headers` and the service's
 * JSON body, and connection and timeout errors without a status. Whether one is worth trying again
 * is the spec's one rule (`retryability`): the service's `x-should-retry`, else throttling (429),
 * overload (529), server errors and timeouts. Messages carry the service's
 * own message with anything that looks like a key removed.
 *
 * @module
 */
import { ProviderError } from '../spec/errors.js';
import { retryability } from '../spec/retryability.js';
import { quotableMessage } from '../util/quotable-message.js';

/** What the user should do about a non-retryable status, by status. */
export type StatusFixes = Readonly<Partial<Record<number, string>>>;

interface SdkApiError {
  readonly name?: string;
  readonly message?: string;
  readonly status?: number;
  readonly headers?: { get(name: string): string | null } | Record<string, string | undefined>;
  readonly error?: unknown;
}

const SECRET_LIKE =
  /\b(?:sk|pk|key|api)[-_][A-Za-z0-9_-]{8,}\b|\bBearer\s+\S+|\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/gi;

/**
 * The docpipe error for a failed SDK call: a {@link ProviderError}, or the abort reason itself
 * when the caller cancelled.
 *
 * @example
 * ```ts
 * try { return await client.messages.create(body, { signal }); }
 * catch (error) { throw llmApiError('anthropic', 'Anthropic', error, ANTHROPIC_FIXES, signal); }
 * ```
 */
export function llmApiError(
  provider: string,
  service: string,
  error: unknown,
  fixes: StatusFixes,
  signal?: AbortSignal,
  secrets: readonly string[] = [],
): unknown {
  if (signal?.aborted) return signal.reason;
  const failure = (error ?? {}) as SdkApiError;
  // The openai SDK's errors are all named 'Error'; their classes still say what happened.
  const className = (error as object | undefined)?.constructor?.name;
  const name = className && className !== 'Error' ? className : (failure.name ?? '');
  const redact = (text: string) => quotableMessage(text, secrets, SECRET_LIKE);
  if (name === 'APIUserAbortError' || name === 'AbortError') return error;
  if (failure.status === undefined) {
    const timedOut = name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(failure.message ?? '');
    return new ProviderError(
      `${service} did not answer${timedOut ? ' in time' : ` (${redact(failure.message ?? 'connection failed')})`}; check that it is running and reachable, or try again later.`,
      { provider, retryable: true, cause: error },
    );
  }
  const status = failure.status;
  const { retryable, retryAfterMs } = retryability({ status, header: headerReader(failure.headers), name });
  const detail = redact(serviceMessage(failure));
  const message = [
    `${service} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
    retryable
      ? 'It is usually temporary; try again later.'
      : (fixes[status] ?? 'Check the request and the model id.'),
  ].join(' ');
  return new ProviderError(message, {
    provider,
    status,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** The service's own error message from the JSON body (`{ error: { message } }` or `{ message }`). */
function serviceMessage(failure: SdkApiError): string {
  const body = failure.error as { error?: { message?: unknown }; message?: unknown } | undefined;
  const message = body?.error?.message ?? body?.message;
  return typeof message === 'string' ? message : '';
}

function headerReader(headers: SdkApiError['headers']): (name: string) => string | undefined {
  if (!headers) return () => undefined;
  if (typeof headers.get === 'function') {
    const get = headers.get.bind(headers) as (name: string) => string | null;
    return (name) => get(name) ?? undefined;
  }
  const record = headers as Record<string, string | undefined>;
  return (name) => record[name] ?? record[name.toLowerCase()];
}
