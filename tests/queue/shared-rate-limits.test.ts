/**
 * The limiter workers share through Redis, two "workers" (limiters on separate connections) against a real
 * redis-server: a 429 one of them meets pauses and slows the other, and the in-flight cap holds across both.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../../src/batch/queue/shared-rate-limits.js';
import { ProviderError } from '../../src/spec/errors.js';
import { findRedisServer, type RedisServer, startRedisServer } from '../support/redis-server.js';

const redisInstalled = findRedisServer();

describe.skipIf(!redisInstalled.installed)(`SharedRateLimiter${redisInstalled.skipNote}`, () => {
  let redis: RedisServer;
  let clients: Redis[];
  beforeAll(async () => {
    redis = await startRedisServer();
    clients = [new Redis(redis.url), new Redis(redis.url)];
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('pauses every worker for the Retry-After of a 429 one of them met, and halves the rate', async () => {
    const [a, b] = clients.map(
      (client) => new SharedRateLimiter(client as Redis, 'throttled', { requestsPerSecond: 50 }, 'test-429'),
    ) as [SharedRateLimiter, SharedRateLimiter];
    const tooMany = new ProviderError('Too many requests', {
      provider: 'throttled',
      status: 429,
      retryAfterMs: 600,
    });
    await expect(a.schedule(() => Promise.reject(tooMany))).rejects.toBe(tooMany);
    const started = performance.now();
    await b.schedule(async () => undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    // Halved: 25/s, so four more calls take three intervals of 40 ms at least (a late timer only adds to it).
    const before = performance.now();
    let lastStart = before;
    for (let i = 0; i < 4; i++) await (i % 2 ? a : b).schedule(async () => (lastStart = performance.now()));
    expect(lastStart - before).toBeGreaterThanOrEqual(3 * 40 * 0.95);
  });

  it('caps the calls in flight across workers', async () => {
    const [a, b] = clients.map(
      (client) => new SharedRateLimiter(client as Redis, 'capped', { maxInFlight: 2 }, 'test-cap'),
    ) as [SharedRateLimiter, SharedRateLimiter];
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 60));
      inFlight -= 1;
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).schedule(call)));
    expect(most).toBe(2);
  });
});
