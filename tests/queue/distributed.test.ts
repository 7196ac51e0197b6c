/**
 * Distributed batches end to end, with real parts: Debian's redis-server, three `docpipe worker` child
 * processes, the coordinator (`docpipe batch … --queue`), and the local fake OpenAI and Textract endpoints,
 * which count every paid call. A worker and the coordinator are killed with SIGKILL mid-run.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli-workspace.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { findRedisServer, type RedisServer, startRedisServer } from '../support/redis-server.js';
import { cli, runCliChild } from '../support/run-cli.js';
import { replay, startTextractServer, type TextractServer } from '../support/textract-server.js';
import {
  callsPerInvoice,
  collated,
  FAST_STALLS,
  invoiceOf,
  startWorkerChild,
  until,
  type WorkerChild,
  writeInvoices,
  writeSchema,
} from './queue-support.js';

const redisInstalled = findRedisServer();
const SCAN = new URL('../fixtures/documents/single-page-1.png', import.meta.url);
const OPENAI_KEY = 'sk-queue-test-0123456789abcdef';

let redis: RedisServer;
let openai: OpenAIServer;
let textract: TextractServer;
let dir: string;
let env: NodeJS.ProcessEnv;
let schema: string;
let workers: WorkerChild[] = [];

/** Every invoice answered at once with its number; the scan (no INV- in it) with its title. */
function answerEveryInvoice(): void {
  openai.respondWith((body) => ({
    kind: 'json',
    value: {
      invoice_number: invoiceOf(body) ?? (JSON.stringify(body).includes('Textractor') ? 'scan' : null),
    },
  }));
}

/** `docpipe batch <folder> --queue …` with the fake endpoint, in this process. */
function batchArgs(folder: string, name: string, ...extra: string[]): string[] {
  return [
    'batch',
    folder,
    '--schema',
    schema,
    '--name',
    name,
    '--queue',
    redis.url,
    '--runs-dir',
    join(dir, 'runs'),
    '--llm',
    'openai',
    '--base-url',
    openai.url,
    ...extra,
  ];
}

/** The least-squares slope of arrival time against arrival number: the steady interval, unswayed by one late request. */
function msPerRequest(arrivals: readonly number[]): number {
  const n = arrivals.length;
  const meanX = (n - 1) / 2;
  const meanY = arrivals.reduce((sum, at) => sum + at, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of arrivals.entries()) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}

function startWorker(): Promise<WorkerChild> {
  return startWorkerChild(redis.url, [...FAST_STALLS, '--concurrency', '4'], env, dir);
}

describe.skipIf(!redisInstalled.installed)(
  `docpipe batch --queue with three workers${redisInstalled.skipNote}`,
  () => {
    beforeAll(async () => {
      [redis, openai, textract] = await Promise.all([
        startRedisServer(),
        startOpenAIServer(),
        startTextractServer(),
      ]);
      textract.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
      const workspace = await cliWorkspace('queue');
      dir = workspace.dir;
      // The workers' own environment holds the (fake) AWS credentials and endpoint; the jobs carry none.
      env = {
        ...workspace.env,
        AWS_ENDPOINT_URL_TEXTRACT: textract.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDQUEUETEST',
        AWS_SECRET_ACCESS_KEY: 'queue-test-secret',
        AWS_REGION: 'us-east-1',
        OPENAI_API_KEY: OPENAI_KEY,
      };
      schema = await writeSchema(dir);
      workers = await Promise.all([startWorker(), startWorker(), startWorker()]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await Promise.all([redis?.stop(), openai?.close(), textract?.close()]);
    });

    it('collates 60 items exactly once, spread over the workers', async () => {
      answerEveryInvoice();
      const folder = await writeInvoices(dir, 'sixty', 60);
      const run = await cli(...batchArgs(folder, 'sixty', '--stages', 'llm'));
      expect(run.stderr).toMatch(/^60 documents: 60 succeeded, 0 failed/m);
      expect(run.code).toBe(0);
      const results = await collated(join(dir, 'runs'), 'sixty');
      expect(results).toHaveLength(60);
      expect(new Set(results.map((result) => result.id)).size).toBe(60);
      for (const { id, data } of results)
        expect(data).toEqual({ invoice_number: `INV-${id.replace('.txt', '')}` });
      // One paid call per item: nothing ran twice.
      const calls = callsPerInvoice(openai);
      expect([...calls.entries()].filter(([invoice]) => invoice.startsWith('INV-sixty'))).toHaveLength(60);
      expect(Math.max(...calls.values())).toBe(1);
      const busy = workers.filter((worker) => /succeeded sixty\/v0\//.test(worker.log()));
      expect(busy.length).toBeGreaterThanOrEqual(2);

      const status = await cli('runs', 'status', 'sixty', '--runs-dir', join(dir, 'runs'));
      expect(status.stdout).toContain(
        `queue docpipe at ${redis.url}: queued 0 · active 0 · done 60 · failed 0`,
      );
    }, 60_000);

    it('stores the raw responses the workers kept with --keep-raw beside each item, with no credential', async () => {
      answerEveryInvoice();
      const folder = await writeInvoices(dir, 'raw', 2);
      const run = await cli(...batchArgs(folder, 'raw', '--stages', 'llm', '--keep-raw', '--no-cache'));
      expect(run.code).toBe(0);
      for (const id of ['raw-001.txt', 'raw-002.txt']) {
        const text = await readFile(
          join(dir, 'runs', 'raw', 'v0', 'items', id, 'llm-extraction.raw.json'),
          'utf8',
        );
        expect(JSON.parse(text)).toEqual([expect.objectContaining({ object: 'chat.completion' })]);
        expect(text).not.toContain(OPENAI_KEY);
      }
    }, 60_000);

    it('finishes the job of a worker killed with kill -9 on another, without paying again for its finished OCR', async () => {
      const folder = join(dir, 'kill');
      await writeInvoices(dir, 'kill', 6);
      await mkdir(folder, { recursive: true });
      await copyFile(SCAN, join(folder, 'scan.png'));
      const scanRequests = () =>
        openai.requests.filter((request) => JSON.stringify(request.body).includes('Textractor')).length;
      // The scan's first extraction hangs, so its worker is killed while the job runs, its OCR finished and cached.
      let scanCalls = 0;
      openai.respondWith((body) => {
        const invoice = invoiceOf(body);
        if (invoice) return { kind: 'json', value: { invoice_number: invoice } };
        scanCalls += 1;
        const answer = { kind: 'json' as const, value: { invoice_number: 'scan' } };
        return scanCalls === 1 ? { kind: 'slow', delayMs: 60_000, answer } : answer;
      });
      const textractBefore = textract.requests.length;
      const running = cli(...batchArgs(folder, 'kill', '--stages', 'ocr,parser,llm', '--ocr', 'textract'));
      await until(() => scanRequests() === 1, 30_000, "the scan's first extraction");
      const holder = workers.find((worker) => worker.log().includes('started kill/v0/scan.png'));
      expect(holder).toBeDefined();
      await holder?.kill9();

      const run = await running;
      expect(run.stderr).toMatch(/^7 documents: 7 succeeded, 0 failed/m);
      expect(run.code).toBe(0);
      const finisher = workers.find(
        (worker) => worker !== holder && worker.log().includes('succeeded kill/v0/scan.png'),
      );
      expect(finisher).toBeDefined();
      // The OCR had finished before the kill: the retry read it from the shared cache.
      expect(textract.requests.length - textractBefore).toBe(1);
      const metrics = JSON.parse(
        await readFile(join(dir, 'runs', 'kill', 'v0', 'items', 'scan.png', 'metrics.json'), 'utf8'),
      );
      expect(metrics.stages).toMatchObject({ ocr: { cached: true }, 'llm-extraction': { cached: false } });
      // Only the extraction that was running when the worker died was asked again.
      expect(scanRequests()).toBe(2);
      for (const [invoice, count] of callsPerInvoice(openai))
        if (invoice.startsWith('INV-kill')) expect(count).toBe(1);
      const results = await collated(join(dir, 'runs'), 'kill');
      expect(results.map((result) => result.id).sort()).toEqual([
        'kill-001.txt',
        'kill-002.txt',
        'kill-003.txt',
        'kill-004.txt',
        'kill-005.txt',
        'kill-006.txt',
        'scan.png',
      ]);
      workers = [...workers.filter((worker) => worker !== holder), await startWorker()];
    }, 60_000);

    it('hands on a job killed halfway through its chunks, and the next worker asks only for the chunks left', async () => {
      const folder = join(dir, 'chunks');
      await mkdir(folder, { recursive: true });
      // Four sections, sent in several requests under the context window below.
      const sections = [1, 2, 3, 4].map(
        (n) => `Section SKU-${n}\n${`filler line ${n} of the section, nothing to extract here\n`.repeat(50)}`,
      );
      await writeFile(join(folder, 'long.txt'), sections.join('\n'));
      const itemsSchema = join(dir, 'items-schema.json');
      await writeFile(
        itemsSchema,
        JSON.stringify({
          type: 'object',
          properties: {
            items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
          },
          required: ['items'],
        }),
      );
      const chunkRequests = () =>
        openai.requests.filter((request) => JSON.stringify(request.body).includes('Section SKU-')).length;
      // The third request is held, so its worker is killed with two chunks answered and one to go.
      let asked = 0;
      openai.respondWith((body) => {
        asked += 1;
        const skus = [...new Set(JSON.stringify(body).match(/SKU-\d/g) ?? [])];
        const answer = { kind: 'json' as const, value: { items: skus.map((sku) => ({ sku })) } };
        return asked === 3 ? { kind: 'slow', delayMs: 60_000, answer } : answer;
      });
      const before = chunkRequests();
      const running = cli(
        ...batchArgs(folder, 'chunks', '--stages', 'llm', '--schema', itemsSchema),
        ...['--context-tokens', '2100', '--max-tokens', '300'],
      );
      await until(() => chunkRequests() - before === 3, 30_000, 'the third chunk');
      const holder = workers.find((worker) => worker.log().includes('started chunks/v0/long.txt'));
      expect(holder).toBeDefined();
      await holder?.kill9();

      const run = await running;
      expect(run.stderr).toMatch(/^1 document: 1 succeeded, 0 failed/m);
      // The chunks answered before the kill were kept in Redis: the next worker asked only for the held one again.
      const chunks = openai.requests
        .filter((request) => JSON.stringify(request.body).includes('Section SKU-'))
        .slice(before)
        .map((request) => (JSON.stringify(request.body).match(/SKU-\d/g) ?? []).join(','));
      expect(chunks).toHaveLength(4);
      expect(chunks[3]).toBe(chunks[2]);
      const [result] = await collated(join(dir, 'runs'), 'chunks');
      expect(result?.data).toEqual({ items: ['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4'].map((sku) => ({ sku })) });
      workers = [...workers.filter((worker) => worker !== holder), await startWorker()];
    }, 60_000);

    it('resumes a coordinator killed with kill -9: every item once, nothing enqueued or paid twice', async () => {
      // Slow enough answers that the coordinator dies with most of the batch still to do.
      openai.respondWith((body) => ({
        kind: 'slow',
        delayMs: 150,
        answer: { kind: 'json', value: { invoice_number: invoiceOf(body) ?? null } },
      }));
      const folder = await writeInvoices(dir, 'coord', 30);
      const requestsOf = () =>
        openai.requests.filter((request) => invoiceOf(request.body)?.startsWith('INV-coord')).length;
      const killed = await runCliChild(batchArgs(folder, 'coord', '--stages', 'llm'), {
        cwd: dir,
        env,
        deadlineMs: 30_000,
        onSpawn: (child) => {
          void until(() => requestsOf() >= 6, 25_000, 'six extractions').then(
            () => child.kill('SIGKILL'),
            () => undefined,
          );
        },
      });
      expect(killed.signal).toBe('SIGKILL');

      // The workers go on without it; `runs status` reads the queue.
      const status = await cli('runs', 'status', 'coord', '--runs-dir', join(dir, 'runs'));
      const counts = /queued (\d+) · active (\d+) · done (\d+) · failed (\d+)/.exec(status.stdout);
      expect(counts, status.stdout).not.toBeNull();
      expect(
        counts
          ?.slice(1)
          .map(Number)
          .reduce((a, b) => a + b),
      ).toBe(30);

      const resumed = await cli(...batchArgs(folder, 'coord', '--stages', 'llm', '--resume'));
      expect(resumed.stderr).toMatch(/^30 documents: 30 succeeded, 0 failed/m);
      expect(resumed.code).toBe(0);
      const results = await collated(join(dir, 'runs'), 'coord');
      expect(results).toHaveLength(30);
      expect(new Set(results.map((result) => result.id)).size).toBe(30);
      const calls = [...callsPerInvoice(openai)].filter(([invoice]) => invoice.startsWith('INV-coord'));
      expect(calls).toHaveLength(30);
      expect(calls.every(([, count]) => count === 1)).toBe(true);
      const metadata = JSON.parse(await readFile(join(dir, 'runs', 'coord', 'v0', 'metadata.json'), 'utf8'));
      expect(metadata).toMatchObject({ state: 'completed', stats: { items: 30, succeeded: 30, failed: 0 } });
    }, 60_000);

    it('holds a provider to 20 requests/s across the three workers, with no 429', async () => {
      // The endpoint enforces 20 requests/s itself, as a token bucket of one second's worth: too fast is a 429.
      // (A worker's first call starts late, loading the OpenAI SDK, and lands together with the next ones.)
      const RATE = 20;
      const CAPACITY = RATE;
      let tokens = CAPACITY;
      let refilledAt = performance.now();
      const arrivals: number[] = [];
      let throttled = 0;
      openai.respondWith((body) => {
        const now = performance.now();
        tokens = Math.min(CAPACITY, tokens + ((now - refilledAt) / 1000) * RATE);
        refilledAt = now;
        if (tokens < 1) {
          throttled += 1;
          return { kind: 'status', status: 429, retryAfterSeconds: 1 };
        }
        tokens -= 1;
        arrivals.push(now);
        return { kind: 'json', value: { invoice_number: invoiceOf(body) ?? null } };
      });
      const folder = await writeInvoices(dir, 'rate', 120);
      const run = await cli(
        ...batchArgs(folder, 'rate', '--stages', 'llm', '--rate-limit', `openai-compatible=${RATE}`),
      );
      expect(run.stderr).toMatch(/^120 documents: 120 succeeded, 0 failed/m);
      expect(run.code).toBe(0);
      expect(throttled).toBe(0);
      // The steady window: from 1.5 s in (each worker's first calls wait for the OpenAI SDK to load, then
      // land together) to before the last few requests.
      const steady = arrivals.filter((at) => at >= (arrivals[0] ?? 0) + 1_500).slice(0, -5);
      const rate = 1000 / msPerRequest(steady);
      console.info(
        `shared rate limit: ${rate.toFixed(2)} requests/s over ${steady.length} requests (limit ${RATE})`,
      );
      expect(Math.abs(rate - RATE) / RATE).toBeLessThan(0.05);
      const served = workers.map((worker) => worker.log().match(/succeeded rate\/v0\//g)?.length ?? 0);
      expect(served.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    }, 60_000);

    it('fails for good, with the reason, an item whose pipeline a worker cannot build', async () => {
      const folder = await writeInvoices(dir, 'nokey', 2);
      // The workers have no ANTHROPIC_API_KEY: the jobs fail once each, not in a retry loop.
      const run = await cli(
        ...['batch', folder, '--schema', schema, '--name', 'nokey', '--queue', redis.url],
        ...['--runs-dir', join(dir, 'runs'), '--llm', 'anthropic', '--stages', 'llm'],
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^2 documents: 0 succeeded, 2 failed/m);
      const errors = JSON.parse(await readFile(join(dir, 'runs', 'nokey', 'v0', 'errors.json'), 'utf8'));
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        expect(error).toMatchObject({ code: 'config' });
        expect(error.message).toContain('ANTHROPIC_API_KEY');
        expect(error.attempts).toBeUndefined();
      }
      const starts = workers.map((worker) => worker.log().match(/started nokey\/v0\//g)?.length ?? 0);
      expect(starts.reduce((a, b) => a + b)).toBe(2);
    }, 30_000);
  },
);
