/**
 * Redis as the store, on a real `redis-server` started for these tests: through `@keyv/redis`
 * as users plug it, through {@link redisCache}, and killed in the middle of a batch.
 */
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheConfig, ConfigError, linearPipeline, redisCache, type Warning } from '../../src/index.js';
import { createMockExtractionModel, createMockOcrProvider } from '../../src/testing/index.js';
import { findRedisServer, type RedisServer, startRedisServer } from '../support/redis-server.js';
import {
  DOCUMENT,
  type FakeProviders,
  invoicePipeline,
  secretsIn,
  startFakeProviders,
} from './fake-providers.js';

const REDIS = findRedisServer();

describe.skipIf(!REDIS.installed)(`Redis as the cache store${REDIS.skipNote}`, () => {
  let redis: RedisServer;
  let providers: FakeProviders;
  beforeAll(async () => {
    [redis, providers] = await Promise.all([startRedisServer(), startFakeProviders()]);
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), providers?.close()]);
  });
  beforeEach(() => providers.resetCounts());

  it('works as a plain @keyv/redis store: a second run makes no provider call', async () => {
    const store = new Keyv({ store: new KeyvRedis(redis.url), namespace: 'plain' });
    try {
      await invoicePipeline(providers, { cache: new CacheConfig({ store }) }).run(DOCUMENT);
      expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
      providers.resetCounts();
      // Another pipeline, as another machine would build it.
      const second = await invoicePipeline(providers, { cache: store }).run(DOCUMENT);
      expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
      expect(Object.values(second.timings).every((timing) => timing.cached)).toBe(true);
    } finally {
      await store.disconnect();
    }
  });

  it('works through redisCache, and no value in Redis holds a credential', async () => {
    const cache = await redisCache({ url: redis.url, namespace: 'scan' });
    try {
      await invoicePipeline(providers, { cache }).run(DOCUMENT);
      providers.resetCounts();
      await invoicePipeline(providers, { cache }).run(DOCUMENT);
      expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
    } finally {
      await cache.store.disconnect();
    }

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('scan::*');
      expect(keys).toHaveLength(3);
      const values = await Promise.all(keys.map((key) => client.get(key)));
      expect(values.join('\n')).toContain('Textractor Test'); // the scan reads real entries
      for (const text of [...keys, ...values]) expect(secretsIn(String(text))).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('serves many documents started at once on a new connection, with one call per stage', async () => {
    const cache = await redisCache({ url: redis.url, namespace: 'burst' });
    const ocr = createMockOcrProvider();
    const pipeline = linearPipeline({
      jsonSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      cache,
      ocr: { provider: ocr },
      llm: { provider: createMockExtractionModel({ respond: { title: 'x' } }) },
    });
    try {
      // Ten new documents, each asked for twice at once: the first commands all race the connection.
      const documents = Array.from({ length: 10 }, (_, i) => ({ text: `Document ${i}` }));
      const results = await Promise.all(
        [...documents, ...documents].map((document) => pipeline.run(document)),
      );
      expect(results.flatMap((result) => result.warnings).map((warning) => warning.code)).not.toContain(
        'cache-unavailable',
      );
      expect(ocr.calls).toHaveLength(10);
    } finally {
      await cache.store.disconnect();
    }
  });

  it('lets a batch complete with one warning when Redis is killed in the middle of it', async () => {
    const doomed = await startRedisServer();
    const cache = await redisCache({ url: doomed.url, timeoutMs: 500 });
    const ocr = createMockOcrProvider({ latencyMs: 10 });
    const model = createMockExtractionModel({ respond: { title: 'x' }, latencyMs: 10 });
    const pipeline = linearPipeline({
      jsonSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      cache,
      ocr: { provider: ocr },
      llm: { provider: model },
    });
    let finished = 0;
    pipeline.on('stage:finish', ({ kind }) => {
      if (kind === 'llm-extraction' && ++finished === 5) void doomed.kill();
    });

    const documents = Array.from({ length: 20 }, (_, i) => ({ text: `Document ${i}` }));
    const warnings: Warning[] = [];
    let next = 0;
    const worker = async () => {
      while (next < documents.length) {
        const result = await pipeline.run(documents[next++] as { text: string });
        warnings.push(...result.warnings);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));

    expect(finished).toBe(20);
    const unavailable = warnings.filter((warning) => warning.code === 'cache-unavailable');
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0]?.message).toContain('Check the store (e.g. that Redis is running).');
    // Every document was new: each stage ran once per document, cache or not.
    expect(ocr.calls).toHaveLength(20);
    expect(model.requests).toHaveLength(20);
    // Nothing is left connected or reconnecting that would keep the process alive.
    expect((cache.store.store as KeyvRedis<string>).client.isOpen).toBe(false);
    await cache.store.disconnect();
  });

  it('gives up on a Redis that is not there within its timeout, and the run completes', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const cache = await redisCache({ url: gone.url, timeoutMs: 300 });
    const pipeline = linearPipeline({
      jsonSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      cache,
      ocr: { provider: createMockOcrProvider() },
      llm: { provider: createMockExtractionModel({ respond: { title: 'x' } }) },
    });
    const result = await pipeline.run({ text: 'Document' });
    expect(result.data).toEqual({ title: 'x' });
    expect(result.warnings.map((warning) => warning.code)).toContain('cache-unavailable');
    await cache.store.disconnect();
  });
});

describe('redisCache options', () => {
  it('refuses a URL that is not a Redis URL, without quoting it', async () => {
    const attempt = redisCache({ url: 'http://user:hunter2@cache:6379' });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(redisCache({ url: 'http://user:hunter2@cache:6379' })).rejects.not.toThrow(/hunter2/);
    await expect(redisCache({ url: 'redis://localhost', timeoutMs: 0 })).rejects.toThrow(
      'redisCache.timeoutMs must be a whole number of at least 1',
    );
  });
});
