/**
 * How long a provider asked us to wait, from its response headers.
 *
 * @module
 */

/** `Retry-After` (delay-seconds or an HTTP date) in ms; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The wait a response asks for: the millisecond headers some services add (`retry-after-ms`,
 * Azure's `x-ms-retry-after-ms`) first, then the standard `Retry-After`.
 */
export function retryAfterFromHeaders(
  header: (name: string) => string | null | undefined,
): number | undefined {
  const milliseconds = Number(header('retry-after-ms') ?? header('x-ms-retry-after-ms') ?? Number.NaN);
  return Number.isFinite(milliseconds) ? Math.max(0, milliseconds) : parseRetryAfter(header('retry-after'));
}
