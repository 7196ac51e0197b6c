/**
 * Recognising a provider's "slow down" (HTTP 429) and how long to pause for it.
 *
 * @module
 */

// Pauses for 429s that name no Retry-After: from about a second, doubling while they keep
// coming, capped so a stubborn provider still gets tried every minute or so.
const INITIAL_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 60_000;

/** A throttling answer from a provider, and the pause it asked for. */
export interface Throttle {
  /** The provider's `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;
}

/**
 * The throttle `error` signals, or `undefined` when it is some other failure: any error with
 * HTTP status 429 (a `ProviderError` or an SDK's own error) or with a `retryAfterMs`.
 */
export function throttleOf(error: unknown): Throttle | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, retryAfterMs } = error as { status?: unknown; retryAfterMs?: unknown };
  const asked = typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0;
  if (!asked && status !== 429) return undefined;
  return { retryAfterMs: asked ? retryAfterMs : undefined };
}

/**
 * The pause after the `consecutive`-th 429 in a row that named no `Retry-After`: exponential,
 * with "equal jitter" (half fixed, half random) so limiters throttled together spread out.
 */
export function throttlePauseMs(consecutive: number, random: () => number = Math.random): number {
  const ceiling = Math.min(INITIAL_PAUSE_MS * 2 ** (consecutive - 1), MAX_PAUSE_MS);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
