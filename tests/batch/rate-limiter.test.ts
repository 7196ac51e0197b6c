import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateLimiterClock, RateLimiters } from '../../src/batch/rate-limiter.js';
import { ConfigError, ProviderError } from '../../src/spec/errors.js';

/** A clock that moves only when the test says, running due sleeps in order. */
class FakeClock implements RateLimiterClock {
  #now = 0;
  #sleeps: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeping = { at: this.#now + ms, wake: resolve };
      this.#sleeps.push(sleeping);
      signal?.addEventListener('abort', () => {
        this.#sleeps = this.#sleeps.filter((s) => s !== sleeping);
        reject(signal.reason);
      });
    });
  }

  /** Sleeps not yet over: what would keep a real process alive. */
  get pendingSleeps(): number {
    return this.#sleeps.length;
  }

  /** Moves time on by `ms`, waking each sleep at its time and letting the code it wakes run. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const due = this.#sleeps.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#sleeps = this.#sleeps.filter((s) => s !== due);
      this.#now = Math.max(this.#now, due.at);
      due.wake();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise settled from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Schedules `count` calls, each recording when it started and answering after `latencyMs` of fake time. */
function scheduleCalls(
  limiter: RateLimiter,
  clock: FakeClock,
  count: number,
  options: { latencyMs?: number; tokens?: number } = {},
) {
  const starts: number[] = [];
  const order: number[] = [];
  let running = 0;
  let mostRunning = 0;
  const results = Array.from({ length: count }, (_, index) =>
    limiter.schedule(
      async () => {
        starts.push(clock.now());
        order.push(index);
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        if (options.latencyMs) await clock.sleep(options.latencyMs);
        running -= 1;
        return index;
      },
      options.tokens === undefined ? {} : { tokens: options.tokens },
    ),
  );
  return { starts, order, results, mostRunning: () => mostRunning };
}

/** The least-squares slope of `values` against their index. */
function slope(values: readonly number[]): number {
  const meanIndex = (values.length - 1) / 2;
  const meanValue = values.reduce((sum, value) => sum + value, 0) / values.length;
  let covariance = 0;
  let variance = 0;
  values.forEach((value, index) => {
    covariance += (index - meanIndex) * (value - meanValue);
    variance += (index - meanIndex) ** 2;
  });
  return covariance / variance;
}

const gaps = (times: readonly number[]) => times.slice(1).map((time, i) => time - (times[i] ?? 0));
const throttled = (retryAfterMs?: number) =>
  new ProviderError('Too many requests.', {
    provider: 'anthropic',
    status: 429,
    retryable: true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe('RateLimiter requests per second', () => {
  it('spaces starts evenly at the rate, in the order calls were scheduled', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 5 }, clock);
    const { starts, order, results } = scheduleCalls(limiter, clock, 10);
    await clock.advance(2000);

    expect(await Promise.all(results)).toEqual([...Array(10).keys()]);
    expect(starts).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800]);
    expect(order).toEqual([...Array(10).keys()]);
    expect(limiter.stats()).toEqual({ started: 10, throttled: 0, requestsPerSecond: 5 });
    expect(clock.pendingSleeps).toBe(0);
  });

  it('stays exact with hundreds of calls queued', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('openai-compatible', { requestsPerSecond: 100 }, clock);
    const { starts, order, results } = scheduleCalls(limiter, clock, 500, { latencyMs: 30 });
    await clock.advance(5_100);

    await Promise.all(results);
    expect(order).toEqual([...Array(500).keys()]);
    expect(new Set(gaps(starts))).toEqual(new Set([10]));
    expect(clock.pendingSleeps).toBe(0);
  });

  it('does not bank idle time into a burst', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 10 }, clock);
    await clock.advance(5_000);
    const { starts } = scheduleCalls(limiter, clock, 3);
    await clock.advance(1_000);
    expect(starts).toEqual([5_000, 5_100, 5_200]);
  });

  // Real time on a shared machine: a stall longer than one interval (50 ms) is time lost for
  // good, so a starved run may miss by more than 5%; another try tells that from a real drift.
  it('achieves the rate in real time, without bursts', { retry: 2 }, async () => {
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 20 });
    const starts: number[] = [];
    const calls = Array.from({ length: 30 }, () =>
      limiter.schedule(async () => {
        starts.push(performance.now());
      }),
    );
    await Promise.all(calls);

    // The slope of start time against call number: one start that a busy machine ran late
    // moves it little, while a limiter that drifts or bursts moves it a lot.
    const achieved = 1000 / slope(starts);
    expect(Math.abs(achieved - 20) / 20).toBeLessThan(0.05);
    // No burst: any second holds at most one start more than the rate, even when a timer ran late.
    const mostInOneSecond = Math.max(
      ...starts.map((start) => starts.filter((s) => s >= start && s < start + 1000).length),
    );
    expect(mostInOneSecond).toBeLessThanOrEqual(21);
  });
});

describe('RateLimiter calls in flight', () => {
  it('never runs more than maxInFlight calls at once', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('aws.textract', { maxInFlight: 3 }, clock);
    const { starts, results, mostRunning } = scheduleCalls(limiter, clock, 10, { latencyMs: 100 });
    await clock.advance(1_000);

    await Promise.all(results);
    expect(mostRunning()).toBe(3);
    expect(starts).toEqual([0, 0, 0, 100, 100, 100, 200, 200, 200, 300]);
    expect(clock.pendingSleeps).toBe(0);
  });
});

describe('RateLimiter tokens per minute', () => {
  it('holds calls until the bucket has their estimate', async () => {
    const clock = new FakeClock();
    // 60,000 tokens/min is 1,000 a second; the bucket holds ten seconds' worth.
    const limiter = new RateLimiter('anthropic', { tokensPerMinute: 60_000 }, clock);
    const { starts, results } = scheduleCalls(limiter, clock, 6, { tokens: 5_000 });
    await clock.advance(30_000);

    await Promise.all(results);
    expect(starts).toEqual([0, 0, 5_000, 10_000, 15_000, 20_000]);
  });

  it('corrects the estimate by what the call used', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { tokensPerMinute: 60_000 }, clock);
    const starts: number[] = [];
    const call = (used: number) =>
      limiter.schedule(
        async () => {
          starts.push(clock.now());
          return { usage: used };
        },
        { tokens: 10_000, usedTokens: (result) => result.usage },
      );
    const calls = [call(2_000), call(2_000), call(15_000), call(1_000)];
    await clock.advance(60_000);
    await Promise.all(calls);

    // Each 2,000-token call gave 8,000 back; the 15,000-token one left a debt of 5,000.
    expect(starts).toEqual([0, 2_000, 4_000, 19_000]);
  });

  it('lets a call larger than the bucket start once it is full, without overtaking', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { tokensPerMinute: 60_000 }, clock);
    const starts: string[] = [];
    const call = (name: string, tokens: number) =>
      limiter.schedule(async () => starts.push(`${name}@${clock.now()}`), { tokens });
    const calls = [call('small', 6_000), call('huge', 50_000), call('tiny', 1)];
    await clock.advance(60_000);
    await Promise.all(calls);

    // The bucket holds 10,000 tokens and refills 1,000 a second: 'huge' waits 6 s for a full
    // bucket, then its debt of 40,000 is paid off before 'tiny' (after it in line) may start.
    expect(starts).toEqual(['small@0', 'huge@6000', 'tiny@46001']);
  });
});

describe('RateLimiter throttling', () => {
  it('pauses every call for Retry-After, halves the rate, then climbs back', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 10 }, clock);
    const starts: number[] = [];
    const first = limiter.schedule(async () => {
      starts.push(clock.now());
      throw throttled(1_000);
    });
    const rest = scheduleCalls(limiter, clock, 4);
    await expect(first).rejects.toMatchObject({ status: 429, retryAfterMs: 1_000 });
    await clock.advance(2_000);
    await Promise.all(rest.results);

    expect(starts).toEqual([0]);
    // Everyone waited out the Retry-After, then went at half the rate, climbing back with each success.
    expect(rest.starts[0]).toBe(1_000);
    expect(gaps(rest.starts)[0]).toBe(200);
    for (const gap of gaps(rest.starts).slice(1)) expect(gap).toBeGreaterThan(190);
    expect(limiter.stats()).toMatchObject({ started: 5, throttled: 1 });

    // Each success adds 0.1 requests/s back, up to the configured 10.
    const rates: number[] = [];
    const recovery = Array.from({ length: 60 }, () =>
      limiter.schedule(async () => {
        rates.push(limiter.stats().requestsPerSecond ?? Number.NaN);
      }),
    );
    await clock.advance(20_000);
    await Promise.all(recovery);
    expect(rates[0]).toBeCloseTo(5.4);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(limiter.stats().requestsPerSecond).toBe(10);
  });

  it('halves once for the 429s of calls that were in flight together', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 40, maxInFlight: 4 }, clock);
    const gates = Array.from({ length: 4 }, () => deferred());
    const calls = gates.map((gate) => limiter.schedule(() => gate.promise));
    await clock.advance(100);
    for (const gate of gates) gate.reject(throttled(0));
    await Promise.allSettled(calls);

    expect(limiter.stats()).toEqual({ started: 4, throttled: 4, requestsPerSecond: 20 });
  });

  it('does not halve below a floor', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 16 }, clock);
    for (let i = 0; i < 10; i++) {
      await Promise.allSettled([limiter.schedule(() => Promise.reject(throttled(0)))]);
      await clock.advance(1_000);
    }
    expect(limiter.stats().requestsPerSecond).toBe(1);
  });

  it('backs off with jitter when the 429 names no Retry-After', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', {}, clock);
    await expect(limiter.schedule(() => Promise.reject(throttled()))).rejects.toBeInstanceOf(ProviderError);
    const { starts, results } = scheduleCalls(limiter, clock, 1);
    await clock.advance(2_000);
    await Promise.all(results);

    expect(starts[0]).toBeGreaterThanOrEqual(500);
    expect(starts[0]).toBeLessThanOrEqual(1_000);
  });

  it('learns a rate when none was set, and drops it once recovered', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('openai-compatible', { maxInFlight: 2 }, clock);
    const { results } = scheduleCalls(limiter, clock, 20, { latencyMs: 100 });
    await clock.advance(1_000);
    await Promise.all(results);
    expect(limiter.stats().requestsPerSecond).toBeUndefined();

    await Promise.allSettled([limiter.schedule(() => Promise.reject(throttled(0)))]);
    // 21 starts over the last second: paced at half of that.
    expect(limiter.stats().requestsPerSecond).toBeCloseTo(10.5);

    const recovery = scheduleCalls(limiter, clock, 120);
    await clock.advance(60_000);
    await Promise.all(recovery.results);
    expect(limiter.stats().requestsPerSecond).toBeUndefined();
    expect(clock.pendingSleeps).toBe(0);
  });

  it('rethrows other errors without pausing anyone', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 10 }, clock);
    const failure = new ProviderError('Bad request.', { provider: 'anthropic', status: 400 });
    const failing = expect(limiter.schedule(() => Promise.reject(failure))).rejects.toBe(failure);
    const thrower = expect(
      limiter.schedule(() => {
        throw new TypeError('not even a promise');
      }),
    ).rejects.toThrow(TypeError);
    const { starts, results } = scheduleCalls(limiter, clock, 2);
    await clock.advance(1_000);

    await failing;
    await thrower;
    await Promise.all(results);
    expect(starts).toEqual([200, 300]);
    expect(limiter.stats()).toEqual({ started: 4, throttled: 0, requestsPerSecond: 10 });
  });
});

describe('RateLimiter abort', () => {
  it('rejects a waiting call with the signal reason and frees its place', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { maxInFlight: 1 }, clock);
    const running = deferred<string>();
    const first = limiter.schedule(() => running.promise);
    const controller = new AbortController();
    let abortedRan = false;
    const aborted = limiter.schedule(
      async () => {
        abortedRan = true;
      },
      { signal: controller.signal },
    );
    const third = limiter.schedule(async () => 'third');

    controller.abort(new Error('cancelled by the user'));
    await expect(aborted).rejects.toThrow('cancelled by the user');
    running.resolve('first');
    expect(await Promise.all([first, third])).toEqual(['first', 'third']);
    expect(abortedRan).toBe(false);
    expect(limiter.stats().started).toBe(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new RateLimiter('anthropic', {});
    const reason = new Error('too late');
    await expect(limiter.schedule(async () => 1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(limiter.stats().started).toBe(0);
  });

  it('leaves no timer running once every waiting call is aborted', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter('anthropic', { requestsPerSecond: 1 }, clock);
    const controller = new AbortController();
    const calls = [1, 2, 3].map((n) => limiter.schedule(async () => n, { signal: controller.signal }));
    await settle();
    expect(clock.pendingSleeps).toBe(1);

    controller.abort();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(clock.pendingSleeps).toBe(0);
  });
});

describe('RateLimiters', () => {
  it('gives one shared limiter per configured provider', () => {
    const limiters = new RateLimiters({
      anthropic: { requestsPerSecond: 5 },
      'aws.textract': { maxInFlight: 2 },
    });
    expect(limiters.forProvider('anthropic')).toBe(limiters.forProvider('anthropic'));
    expect(limiters.forProvider('anthropic')?.name).toBe('anthropic');
    expect(limiters.forProvider('tesseract')).toBeUndefined();
  });

  it.each([
    [{ anthropic: { requestsPerSecond: 0 } }, 'rateLimits.anthropic.requestsPerSecond'],
    [
      { anthropic: { requestsPerSecond: Number.POSITIVE_INFINITY } },
      'rateLimits.anthropic.requestsPerSecond',
    ],
    [{ bedrock: { maxInFlight: 1.5 } }, 'rateLimits.bedrock.maxInFlight'],
    [{ bedrock: { maxInFlight: 0 } }, 'rateLimits.bedrock.maxInFlight'],
    [{ 'openai-compatible': { tokensPerMinute: '1000' } }, 'rateLimits.openai-compatible.tokensPerMinute'],
    [{ 'aws.textract': { requestPerSecond: 5 } }, 'rateLimits.aws.textract.requestPerSecond'],
    [{ tesseract: 5 }, 'rateLimits.tesseract'],
  ])('rejects %j naming %s', (limits, option) => {
    const make = () => new RateLimiters(limits as never);
    expect(make).toThrow(ConfigError);
    try {
      make();
    } catch (error) {
      expect((error as ConfigError).option).toBe(option);
      expect((error as ConfigError).message).toMatch(/^rateLimits\./);
    }
  });

  it('rejects a negative token estimate', async () => {
    const limiter = new RateLimiter('anthropic', { tokensPerMinute: 1_000 });
    await expect(limiter.schedule(async () => 1, { tokens: -1 })).rejects.toThrow(ConfigError);
  });
});
