/**
 * Per-provider rate limits shared by every worker through Redis: requests per second, calls in flight and
 * tokens per minute, and a 429 from the provider slowing every worker at once.
 *
 * Each call reserves its start time in one atomic Lua script, a GCRA ("virtual scheduling"): Redis keeps the
 * provider's next free turn, every reservation takes the turn and moves it on by `1 / requestsPerSecond` (and
 * by `tokens / tokensPerMinute` on a ten-seconds' bucket of tokens), and the caller sleeps until its turn. Starts
 * are therefore evenly spaced across all workers — no fixed windows, so no bursts at a window's edge — and
 * Redis's own clock (`TIME`) is the only clock, so workers' clocks need not agree. Calls in flight are leases in
 * a sorted set that expire if their worker dies. A 429 halves the rate in force for everyone and pauses every
 * worker for the provider's Retry-After (or a backoff); successes bring the rate back, as the local
 * limiter does. BullMQ's own limiter is per queue, not per provider, so it is not used for this.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { ProviderGate } from '../../stages/stage.js';
import { type RateLimit, RateLimiters } from '../rate-limiter.js';
import { throttleOf } from '../rate-throttle.js';

// Halving stops at this fraction of the configured rate, as the local limiter's does.
const FLOOR_FACTOR = 1 / 16;
// A lease on an in-flight call lasts this long unless renewed; a dead worker's lapses within it.
const LEASE_MS = 60_000;
// The keys of a provider idle this long are dropped.
const KEY_TTL_MS = 3_600_000;
// While the in-flight cap is reached, a waiting call asks again after about this long.
const IN_FLIGHT_POLL_MS = 50;

/**
 * Reserves a turn. KEYS: state hash, in-flight set. ARGV: requests/s (0: none), tokens/minute (0: none),
 * tokens of this call, in-flight cap (0: none), lease id, lease ms, key ttl ms.
 * Returns { ms to wait (-1: in-flight cap reached, ask again), the rate factor in force, the turn's time }.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'tat', 'ttat', 'factor', 'paused')
local tat = tonumber(h[1]) or 0
local ttat = tonumber(h[2]) or 0
local factor = tonumber(h[3]) or 1
local paused = tonumber(h[4]) or 0
local rps = tonumber(ARGV[1])
local tpm = tonumber(ARGV[2])
local tokens = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
if cap > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) >= cap then
    return {-1, tostring(factor), tostring(now)}
  end
end
local start = math.max(now, paused)
if rps > 0 then start = math.max(start, tat) end
local rate = 0
local burst = 0
if tpm > 0 then
  rate = tpm * factor / 60000
  burst = rate * 10000
  local n = math.min(tokens, burst)
  start = math.max(start, ttat - (burst - n) / rate)
end
if rps > 0 then redis.call('HSET', KEYS[1], 'tat', string.format('%.3f', start + 1000 / (rps * factor))) end
if tpm > 0 then redis.call('HSET', KEYS[1], 'ttat', string.format('%.3f', math.max(ttat, start) + tokens / rate)) end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
if cap > 0 then
  redis.call('ZADD', KEYS[2], start + tonumber(ARGV[6]), ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
end
return {math.ceil(start - now), tostring(factor), string.format('%.3f', start)}
`;

/**
 * Records a 429. KEYS: state hash. ARGV: pause ms (-1: back off by the streak), the throttled call's turn, floor, ttl.
 * Returns the pause in force, in ms.
 */
const THROTTLED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'factor', 'slowed', 'streak', 'paused', 'tat')
local factor = tonumber(h[1]) or 1
local slowed = tonumber(h[2]) or 0
local streak = (tonumber(h[3]) or 0) + 1
local paused = tonumber(h[4]) or 0
local pause = tonumber(ARGV[1])
if pause < 0 then pause = math.min(1000 * 2 ^ (streak - 1), 60000) * (0.5 + math.random() / 2) end
paused = math.max(paused, now + pause)
-- Calls started before the last slow-down were sent too fast already: their 429s belong to that episode.
if tonumber(ARGV[2]) >= slowed then
  factor = math.max(factor / 2, tonumber(ARGV[3]))
  redis.call('HSET', KEYS[1], 'factor', tostring(factor), 'slowed', tostring(now))
end
redis.call('HSET', KEYS[1], 'streak', tostring(streak), 'paused', string.format('%.3f', paused))
redis.call('HSET', KEYS[1], 'tat', string.format('%.3f', math.max(tonumber(h[5]) or 0, paused)))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return math.ceil(paused - now)
`;

/** Raises the rate factor a step after a success. KEYS: state hash. ARGV: step. */
const RECOVERED = `
local factor = tonumber(redis.call('HGET', KEYS[1], 'factor')) or 1
redis.call('HSET', KEYS[1], 'factor', tostring(math.min(1, factor + tonumber(ARGV[1]))), 'streak', '0')
return 1
`;

/** Extends an in-flight lease. KEYS: in-flight set. ARGV: lease id, lease ms. */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
`;

/** How long every call of the provider must still wait for a pause (ms, 0 when none). KEYS: state hash. */
const PAUSED_FOR = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('HGET', KEYS[1], 'paused')) or 0
return math.max(0, math.ceil(paused - now))
`;

/** Options of {@link SharedRateLimiter.schedule}. */
interface ScheduleOptions {
  readonly tokens?: number;
  readonly signal?: AbortSignal;
}

/**
 * One provider's limits, enforced across every process that uses the same Redis and key prefix.
 *
 * @example
 * ```ts
 * const limiter = new SharedRateLimiter(redis, 'openai-compatible', { requestsPerSecond: 20 });
 * const answer = await limiter.schedule(() => client.chat.completions.create(request), { tokens: 3_000 });
 * ```
 */
export class SharedRateLimiter {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #inFlightKey: string;
  readonly #limit: RateLimit;
  // Recovery per success, as a fraction of the configured rate: +0.1 requests/s, as the local limiter climbs.
  readonly #step: number;

  /** @param prefix Keeps the limiters of different pools apart in one Redis. */
  constructor(redis: Redis, provider: string, limit: RateLimit, prefix = 'docpipe') {
    this.#redis = redis;
    this.#key = `${prefix}:rate:${provider}`;
    this.#inFlightKey = `${this.#key}:in-flight`;
    this.#limit = limit;
    this.#step = limit.requestsPerSecond ? 0.1 / limit.requestsPerSecond : 0.01;
  }

  /** Runs `call` at its turn; a 429 it throws pauses and slows every worker, and is rethrown. */
  async schedule<T>(call: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    const { signal } = options;
    const lease = randomUUID();
    const { factor, turn } = await this.#acquire(lease, options.tokens ?? 0, signal);
    const renew = this.#limit.maxInFlight ? this.#renewLease(lease) : undefined;
    try {
      const result = await call();
      if (factor < 1) await this.#redis.eval(RECOVERED, 1, this.#key, String(this.#step));
      return result;
    } catch (error) {
      const throttle = throttleOf(error);
      if (throttle) {
        const pause = throttle.retryAfterMs ?? -1;
        await this.#redis.eval(
          THROTTLED,
          1,
          this.#key,
          String(pause),
          String(turn),
          String(FLOOR_FACTOR),
          String(KEY_TTL_MS),
        );
      }
      throw error;
    } finally {
      if (renew) {
        clearInterval(renew);
        await this.#redis.zrem(this.#inFlightKey, lease).catch(() => undefined);
      }
    }
  }

  async #acquire(
    lease: string,
    tokens: number,
    signal: AbortSignal | undefined,
  ): Promise<{ factor: number; turn: number }> {
    const { requestsPerSecond = 0, tokensPerMinute = 0, maxInFlight = 0 } = this.#limit;
    for (;;) {
      signal?.throwIfAborted();
      const [waitMs, factor, turn] = (await this.#redis.eval(
        ACQUIRE,
        2,
        this.#key,
        this.#inFlightKey,
        String(requestsPerSecond),
        String(tokensPerMinute),
        String(tokens),
        String(maxInFlight),
        lease,
        String(LEASE_MS),
        String(KEY_TTL_MS),
      )) as [number, string, string];
      if (waitMs < 0) {
        await pause(IN_FLIGHT_POLL_MS * (0.5 + Math.random()), signal);
        continue;
      }
      if (waitMs > 0) {
        await pause(waitMs, signal);
        // A 429 met by another worker while this one slept pauses this call too.
        const pausedFor = Number(await this.#redis.eval(PAUSED_FOR, 1, this.#key));
        if (pausedFor > 0) {
          if (maxInFlight) await this.#redis.zrem(this.#inFlightKey, lease);
          await pause(pausedFor, signal);
          continue;
        }
      }
      return { factor: Number(factor), turn: Number(turn) };
    }
  }

  #renewLease(lease: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      void this.#redis.eval(RENEW, 1, this.#inFlightKey, lease, String(LEASE_MS)).catch(() => undefined);
    }, LEASE_MS / 3);
    timer.unref();
    return timer;
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return sleep(ms, undefined, signal ? { signal } : {});
}

/**
 * The limiters of a worker, one per provider and limit, created as jobs name them, and the pipeline gate
 * that sends each provider call through its provider's limiter.
 */
export class SharedRateLimiters {
  readonly #limiters = new Map<string, SharedRateLimiter>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * The gate for a job whose run set `limits`, `overrides` (the worker's own) taking precedence.
   *
   * @throws {ConfigError} when a limit is invalid, as the local limiter checks them
   */
  gate(
    limits: Readonly<Record<string, RateLimit>> | undefined,
    overrides: Readonly<Record<string, RateLimit>> = {},
  ): ProviderGate {
    const merged = { ...limits, ...overrides };
    // Checked as a local batch checks them, so a bad limit fails alike.
    new RateLimiters(merged);
    return (provider, call, { tokens, signal }) => {
      const limit = merged[provider];
      if (!limit) return call();
      return this.#limiter(provider, limit).schedule(call, {
        ...(tokens === undefined ? {} : { tokens }),
        ...(signal ? { signal } : {}),
      });
    };
  }

  #limiter(provider: string, limit: RateLimit): SharedRateLimiter {
    const key = `${provider}\u0000${JSON.stringify(limit)}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new SharedRateLimiter(this.redis, provider, limit, this.prefix);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}
