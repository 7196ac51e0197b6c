import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { CacheConfig, dagPipeline, defineStage } from '../../src/index.js';

const TEXT = { text: 'Invoice INV-1' };

/** A custom stage whose result depends on a value its closure captures, counting its runs. */
function scaled(factor: number, counter: { runs: number }, cacheKey?: string) {
  return defineStage({
    id: 'scaled',
    ...(cacheKey === undefined ? {} : { cacheKey }),
    run: ({ document }) => {
      counter.runs += 1;
      return (document.text?.length ?? 0) * factor;
    },
  });
}

describe('a custom stage and the cache', () => {
  it('is not cached without a cacheKey: the same source capturing another value gives its own result', async () => {
    const cache = new CacheConfig({ store: new Keyv() });
    const counter = { runs: 0 };
    const double = await dagPipeline({ stages: [scaled(2, counter)], cache }).run(TEXT);
    const triple = await dagPipeline({ stages: [scaled(3, counter)], cache }).run(TEXT);
    expect([double.stages.scaled, triple.stages.scaled]).toEqual([26, 39]);
    expect(counter.runs).toBe(2);
  });

  it('is cached under its cacheKey, and a new key computes again', async () => {
    const cache = new CacheConfig({ store: new Keyv() });
    const counter = { runs: 0 };
    await dagPipeline({ stages: [scaled(2, counter, 'factor-2')], cache }).run(TEXT);
    const again = await dagPipeline({ stages: [scaled(2, counter, 'factor-2')], cache }).run(TEXT);
    expect(again.timings.scaled?.cached).toBe(true);
    expect(counter.runs).toBe(1);
    const other = await dagPipeline({ stages: [scaled(3, counter, 'factor-3')], cache }).run(TEXT);
    expect(other.stages.scaled).toBe(39);
    expect(counter.runs).toBe(2);
  });
});
