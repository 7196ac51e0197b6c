/**
 * What the stage cache saves: 200 documents through a 3-stage pipeline whose stages each take
 * 20 ms (mock OCR, the real layout parser behind a 20 ms pause, mock extraction), first cold
 * (every stage computed and stored), then warm (every stage read back), for the in-memory, disk
 * and Redis stores. A document's cost is its own run time; the cold pass runs 4 documents at a
 * time, the warm pass one at a time (what a re-run of `docpipe extract` does). Median over the
 * documents of a pass, then over 5 passes, each on an empty store. Target: a warm document costs
 * ≤ 2 ms median with the disk store.
 *
 * Redis is a real `redis-server` started as the tests start it (skipped with a note when it is
 * not installed).
 *
 * Run: npx tsx bench/cache.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Keyv from 'keyv';
import { z } from 'zod';
import {
  CacheConfig,
  dagPipeline,
  defineStage,
  diskCache,
  LLMExtractionStage,
  OCRConfig,
  OCRStage,
  type ParsedDocument,
  redisCache,
} from '../src/index.js';
import { renderLayoutConserved } from '../src/parser/layout-conserved.js';
import { createMockExtractionModel, createMockOcrProvider } from '../src/testing/index.js';
import { findRedisServer, startRedisServer } from '../tests/support/redis-server.js';
import { mapConcurrent, median } from './stats.js';

const LATENCY_MS = 20;
const DOCUMENTS = 200;
const RUNS = 5;
const COLD_CONCURRENCY = 4;

const Invoice = z.object({ invoice_number: z.string(), total: z.number(), currency: z.enum(['USD', 'EUR']) });
const answer = { invoice_number: 'INV-3337', total: 93.5, currency: 'USD' };

/** A one-page invoice of 40 lines, different for each `i`, so each document is new to the cache. */
function invoice(i: number): { text: string } {
  const lines = Array.from(
    { length: 36 },
    (_, line) =>
      `  Item ${String(line + 1).padStart(2)}  Widget model ${i}-${line}      ${(line * 3.5).toFixed(2)}`,
  );
  return {
    text: [
      `INVOICE                INV-${i}`,
      'Bill to: ACME Corp',
      '',
      ...lines,
      `Total    ${i}.00 USD`,
    ].join('\n'),
  };
}

function pipelineWith(cache: CacheConfig) {
  const ocr = new OCRStage(new OCRConfig({ provider: createMockOcrProvider({ latencyMs: LATENCY_MS }) }));
  const parser = defineStage({
    id: 'parser',
    after: [ocr],
    run: async ({ inputs }): Promise<ParsedDocument> => {
      await sleep(LATENCY_MS);
      return renderLayoutConserved(inputs.ocr);
    },
  });
  const extract = new LLMExtractionStage({
    provider: createMockExtractionModel({ respond: answer, latencyMs: LATENCY_MS }),
  }).after(parser);
  return dagPipeline({ jsonSchema: Invoice, stages: [ocr, parser, extract], cache });
}

type Pass = 'cold' | 'warm';

/** Each document's run time in ms: cold ones 4 at a time, warm ones one at a time. */
async function perDocumentMs(cache: CacheConfig, pass: Pass): Promise<number[]> {
  const pipeline = pipelineWith(cache);
  const times: number[] = [];
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => invoice(i));
  await mapConcurrent(documents, pass === 'cold' ? COLD_CONCURRENCY : 1, async (document) => {
    const started = performance.now();
    const result = await pipeline.run(document);
    times.push(performance.now() - started);
    // A benchmark of the wrong thing is worse than none: a warm pass must be all cache hits.
    const cached = Object.values(result.timings).every((timing) => timing.cached);
    if (cached !== (pass === 'warm'))
      throw new Error(`A ${pass} document was ${cached ? '' : 'not '}cached.`);
  });
  await pipeline.close();
  return times;
}

/** An empty cache for one pass, and how to release it. */
type FreshCache = () => Promise<{ cache: CacheConfig; release: () => Promise<void> }>;

interface Costs {
  readonly coldMs: number;
  readonly warmMs: number;
}

async function measure(fresh: FreshCache): Promise<Costs> {
  const pass = async () => {
    const { cache, release } = await fresh();
    try {
      const cold = median(await perDocumentMs(cache, 'cold'));
      const warm = median(await perDocumentMs(cache, 'warm'));
      return { cold, warm };
    } finally {
      await release();
    }
  };
  await pass(); // warm-up: the JIT compiles the paths before they are measured
  const passes = [];
  for (let i = 0; i < RUNS; i++) passes.push(await pass());
  return { coldMs: median(passes.map((p) => p.cold)), warmMs: median(passes.map((p) => p.warm)) };
}

const memory: FreshCache = async () => ({
  cache: new CacheConfig({ store: new Keyv() }),
  release: async () => {},
});

const disk: FreshCache = async () => {
  const directory = await mkdtemp(join(tmpdir(), 'docpipe-bench-cache-'));
  return { cache: diskCache({ directory }), release: () => rm(directory, { recursive: true, force: true }) };
};

function redis(url: string): FreshCache {
  let pass = 0;
  return async () => {
    // A namespace per pass: each starts empty, without flushing the server.
    const cache = await redisCache({ url, namespace: `bench-${pass++}` });
    const release = async () => {
      await cache.store.clear();
      await cache.store.disconnect();
    };
    return { cache, release };
  };
}

function report(name: string, { coldMs, warmMs }: Costs): void {
  console.log(
    `  ${name.padEnd(7)}: cold ${coldMs.toFixed(2).padStart(6)} ms/doc, warm ${warmMs.toFixed(3).padStart(6)} ms/doc, cold/warm ${(coldMs / warmMs).toFixed(0).padStart(4)}×`,
  );
}

console.log(
  `stage cache benchmark (${DOCUMENTS} documents × 3 stages × ${LATENCY_MS} ms; median per document, median of ${RUNS} passes)`,
);
report('memory', await measure(memory));
const diskResult = await measure(disk);
report('disk', diskResult);
const redisServer = findRedisServer();
if (redisServer.installed) {
  const server = await startRedisServer();
  try {
    report('redis', await measure(redis(server.url)));
  } finally {
    await server.stop();
  }
} else {
  console.log(`  redis  :${redisServer.skipNote}`);
}
const verdict = diskResult.warmMs <= 2 ? 'met' : 'missed';
console.log(
  `  target : warm ≤ 2 ms/doc with the disk store — ${verdict} (${diskResult.warmMs.toFixed(3)} ms)`,
);
