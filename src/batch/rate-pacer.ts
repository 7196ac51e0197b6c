/**
 * The requests-per-second side of a rate limiter: evenly spaced starts, halved when the
 * provider throttles and raised again step by step after successes.
 *
 * @module
 */

// Timers fire with millisecond granularity, so at rates above a few hundred per second one
// wake-up has to start the few calls whose turns fell within it.
const MIN_LATENESS_TOLERANCE_MS = 4;
// Additive increase per successful call, in requests/s. A constant step brings a halved rate back
// in about 2 / (3 × step) ≈ 7 s of steady successes, whether the rate is 1/s or 1,000/s.
const RECOVERY_STEP_PER_CALL = 0.1;
// Halving stops at this fraction of the ceiling, so a burst of 429s cannot stall a batch.
const FLOOR_FRACTION = 1 / 16;
// Without a configured rate, the rate in force when the provider throttled is measured over
// the starts of this window.
const OBSERVATION_WINDOW_MS = 5_000;

/**
 * Spaces call starts `1 / rate` apart: a token bucket holding one token (no bursts).
 *
 * Starts sit on a grid of turns. A start that comes late (its timer fired late, or the
 * in-flight cap held it) keeps the grid when it is less than one interval late, so lateness
 * does not lower the achieved rate; a start later than that restarts the grid from now, so idle
 * time never banks a burst. Two starts are thus never closer than one interval minus that
 * lateness, and over any window the count stays within one of `rate × window`.
 *
 * On a 429 the rate halves (once per throttling episode, not once per throttled call) down to
 * a floor; each success adds a small constant step until it is back to the ceiling. Without a
 * configured rate the pacer starts unpaced, and a 429 makes it pace at half the rate it had
 * reached, climbing back to that rate and then unpaced again.
 */
export class RequestPacer {
  readonly #configured: number | undefined;
  #ceiling: number | undefined;
  #rate: number | undefined;
  #nextTurnAt = Number.NEGATIVE_INFINITY;
  #slowedDownAt = Number.NEGATIVE_INFINITY;
  readonly #recentStarts: number[] = [];

  constructor(requestsPerSecond: number | undefined) {
    this.#configured = requestsPerSecond;
    this.#ceiling = requestsPerSecond;
    this.#rate = requestsPerSecond;
  }

  /** The rate in force, in requests/s; `undefined` when starts are not paced. */
  get rate(): number | undefined {
    return this.#rate;
  }

  /** How long until the next call may start; 0 when it may start now. */
  waitMs(now: number): number {
    return this.#rate === undefined ? 0 : Math.max(0, this.#nextTurnAt - now);
  }

  /** Takes the current turn for a call starting `now`. */
  recordStart(now: number): void {
    if (this.#configured === undefined) this.#observe(now);
    if (this.#rate === undefined) return;
    const interval = 1000 / this.#rate;
    const onTime = now - this.#nextTurnAt <= Math.max(interval, MIN_LATENESS_TOLERANCE_MS);
    this.#nextTurnAt = (onTime ? this.#nextTurnAt : now) + interval;
  }

  /** Halves the rate after a 429 from a call started at `callStartedAt`. */
  slowDown(now: number, callStartedAt: number): void {
    // Calls sent before the last slow-down were sent too fast already; their 429s belong to the
    // episode that slow-down answered.
    if (callStartedAt < this.#slowedDownAt) return;
    this.#slowedDownAt = now;
    const ceiling = this.#ceiling ?? this.#observedRate(now);
    this.#ceiling = ceiling;
    this.#rate = Math.max((this.#rate ?? ceiling) / 2, ceiling * FLOOR_FRACTION);
  }

  /** Raises the rate a step after a call succeeded. */
  speedUp(): void {
    if (this.#rate === undefined || this.#ceiling === undefined) return;
    this.#rate = Math.min(this.#rate + RECOVERY_STEP_PER_CALL, this.#ceiling);
    if (this.#rate === this.#ceiling && this.#configured === undefined) {
      this.#rate = undefined;
      this.#ceiling = undefined;
    }
  }

  #observe(now: number): void {
    this.#recentStarts.push(now);
    this.#forgetBefore(now - OBSERVATION_WINDOW_MS);
  }

  /** Starts per second over the observation window (at least one start over at least a second). */
  #observedRate(now: number): number {
    this.#forgetBefore(now - OBSERVATION_WINDOW_MS);
    const oldest = this.#recentStarts[0] ?? now;
    return Math.max(1, this.#recentStarts.length) / Math.max(1, (now - oldest) / 1000);
  }

  #forgetBefore(time: number): void {
    while ((this.#recentStarts[0] ?? time) < time) this.#recentStarts.shift();
  }
}
