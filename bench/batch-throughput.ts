/**
 * Batch throughput: 1,000 documents through 3 stages of 20 ms simulated latency at concurrency 50
 * (ideal 1,000 × 60 ms / 50 = 1.2 s), without and with the on-disk run store; then a rate-limited
 * LLM provider at 20 requests/s whose fake endpoint answers 429 when its
 * 20-request token bucket is empty.
 * Targets: within 10% of the ideal 1.2 s; the achieved rate within 5% of 20/s with no 429.
 *
 * Run: npx tsx bench/batch-throughput.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { itemsFromJson } from '../src/batch/batch-inputs.js';
import { runBatch } from '../src/batch/run-batch.js';
import { defineStage, linearPipeline, ProviderError, Stage } from '../src/index.js';
import { createMockExtractionModel } from '../src/testing/index.js';
import { median } from './stats.js';

const LATENCY_MS = 20;
const DOCUMENTS = 1000;
const CONCURRENCY = 50;
const IDEAL_S = (DOCUMENTS * 3 * LATENCY_MS) / CONCURRENCY / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const Answer = z.object({ n: z.number() });

const items = (count: number, tag: string) =>
  itemsFromJson(
    Array.from({ length: count }, (_, i) => ({ id: `${tag}-${i}`, text: `document ${tag} ${i}` })),
    { idField: 'id', textField: 'text' },
  );

function threeStagePipeline() {
  const first = defineStage({ id: 'first', run: () => sleep(LATENCY_MS).then(() => 1) });
  const second = defineStage({ id: 'second', after: [first], run: () => sleep(LATENCY_MS).then(() => 2) });
  const model = createMockExtractionModel({ respond: { n: 3 }, latencyMs: LATENCY_MS });
  return linearPipeline({
    jsonSchema: Answer,
    stages: [first, second, Stage.LLM_EXTRACTION],
    llm: { provider: model, grounding: false },
    cache: false,
  });
}

async function throughput(stored: boolean): Promise<number[]> {
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const runsDir = stored ? await mkdtemp(join(tmpdir(), 'docpipe-bench-')) : undefined;
    const started = performance.now();
    await runBatch(threeStagePipeline(), items(DOCUMENTS, `r${run}`), {
      concurrency: CONCURRENCY,
      ...(runsDir ? { name: 'bench', runsDir } : {}),
    });
    runs.push((performance.now() - started) / 1000);
    if (runsDir) await rm(runsDir, { recursive: true, force: true });
  }
  return runs;
}

/**
 * A model behind a provider-style limit of `limit` requests/s: a token bucket holding `limit`
 * requests, refilled continuously; a call that finds it empty fails with 429.
 */
function rateLimitedModel(limit: number) {
  const starts: number[] = [];
  let throttled = 0;
  let tokens = limit;
  let refilledAt = performance.now();
  const model = createMockExtractionModel({
    respond: () => {
      const now = performance.now();
      tokens = Math.min(limit, tokens + ((now - refilledAt) / 1000) * limit);
      refilledAt = now;
      starts.push(now);
      if (tokens < 1) {
        throttled++;
        throw new ProviderError('Too many requests.', {
          provider: 'mock',
          status: 429,
          retryable: true,
          retryAfterMs: 1000,
        });
      }
      tokens -= 1;
      return { n: 1 };
    },
    latencyMs: 5,
  });
  return { model, starts, throttled: () => throttled };
}

async function rateLimited(): Promise<{ rate: number; throttled: number }> {
  const { model, starts, throttled } = rateLimitedModel(20);
  const pipeline = linearPipeline({
    jsonSchema: Answer,
    stages: [Stage.LLM_EXTRACTION],
    llm: { provider: model, grounding: false },
    cache: false,
  });
  await runBatch(pipeline, items(200, 'rl'), {
    concurrency: CONCURRENCY,
    rateLimits: { mock: { requestsPerSecond: 20 } },
  });
  const spanS = ((starts.at(-1) ?? 0) - (starts[0] ?? 0)) / 1000;
  return { rate: (starts.length - 1) / spanS, throttled: throttled() };
}

console.log(
  `${DOCUMENTS} documents × 3 stages × ${LATENCY_MS} ms at concurrency ${CONCURRENCY}: ideal ${IDEAL_S.toFixed(2)} s (median of 5 runs)`,
);
for (const stored of [false, true]) {
  const seconds = median(await throughput(stored));
  console.log(
    `  ${stored ? 'with the run store on disk' : 'without storing the run   '}: ${seconds.toFixed(3)} s, ${(((seconds - IDEAL_S) / IDEAL_S) * 100).toFixed(1)}% over the ideal (target ≤ 10%)`,
  );
}
const { rate, throttled } = await rateLimited();
console.log(
  `LLM provider limited to 20 requests/s, 200 documents: achieved ${rate.toFixed(2)} requests/s (${(((rate - 20) / 20) * 100).toFixed(1)}% off; target within 5%), 429s received: ${throttled}`,
);
