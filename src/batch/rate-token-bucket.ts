/**
 * The tokens-per-minute budget of a rate limiter.
 *
 * @module
 */

// Ten seconds' worth of tokens: providers refill their token budgets continuously, and some
// enforce them over intervals shorter than a minute, so spending a whole minute's tokens at
// once invites a 429 while a smaller bucket keeps the same long-run rate.
const BUCKET_SECONDS = 10;

/**
 * A token bucket refilled continuously at `tokensPerMinute`. A call may start once the bucket
 * holds its estimate (or is full, for calls larger than the bucket); the bucket may go into
 * debt, which later calls wait off, so the long-run rate is exact whatever the call sizes.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #tokensPerMs: number;
  #level: number;
  #updatedAt: number;

  constructor(tokensPerMinute: number, now: number) {
    this.#tokensPerMs = tokensPerMinute / 60_000;
    this.#capacity = (tokensPerMinute * BUCKET_SECONDS) / 60;
    this.#level = this.#capacity;
    this.#updatedAt = now;
  }

  /** How long until a call of `tokens` may start; 0 when it may start now. */
  waitMs(tokens: number, now: number): number {
    this.#refill(now);
    const needed = Math.min(tokens, this.#capacity);
    return this.#level >= needed ? 0 : (needed - this.#level) / this.#tokensPerMs;
  }

  /** Spends `tokens` (a negative number gives tokens back, up to a full bucket). */
  spend(tokens: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.#capacity, this.#level - tokens);
  }

  #refill(now: number): void {
    this.#level = Math.min(this.#capacity, this.#level + (now - this.#updatedAt) * this.#tokensPerMs);
    this.#updatedAt = now;
  }
}
