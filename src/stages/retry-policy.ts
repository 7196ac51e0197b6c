/**
 * When and how long to wait before running a failed stage again.
 *
 * @module
 */
import { formatSeconds } from '../document/limits.js';
import type { Warning } from '../spec/document.js';
import { ProviderError } from '../spec/errors.js';
import { type OptionName, optionalInteger } from '../util/config-checks.js';

/** How a stage is retried after a retryable failure (throttling, 5xx, timeouts). */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. @default 3 */
  readonly maxAttempts: number;
  /** Delay before the first retry; it doubles with each attempt. @default 500 */
  readonly initialDelayMs: number;
  /** Upper bound of the backoff between attempts. @default 30000 */
  readonly maxDelayMs: number;
  /**
   * Upper bound of a wait the service asks for (`Retry-After`), which is honoured beyond `maxDelayMs`: asking
   * again sooner would only be refused again. A longer ask is cut to this, with a `retry-after-capped` warning.
   * @default 120000
   */
  readonly maxRetryAfterMs: number;
}

/** Retry options as users write them; `false` turns retries off. */
export type RetryOptions = Partial<RetryPolicy> | false;

/** The policy applied when a stage sets none. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
});

/** Checks retry options and fills in the defaults. */
export function resolveRetryPolicy(config: string, options: RetryOptions | undefined): RetryPolicy {
  if (options === undefined) return DEFAULT_RETRY_POLICY;
  if (options === false) return { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };
  const name = (option: string): OptionName => ({ config, option: `retry.${option}` });
  return Object.freeze({
    maxAttempts:
      optionalInteger(name('maxAttempts'), options.maxAttempts, 1) ?? DEFAULT_RETRY_POLICY.maxAttempts,
    initialDelayMs:
      optionalInteger(name('initialDelayMs'), options.initialDelayMs, 0) ??
      DEFAULT_RETRY_POLICY.initialDelayMs,
    maxDelayMs: optionalInteger(name('maxDelayMs'), options.maxDelayMs, 0) ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs:
      optionalInteger(name('maxRetryAfterMs'), options.maxRetryAfterMs, 0) ??
      DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  });
}

/** Whether trying again may succeed: retryable provider errors and timeouts. */
export function isRetryable(error: unknown): boolean {
  if (ProviderError.isInstance(error)) return error.retryable;
  return (error as { name?: unknown } | null)?.name === 'TimeoutError';
}

/**
 * The wait before attempt `attempt + 1`: the provider's `Retry-After` when it gave one (up to
 * `maxRetryAfterMs`), otherwise exponential backoff with "equal jitter" (half fixed, half random), so many
 * clients throttled together spread out.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: unknown): number {
  if (ProviderError.isInstance(error) && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  }
  const ceiling = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A `retry-after-capped` warning when the provider asked for a longer wait than the policy allows, else `undefined`. */
export function retryAfterCapWarning(
  policy: RetryPolicy,
  error: unknown,
): Omit<Warning, 'stageId'> | undefined {
  if (!ProviderError.isInstance(error) || error.retryAfterMs === undefined) return undefined;
  if (error.retryAfterMs <= policy.maxRetryAfterMs) return undefined;
  return {
    code: 'retry-after-capped',
    message: `${error.provider} asked to wait ${formatSeconds(error.retryAfterMs)} s before trying again; docpipe waited ${formatSeconds(policy.maxRetryAfterMs)} s (retry.maxRetryAfterMs), so the retry may be refused again; raise retry.maxRetryAfterMs to wait as asked.`,
  };
}
