/**
 * One rule, for every adapter, of whether a failed provider call is worth making again and how long the service
 * asked us to wait. Adapters read the facts off their SDK's error and compute this once, where they make the
 * `ProviderError`; the retry policy only reads `retryable` and `retryAfterMs`.
 *
 * @module
 */
import { retryAfterFromHeaders } from './retry-after.js';

/** What an adapter knows about a failed call. */
export interface CallFailure {
  /** The HTTP status, when there was a response. */
  readonly status?: number | undefined;
  /** Reads a response header by lower-case name; absent when there was no response. */
  readonly header?: ((name: string) => string | null | undefined) | undefined;
  /** The vendor's error name (`ThrottlingException`) or the SDK's error class name. */
  readonly name?: string | undefined;
  /** The Node.js system error code of a failed connection (`ECONNRESET`). */
  readonly code?: string | undefined;
}

/** Whether to try again, and the wait the service asked for. */
export interface Retryability {
  readonly retryable: boolean;
  /** From `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After` (seconds or an HTTP date), for a retryable failure. */
  readonly retryAfterMs?: number;
}

// Request timeout, conflict (a concurrent change, e.g. a job still starting), throttling; every 5xx and 529.
const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/** Connection failures: the request may never have reached the service. */
export const RETRYABLE_CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  // The Azure pipelines' code for a request that never got a complete answer.
  'REQUEST_SEND_ERROR',
]);

// The vendors' names for throttling, overload and timeouts (AWS exceptions, SDK timeout classes).
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'TooManyRequestsException',
  'InternalServerError',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'APIConnectionTimeoutError',
  'APIConnectionError',
]);

/**
 * Whether a failed call may succeed if made again: the service's own `x-should-retry: true|false` first, then
 * 408, 409, 429, 5xx (529 included), the vendors' throttling and timeout names, and connection failures. The
 * wait the service asked for is read only for a retryable failure.
 *
 * @example
 * ```ts
 * retryability({ status: 429, header: (name) => response.headers.get(name) }); // { retryable: true, retryAfterMs: 7000 }
 * ```
 */
export function retryability(failure: CallFailure): Retryability {
  const retryable = shouldRetry(failure);
  if (!retryable || failure.header === undefined) return { retryable };
  const retryAfterMs = retryAfterFromHeaders(failure.header);
  return retryAfterMs === undefined ? { retryable } : { retryable, retryAfterMs };
}

function shouldRetry({ status, header, name, code }: CallFailure): boolean {
  const told = header?.('x-should-retry');
  if (told === 'true') return true;
  if (told === 'false') return false;
  if (status !== undefined && (RETRYABLE_STATUSES.has(status) || status >= 500)) return true;
  return (
    (name !== undefined && RETRYABLE_NAMES.has(name)) ||
    (code !== undefined && RETRYABLE_CONNECTION_CODES.has(code))
  );
}
