/** The default cache: a Map of the process made by the pipeline, keeping entries as JSON text. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheConfig } from '../../src/cache/cache-config.js';
import { type CacheEntry, StageCache } from '../../src/cache/stage-cache.js';

const noWarnings = () => {
  throw new Error('the in-memory store never fails');
};

function computing(output: unknown): { compute: () => Promise<CacheEntry>; runs: () => number } {
  let runs = 0;
  return {
    compute: async () => {
      runs += 1;
      return { output, warnings: [] };
    },
    runs: () => runs,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the default in-memory store', () => {
  it('serves what was stored, as it was when stored, not as the caller changed it since', async () => {
    const cache = new StageCache(new CacheConfig());
    const output = { total: 93.5, lines: [{ text: 'INV-3337' }] };
    const stage = computing(output);
    const first = await cache.resolve('key', stage.compute, noWarnings);
    output.lines[0] = { text: 'changed by the caller' };
    const second = await cache.resolve('key', stage.compute, noWarnings);
    expect(first.cached).toBe(false);
    expect(second).toEqual({
      entry: { output: { total: 93.5, lines: [{ text: 'INV-3337' }] }, warnings: [] },
      cached: true,
    });
    expect(stage.runs()).toBe(1);
  });

  it('does not cache an output that is not JSON, and computes it again', async () => {
    const cache = new StageCache(new CacheConfig());
    const stage = computing({ count: 1n });
    await cache.resolve('key', stage.compute, noWarnings);
    const again = await cache.resolve('key', stage.compute, noWarnings);
    expect(again.cached).toBe(false);
    expect(stage.runs()).toBe(2);
  });

  it('honours the TTL', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
    const cache = new StageCache(new CacheConfig({ ttlMs: 1_000 }));
    const stage = computing({ total: 1 });
    await cache.resolve('key', stage.compute, noWarnings);
    vi.setSystemTime(999);
    expect((await cache.resolve('key', stage.compute, noWarnings)).cached).toBe(true);
    vi.setSystemTime(1_001);
    expect((await cache.resolve('key', stage.compute, noWarnings)).cached).toBe(false);
    expect(stage.runs()).toBe(2);
  });
});
