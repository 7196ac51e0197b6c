/**
 * A distributed batch when Redis is not there: unreachable at the start is one clear error naming the URL
 * (never its password); a Redis that stops answering for a while is waited for, and the run completes with
 * every item once; one lost for longer than the bound stops the coordinator and the worker with a message.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBatchInputs } from '../../src/batch/batch-inputs.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { linearPipeline, Stage } from '../../src/index.js';
import { cliWorkspace } from '../support/cli-workspace.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { findRedisServer, type RedisServer, startRedisServer } from '../support/redis-server.js';
import { cli } from '../support/run-cli.js';
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

describe('a queue whose Redis cannot be reached at the start', () => {
  it('stops the coordinator with one line naming the URL, before anything else', async () => {
    const { dir } = await cliWorkspace('queue-down');
    const folder = await writeInvoices(dir, 'down', 2);
    const run = await cli(
      ...['batch', folder, '--schema', await writeSchema(dir), '--name', 'down', '--stages', 'llm'],
      ...['--llm', 'heuristic', '--queue', 'redis://127.0.0.1:1', '--runs-dir', join(dir, 'runs')],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^docpipe: Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\); start redis-server there, or check --queue\.\n$/,
    );
  });

  it('stops a worker alike, never quoting the password', async () => {
    const run = await cli('worker', '--queue', 'redis://:hunter2@127.0.0.1:1');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('docpipe: Cannot reach Redis at redis://:***@127.0.0.1:1 (');
    expect(run.stderr).not.toContain('hunter2');
  });
});

const redisInstalled = findRedisServer();

describe.skipIf(!redisInstalled.installed)(
  `a queue whose Redis goes away mid-run${redisInstalled.skipNote}`,
  () => {
    let redis: RedisServer;
    let openai: OpenAIServer;
    let worker: WorkerChild;
    let dir: string;
    let schema: string;

    beforeAll(async () => {
      [redis, openai] = await Promise.all([startRedisServer(), startOpenAIServer()]);
      const workspace = await cliWorkspace('queue-faults');
      dir = workspace.dir;
      schema = await writeSchema(dir);
      worker = await startWorkerChild(
        redis.url,
        [...FAST_STALLS, '--reconnect-timeout', '2000'],
        workspace.env,
        dir,
      );
    }, 30_000);

    afterAll(async () => {
      await worker?.stop();
      await Promise.all([redis?.stop(), openai?.close()]);
    });

    /** The batch of `name` from the library, on the queue, giving up on Redis after `reconnectTimeoutMs`. */
    async function queuedBatch(name: string, count: number, reconnectTimeoutMs: number) {
      const folder = await writeInvoices(dir, name, count);
      const jsonSchema = JSON.parse(await readFile(schema, 'utf8'));
      // The definition the workers build from: a CLI pipeline config, as `docpipe batch` stores it.
      const config = {
        jsonSchema,
        stages: [Stage.LLM_EXTRACTION],
        llm: { provider: 'openai-compatible', baseURL: openai.url },
      };
      const pipeline = linearPipeline({
        jsonSchema,
        stages: [Stage.LLM_EXTRACTION],
        llm: { provider: 'heuristic' },
      });
      return runBatch(pipeline, await resolveBatchInputs([folder]), {
        name,
        runsDir: join(dir, 'runs'),
        config,
        queue: { connection: { url: redis.url, reconnectTimeoutMs } },
      });
    }

    it('waits for a Redis that stops answering for a while, then completes with every item once', async () => {
      openai.respondWith((body) => ({
        kind: 'slow',
        delayMs: 100,
        answer: { kind: 'json', value: { invoice_number: invoiceOf(body) ?? null } },
      }));
      const client = new Redis(redis.url);
      const pid = Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
      client.disconnect();
      const requests = () =>
        openai.requests.filter((request) => invoiceOf(request.body)?.startsWith('INV-pause')).length;
      const running = queuedBatch('pause', 12, 10_000);
      await until(() => requests() >= 3, 20_000, 'three extractions');
      process.kill(pid, 'SIGSTOP');
      await sleep(1_500);
      process.kill(pid, 'SIGCONT');
      const summary = await running;
      expect(summary).toMatchObject({ state: 'completed', progress: { done: 12, failed: 0 } });
      const results = await collated(join(dir, 'runs'), 'pause');
      expect(results.map((result) => result.id).sort()).toEqual(
        Array.from({ length: 12 }, (_, n) => `pause-${String(n + 1).padStart(3, '0')}.txt`),
      );
      expect(
        [...callsPerInvoice(openai).keys()].filter((invoice) => invoice.startsWith('INV-pause')),
      ).toHaveLength(12);
    }, 40_000);

    it('stops the coordinator and the worker, each with a message, once Redis has been gone longer than allowed', async () => {
      openai.respondWith((body) => ({
        kind: 'slow',
        delayMs: 200,
        answer: { kind: 'json', value: { invoice_number: invoiceOf(body) ?? null } },
      }));
      const requests = () =>
        openai.requests.filter((request) => invoiceOf(request.body)?.startsWith('INV-gone')).length;
      const running = queuedBatch('gone', 40, 2_000);
      running.catch(() => undefined);
      await until(() => requests() >= 3, 20_000, 'three extractions');
      const killedAt = performance.now();
      await redis.kill();
      await expect(running).rejects.toThrow(
        new RegExp(
          `^Lost Redis at ${redis.url.replaceAll('.', '\\.')} for more than 2 s \\(.*\\); stopped waiting for it\\.$`,
        ),
      );
      // Bounded: the 2 s allowed, and the watch's pings around it.
      expect(performance.now() - killedAt).toBeLessThan(10_000);
      const metadata = JSON.parse(await readFile(join(dir, 'runs', 'gone', 'v0', 'metadata.json'), 'utf8'));
      expect(metadata.state).toBe('interrupted');
      const exit = await worker.exited;
      expect(exit.code).toBe(1);
      expect(worker.log()).toMatch(/docpipe: Lost Redis at redis:\/\/127\.0\.0\.1:\d+ for more than 2 s/);
    }, 40_000);
  },
);
