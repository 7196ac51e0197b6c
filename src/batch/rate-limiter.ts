/**
 * Per-provider rate limits for batch runs: requests per second, calls in flight and tokens per
 * minute, shared by every stage and document that calls one provider, and adapting when the
 * provider throttles.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../spec/errors.js';
import { invalidOption, type OptionName, optionalInteger } from '../util/config-checks.js';
import { RequestPacer } from './rate-pacer.js';
import { throttleOf, throttlePauseMs } from './rate-throttle.js';
import { TokenBucket } from './rate-token-bucket.js';

/** The limits of one provider; each is off when not given. */
export interface RateLimit {
  /** Calls started per second, at most; starts are evenly spaced, never in bursts. */
  readonly requestsPerSecond?: number;
  /** Calls in flight at once, at most. */
  readonly maxInFlight?: number;
  /** Tokens per minute (LLMs), counted from each call's estimate and corrected by what it actually used. */
  readonly tokensPerMinute?: number;
}

const RATE_LIMIT_OPTIONS = ['requestsPerSecond', 'maxInFlight', 'tokensPerMinute'] as const;

/** Where a rate limiter reads the time and waits; tests pass a fake one. */
export interface RateLimiterClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves after `ms`; may reject or resolve early once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const SYSTEM_CLOCK: RateLimiterClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
};

/** Options of one {@link RateLimiter.schedule} call. */
export interface ScheduleOptions<T> {
  /** The call's estimated token count, charged against `tokensPerMinute`. @default 0 */
  readonly tokens?: number;
  /** Aborting it while the call waits for its turn rejects with `signal.reason` and frees its place. */
  readonly signal?: AbortSignal;
  /** The tokens the call actually used, read from its result; corrects the estimate. */
  readonly usedTokens?: (result: T) => number | undefined;
}

/** What a {@link RateLimiter} has done so far. */
export interface RateLimiterStats {
  /** Calls started. */
  readonly started: number;
  /** 429s seen. */
  readonly throttled: number;
  /** The request rate in force (lowered while throttled); `undefined` when starts are not paced. */
  readonly requestsPerSecond: number | undefined;
}

/** A call waiting for its turn. */
interface Waiter {
  readonly tokens: number;
  readonly signal: AbortSignal | undefined;
  /** Runs the call, started at `startedAt`. */
  readonly start: (startedAt: number) => void;
  readonly onAbort: () => void;
}

/**
 * Runs one provider's calls as fast as its limits allow, in the order they were scheduled.
 *
 * Starts are spaced `1 / requestsPerSecond` apart (a token bucket holding a single request, so
 * there are no bursts); `maxInFlight` caps calls running at once; `tokensPerMinute` is a bucket
 * of ten seconds' worth of tokens refilled continuously. A 429 pauses every call of the limiter
 * for the provider's `Retry-After` (or a jittered backoff), halves the request rate and lets it
 * climb back after successes. A timer runs only while a call waits for its turn.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter('anthropic', { requestsPerSecond: 20, tokensPerMinute: 400_000 });
 * const answer = await limiter.schedule(() => client.messages.create(request), {
 *   tokens: 3_000,
 *   signal,
 *   usedTokens: (message) => message.usage.input_tokens + message.usage.output_tokens,
 * });
 * ```
 */
export class RateLimiter {
  readonly #clock: RateLimiterClock;
  readonly #maxInFlight: number;
  readonly #pacer: RequestPacer;
  readonly #tokens: TokenBucket | undefined;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #started = 0;
  #throttled = 0;
  #throttledInARow = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #wake: { readonly at: number; readonly controller: AbortController } | undefined;

  /**
   * @param name The provider's name, as it reports it (`anthropic`, `aws.textract`, …).
   * @param clock Where time is read and waited; tests pass a fake one.
   * @throws {ConfigError} when a limit is unknown or not a positive number (`maxInFlight`: a
   *   whole number), naming it as `rateLimits.<name>.<limit>`.
   */
  constructor(
    readonly name: string,
    limit: RateLimit,
    clock: RateLimiterClock = SYSTEM_CLOCK,
  ) {
    const checked = checkRateLimit(name, limit);
    this.#clock = clock;
    this.#maxInFlight = checked.maxInFlight ?? Number.POSITIVE_INFINITY;
    this.#pacer = new RequestPacer(checked.requestsPerSecond);
    this.#tokens =
      checked.tokensPerMinute === undefined
        ? undefined
        : new TokenBucket(checked.tokensPerMinute, clock.now());
  }

  /**
   * Runs `call` as soon as the limits allow, after every call scheduled before it. A 429 from
   * `call` (an error with status 429 or a `retryAfterMs`) pauses every call of this limiter for
   * its Retry-After (or a backoff with jitter when absent) and halves the request rate, which
   * climbs back after successes; the error is rethrown, for the caller's retry policy to decide.
   *
   * @returns What `call` resolves to.
   * @throws what `call` throws; `signal.reason` when aborted before its turn.
   */
  async schedule<T>(call: () => Promise<T>, options: ScheduleOptions<T> = {}): Promise<T> {
    const { signal, usedTokens } = options;
    const tokens = checkTokens(options.tokens);
    signal?.throwIfAborted();
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        tokens,
        signal,
        start: (startedAt) => this.#run(call, startedAt, tokens, usedTokens).then(resolve, reject),
        onAbort: () => {
          const place = this.#queue.indexOf(waiter);
          if (place >= 0) this.#queue.splice(place, 1);
          reject(signal?.reason);
          this.#pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** Numbers for progress and tests: calls started, throttled (429s seen), current requests/s. */
  stats(): RateLimiterStats {
    return { started: this.#started, throttled: this.#throttled, requestsPerSecond: this.#pacer.rate };
  }

  /** Starts every waiting call the limits allow now, then sleeps until the next may start. */
  #pump(): void {
    for (;;) {
      const next = this.#queue[0];
      // An idle limiter, or one waiting for a call to finish, needs no timer.
      if (next === undefined || this.#inFlight >= this.#maxInFlight) {
        this.#cancelWake();
        return;
      }
      const now = this.#clock.now();
      const waitMs = Math.max(
        this.#pausedUntil - now,
        this.#pacer.waitMs(now),
        this.#tokens?.waitMs(next.tokens, now) ?? 0,
      );
      if (waitMs > 0) {
        this.#wakeAt(now + waitMs);
        return;
      }
      this.#queue.shift();
      next.signal?.removeEventListener('abort', next.onAbort);
      this.#inFlight += 1;
      this.#started += 1;
      this.#pacer.recordStart(now);
      this.#tokens?.spend(next.tokens, now);
      next.start(now);
    }
  }

  async #run<T>(
    call: () => Promise<T>,
    startedAt: number,
    estimate: number,
    usedTokens: ((result: T) => number | undefined) | undefined,
  ): Promise<T> {
    try {
      const result = await call();
      this.#throttledInARow = 0;
      this.#pacer.speedUp();
      const used = usedTokens?.(result);
      if (this.#tokens && used !== undefined && Number.isFinite(used)) {
        this.#tokens.spend(used - estimate, this.#clock.now());
      }
      return result;
    } catch (error) {
      this.#onFailure(error, startedAt);
      throw error;
    } finally {
      this.#inFlight -= 1;
      this.#pump();
    }
  }

  #onFailure(error: unknown, startedAt: number): void {
    const throttle = throttleOf(error);
    if (!throttle) return;
    const now = this.#clock.now();
    this.#throttled += 1;
    this.#throttledInARow += 1;
    const pauseMs = throttle.retryAfterMs ?? throttlePauseMs(this.#throttledInARow);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + pauseMs);
    this.#pacer.slowDown(now, startedAt);
  }

  #wakeAt(at: number): void {
    // A wake-up armed for sooner pumps and re-arms in time; only one armed for later must move.
    if (this.#wake && this.#wake.at <= at) return;
    this.#cancelWake();
    const controller = new AbortController();
    this.#wake = { at, controller };
    // Whole milliseconds, rounded up: waking a fraction early would only sleep again.
    this.#clock.sleep(Math.ceil(at - this.#clock.now()), controller.signal).then(
      () => this.#woke(controller),
      () => undefined,
    );
  }

  #woke(controller: AbortController): void {
    if (controller.signal.aborted) return;
    this.#wake = undefined;
    this.#pump();
  }

  #cancelWake(): void {
    this.#wake?.controller.abort();
    this.#wake = undefined;
  }
}

/**
 * One {@link RateLimiter} per provider name, shared by every stage and document that calls it.
 *
 * @example
 * ```ts
 * const limiters = new RateLimiters({
 *   anthropic: { requestsPerSecond: 20, maxInFlight: 10, tokensPerMinute: 400_000 },
 *   'aws.textract': { requestsPerSecond: 5 },
 * });
 * const gate = (provider, call, options) => limiters.forProvider(provider)?.schedule(call, options) ?? call();
 * ```
 */
export class RateLimiters {
  readonly #limiters = new Map<string, RateLimiter>();

  /**
   * @param limits The limits of each provider, keyed by the provider's name as it reports it:
   *   `anthropic`, `bedrock`, `openai-compatible`, `aws.textract`, `azure.document-intelligence`,
   *   `tesseract`, …
   * @param clock Where the limiters read time and wait; tests pass a fake one.
   * @throws {ConfigError} naming the option at fault, e.g. `rateLimits.anthropic.requestsPerSecond`.
   */
  constructor(limits: Readonly<Record<string, RateLimit>>, clock: RateLimiterClock = SYSTEM_CLOCK) {
    if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
      throw new ConfigError(
        `rateLimits must be an object keyed by provider name, such as { anthropic: { requestsPerSecond: 10 } }.`,
        { option: 'rateLimits' },
      );
    }
    for (const [provider, limit] of Object.entries(limits)) {
      this.#limiters.set(provider, new RateLimiter(provider, limit, clock));
    }
  }

  /** The limiter of `provider`, or `undefined` when it has no limits. */
  forProvider(provider: string): RateLimiter | undefined {
    return this.#limiters.get(provider);
  }
}

function checkRateLimit(provider: string, limit: unknown): RateLimit {
  const name = (option: string): OptionName => ({ config: 'rateLimits', option: `${provider}.${option}` });
  if (typeof limit !== 'object' || limit === null || Array.isArray(limit)) {
    throw new ConfigError(
      `rateLimits.${provider} must be an object such as { requestsPerSecond: 10 }, got ${JSON.stringify(limit)}.`,
      { option: `rateLimits.${provider}` },
    );
  }
  for (const key of Object.keys(limit)) {
    if (!(RATE_LIMIT_OPTIONS as readonly string[]).includes(key)) {
      throw new ConfigError(
        `rateLimits.${provider} has no option '${key}'. Valid options are: ${RATE_LIMIT_OPTIONS.join(', ')}.`,
        { option: `rateLimits.${provider}.${key}` },
      );
    }
  }
  const { requestsPerSecond, maxInFlight, tokensPerMinute } = limit as Record<string, unknown>;
  return {
    requestsPerSecond: positiveNumber(name('requestsPerSecond'), requestsPerSecond),
    maxInFlight: optionalInteger(name('maxInFlight'), maxInFlight, 1),
    tokensPerMinute: positiveNumber(name('tokensPerMinute'), tokensPerMinute),
  };
}

function positiveNumber(name: OptionName, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalidOption(name, 'a positive number', value);
  }
  return value;
}

function checkTokens(tokens: unknown): number {
  if (tokens === undefined) return 0;
  if (typeof tokens !== 'number' || !Number.isFinite(tokens) || tokens < 0) {
    invalidOption({ config: 'RateLimiter.schedule', option: 'tokens' }, 'a number of at least 0', tokens);
  }
  return tokens;
}
