/**
 * Distributed batches: 400 items through 3 stages on BullMQ and a local redis-server, with 1, 2 and 3
 * `startWorker` processes (concurrency 4 each) on this 2-core machine.
 *
 * - mixed: a CPU-bound OCR stand-in (50 ms of busy work on the worker's thread), a 200 ms I/O wait (the model
 *   call), and a trivial last stage;
 * - I/O-bound: the same without the busy work. Target: 2 workers at least 1.8 × one.
 *
 * Then the queue's own cost per item: zero-work and I/O-bound stages queued to one worker vs a local batch of the
 * same items at the same concurrency (enqueue → result collated, against the same work in process), and the
 * latency of a one-item batch both ways.
 *
 * Needs Debian's redis-server. Run: npx tsx bench/distributed.ts
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { itemsFromJson } from '../src/batch/batch-inputs.js';
import { runBatch } from '../src/batch/run-batch.js';
import { type CacheSetting, defineStage, linearPipeline, Stage, startWorker } from '../src/index.js';
import { createMockExtractionModel } from '../src/testing/index.js';
import { median } from './stats.js';

const ITEMS = 400;
const CONCURRENCY = 4;
const BUSY_MS = 50;
const WAIT_MS = 200;
const SELF = fileURLToPath(import.meta.url);
const Answer = z.object({ n: z.number() });

type Workload = 'mixed' | 'io' | 'none';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // CPU-bound, as recognising a page is.
  }
}

/** The bench pipeline of a workload: what a worker builds from the job's definition `{ workload }`. */
function benchPipeline(workload: Workload, cache: CacheSetting) {
  const ocr = defineStage({
    id: 'ocr-stand-in',
    run: ({ document }) => {
      if (workload === 'mixed') busy(BUSY_MS);
      return { characters: document.text?.length ?? 0 };
    },
  });
  const model = createMockExtractionModel({
    respond: { n: 1 },
    latencyMs: workload === 'none' ? 0 : WAIT_MS,
  });
  const last = defineStage({ id: 'post', after: [Stage.LLM_EXTRACTION], run: () => ({ checked: true }) });
  return linearPipeline({
    jsonSchema: Answer,
    stages: [ocr, Stage.LLM_EXTRACTION, last],
    llm: { provider: model, grounding: false },
    cache,
  });
}

const items = (tag: string) =>
  itemsFromJson(
    Array.from({ length: ITEMS }, (_, i) => ({ id: `${tag}-${i}`, text: `document ${tag} ${i}` })),
    { idField: 'id', textField: 'text' },
  );

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('redis-server is not installed.');
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await sleep(300);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', SELF, 'worker', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.stdout?.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('ready')) resolve();
          });
        }),
    ),
  );
  return workers;
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }),
  );
}

/** Seconds to run the items on `workers` worker processes through the queue. */
async function queued(url: string, workload: Workload, workers: number, tag: string): Promise<number> {
  const children = await startWorkers(url, workers);
  const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-bench-queue-'));
  try {
    const started = performance.now();
    const summary = await runBatch(benchPipeline(workload, false), items(tag), {
      name: tag,
      runsDir,
      config: { workload },
      queue: { connection: url },
    });
    if (summary.progress.done !== ITEMS)
      throw new Error(`only ${summary.progress.done} of ${ITEMS} items done`);
    return (performance.now() - started) / 1000;
  } finally {
    await stopWorkers(children);
    await rm(runsDir, { recursive: true, force: true });
  }
}

/** Seconds to run the items in this process, stored as a run, at the workers' concurrency. */
async function local(workload: Workload, tag: string): Promise<number> {
  const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-bench-local-'));
  try {
    const started = performance.now();
    await runBatch(benchPipeline(workload, false), items(tag), {
      name: tag,
      runsDir,
      concurrency: CONCURRENCY,
    });
    return (performance.now() - started) / 1000;
  } finally {
    await rm(runsDir, { recursive: true, force: true });
  }
}

/**
 * Median milliseconds from `runBatch` to its summary for one zero-work item, queued to a running worker and
 * in process: the queue's round trip (enqueue, a worker taking the job, its result collated) for one item.
 */
async function oneItemLatency(url: string): Promise<{ queuedMs: number; localMs: number }> {
  const children = await startWorkers(url, 1);
  const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-bench-latency-'));
  const one = (tag: string) =>
    itemsFromJson([{ id: tag, text: `document ${tag}` }], { idField: 'id', textField: 'text' });
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  try {
    const queuedMs: number[] = [];
    const localMs: number[] = [];
    for (let i = 0; i < 11; i++) {
      const pipeline = benchPipeline('none', false);
      queuedMs.push(
        await time(() =>
          runBatch(pipeline, one(`q${i}`), {
            name: `q${i}`,
            runsDir,
            config: { workload: 'none' },
            queue: { connection: url },
          }),
        ),
      );
      localMs.push(await time(() => runBatch(pipeline, one(`l${i}`), { name: `l${i}`, runsDir })));
    }
    // The first of each warms up (connections, module loading).
    return { queuedMs: median(queuedMs.slice(1)), localMs: median(localMs.slice(1)) };
  } finally {
    await stopWorkers(children);
    await rm(runsDir, { recursive: true, force: true });
  }
}

async function worker(url: string): Promise<void> {
  const running = await startWorker({
    connection: url,
    concurrency: CONCURRENCY,
    pipeline: (definition, cache) => benchPipeline((definition as { workload: Workload }).workload, cache),
  });
  process.once('SIGTERM', () => void running.close());
  process.stdout.write('ready\n');
  await running.stopped;
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const rows: string[] = [];
  try {
    for (const workload of ['mixed', 'io'] as const) {
      const rates: number[] = [];
      for (const workers of [1, 2, 3]) {
        const seconds = await queued(redis.url, workload, workers, `${workload}-${workers}`);
        rates.push(ITEMS / seconds);
        const scaling = (ITEMS / seconds / (rates[0] ?? 1)).toFixed(2);
        rows.push(
          `${workload.padEnd(5)} ${workers} worker${workers > 1 ? 's' : ' '}: ${seconds.toFixed(1)} s, ${(ITEMS / seconds).toFixed(1)} items/s, ×${scaling} one worker`,
        );
        console.log(rows.at(-1));
      }
      if (workload === 'io') {
        const twoOverOne = (rates[1] ?? 0) / (rates[0] ?? 1);
        rows.push(
          `I/O-bound: 2 workers = ${twoOverOne.toFixed(2)} × one (target ≥ 1.8): ${twoOverOne >= 1.8 ? 'met' : 'MISSED'}`,
        );
        console.log(rows.at(-1));
      }
    }
    for (const workload of ['none', 'io'] as const) {
      const localS = await local(workload, `local-${workload}`);
      const queuedS = await queued(redis.url, workload, 1, `queue-${workload}`);
      rows.push(
        `${workload === 'none' ? 'zero-work' : 'I/O-bound'} stages, local batch vs queued to 1 worker (concurrency ${CONCURRENCY} both): ${(ITEMS / localS).toFixed(1)} vs ${(ITEMS / queuedS).toFixed(1)} items/s, ${((localS * 1000) / ITEMS).toFixed(2)} vs ${((queuedS * 1000) / ITEMS).toFixed(2)} ms per item (the local batch also writes each stage's output and attempts.json; a queued item leaves them to the shared cache)`,
      );
      console.log(rows.at(-1));
    }
    const latency = await oneItemLatency(redis.url);
    rows.push(
      `one item, enqueue → collated: ${latency.queuedMs.toFixed(0)} ms queued vs ${latency.localMs.toFixed(0)} ms in process (median of 10): the queue adds ${(latency.queuedMs - latency.localMs).toFixed(0)} ms`,
    );
    console.log(rows.at(-1));
  } finally {
    await redis.stop();
  }
  console.log(`\n${rows.join('\n')}`);
}

if (process.argv[2] === 'worker') await worker(process.argv[3] as string);
else await main();
