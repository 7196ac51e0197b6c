/**
 * `docpipe batch` and `docpipe runs` end to end: the real `openai` SDK against a local
 * OpenAI-compatible server that injects faults, a batch killed with SIGKILL and resumed, a rerun
 * of two items, a comparison, and two batches of one name at once.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptedAnswer } from '../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { cli } from '../support/run-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const schema = {
  type: 'object',
  properties: { invoice_number: { type: 'string' }, total: { type: 'number', minimum: 0 } },
  required: ['invoice_number', 'total'],
};

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** The document number the request is about, from the document text in its prompt. */
const documentOf = (body: Record<string, unknown>) =>
  Number(/Invoice no\. (\d+)/.exec(JSON.stringify(body.messages))?.[1]);
const answer = (n: number, total = n * 10): ScriptedAnswer => ({
  kind: 'json',
  value: { invoice_number: `INV-${n}`, total },
});

async function workspace(documents: number): Promise<{ dir: string; args: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'docpipe-batch-cli-'));
  await mkdir(join(dir, 'docs'));
  for (let n = 1; n <= documents; n++) {
    await writeFile(
      join(dir, 'docs', `doc-${String(n).padStart(2, '0')}.txt`),
      `Invoice no. ${n}\nTotal ${n * 10}.00\n`,
    );
  }
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  const args = [
    '--schema',
    join(dir, 'schema.json'),
    '--stages',
    'llm',
    '--llm',
    'openai',
    '--base-url',
    server.url,
  ];
  return { dir, args: [...args, '--runs-dir', join(dir, 'runs'), '--no-cache'] };
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('docpipe batch', () => {
  it('gets every good document through throttling, 500s and repairs, keeps the one never valid as incomplete, and lists the bad one in errors.json', async () => {
    const { dir, args } = await workspace(49);
    await writeFile(join(dir, 'docs', 'doc-50.pdf'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x99]));
    const calls = new Map<number, number>();
    server.respondWith((body) => {
      const n = documentOf(body);
      const call = (calls.get(n) ?? 0) + 1;
      calls.set(n, call);
      if (n % 5 === 0 && call === 1) return { kind: 'status', status: 429, retryAfterSeconds: 1 };
      if ((n === 7 || n === 21) && call === 1) return { kind: 'status', status: 500 };
      if (n === 33 && call === 1) return answer(n, -5); // schema-invalid, repaired on the next turn
      if (n === 44) return answer(n, -1); // never valid
      return answer(n);
    });
    const result = await cli('batch', join(dir, 'docs'), '--name', 'invoices', '--concurrency', '8', ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('50 documents: 48 succeeded, 1 failed, 0 skipped, 1 incomplete');
    expect(result.stderr).toContain('1 of 50 documents failed');
    const version = join(dir, 'runs', 'invoices', 'v0');
    const errors = await readJson(join(version, 'errors.json'));
    expect(errors.map((e: { item: string; code: string }) => [e.item, e.code])).toEqual([
      [expect.stringMatching(/doc-50/), 'input'],
    ]);
    const collated = await readJson(join(version, 'collated', 'results.json'));
    expect(collated).toHaveLength(49);
    // Its total stayed below the minimum through both repair turns: kept, with the total null and marked.
    expect(collated.find((r: { id: string }) => r.id.includes('doc-44'))).toMatchObject({
      data: { invoice_number: 'INV-44', total: null },
      incomplete: ['/total'],
    });
    expect(collated.find((r: { id: string }) => r.id.includes('doc-33'))?.data).toEqual({
      invoice_number: 'INV-33',
      total: 330,
    });
    expect(calls.get(33)).toBe(2);
    expect(calls.get(44)).toBe(3); // the answer and two repair turns
    expect(await readJson(join(version, 'metadata.json'))).toMatchObject({
      state: 'completed',
      stats: { items: 50, succeeded: 48, incomplete: 1, failed: 1 },
      config: { stages: ['llm-extraction'], llm: { provider: 'openai-compatible' } },
    });
  });

  it('resumes a batch killed with SIGKILL without paying again for a finished document', async () => {
    const { dir, args } = await workspace(12);
    server.respondWith((body) => ({ kind: 'slow', delayMs: 250, answer: answer(documentOf(body)) }));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO, 'src', 'cli', 'main.ts'),
        'batch',
        join(dir, 'docs'),
        '--name',
        'k',
        '--concurrency',
        '2',
        ...args,
      ],
      { cwd: REPO, stdio: 'ignore' },
    );
    const items = join(dir, 'runs', 'k', 'v0', 'items');
    const finishedBeforeKill = await waitFor(async () => {
      const done = await finishedItems(items);
      return done.length >= 4 ? done : undefined;
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const finished = await finishedItems(items);
    expect(finished.length).toBeGreaterThanOrEqual(finishedBeforeKill.length);
    expect(finished.length).toBeLessThan(12);

    const resumed = await cli('batch', join(dir, 'docs'), '--name', 'k', '--resume', ...args);
    expect(resumed.code).toBe(0);
    expect(await finishedItems(items)).toHaveLength(12);
    expect((await readdir(join(dir, 'runs', 'k'))).filter((v) => v.startsWith('v'))).toEqual(['v0']);
    const requestsFor = (n: number) => server.requests.filter((r) => documentOf(r.body) === n).length;
    for (const item of finished) expect(requestsFor(Number(/doc-(\d+)/.exec(item)?.[1]))).toBe(1);
  }, 30_000);

  it('reruns two items into v1, whose collation holds all items, and compare names exactly those two', async () => {
    const { dir, args } = await workspace(10);
    server.respondWith((body) => answer(documentOf(body)));
    expect((await cli('batch', join(dir, 'docs'), '--name', 'r', ...args)).code).toBe(0);
    const ids = (await readJson(join(dir, 'runs', 'r', 'v0', 'metadata.json'))).itemIds as string[];
    const [second, fifth] = [ids[1] as string, ids[4] as string];
    server.respondWith((body) => answer(documentOf(body), 999));
    const rerun = await cli(
      'runs',
      'rerun',
      'r',
      second,
      fifth,
      '--notes',
      'new totals',
      '--runs-dir',
      join(dir, 'runs'),
      '--no-cache',
    );
    expect(rerun.code).toBe(0);
    expect(await readJson(join(dir, 'runs', 'r', 'v1', 'collated', 'results.json'))).toHaveLength(10);
    const compare = await cli('runs', 'compare', 'r', 'v0', 'v1', '--json', '--runs-dir', join(dir, 'runs'));
    const comparison = JSON.parse(compare.stdout);
    expect(comparison.changed.map((c: { item: string }) => c.item).sort()).toEqual([second, fifth].sort());
    expect(comparison.changed[0].fields).toEqual([{ path: '/total', a: expect.any(Number), b: 999 }]);
  });

  it('asks the model again for the items a rerun names, though the cache holds their answers', async () => {
    const { dir, args } = await workspace(2);
    const cached = [...args.filter((arg) => arg !== '--no-cache'), '--cache-dir', join(dir, 'cache')];
    let calls = 0;
    server.respondWith((body) => {
      calls += 1;
      return answer(documentOf(body));
    });
    expect((await cli('batch', join(dir, 'docs'), '--name', 'c', ...cached)).code).toBe(0);
    expect(calls).toBe(2);
    const [first] = (await readJson(join(dir, 'runs', 'c', 'v0', 'metadata.json'))).itemIds as string[];
    const runsDir = ['--runs-dir', join(dir, 'runs'), '--cache-dir', join(dir, 'cache')];
    expect((await cli('runs', 'rerun', 'c', first as string, ...runsDir)).code).toBe(0);
    expect(calls).toBe(3);
    // What the rerun was told is stored over the old answer: a new batch pays for nothing.
    expect((await cli('batch', join(dir, 'docs'), '--name', 'd', ...cached)).code).toBe(0);
    expect(calls).toBe(3);
  });

  it('gives two batches of one name that start together two versions', async () => {
    const { dir, args } = await workspace(4);
    server.respondWith((body) => answer(documentOf(body)));
    const [a, b] = await Promise.all([
      cli('batch', join(dir, 'docs'), '--name', 'same', ...args),
      cli('batch', join(dir, 'docs'), '--name', 'same', ...args),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect((await readdir(join(dir, 'runs', 'same'))).filter((v) => /^v\d+$/.test(v)).sort()).toEqual([
      'v0',
      'v1',
    ]);
  });
});

async function finishedItems(itemsDir: string): Promise<string[]> {
  const items = await readdir(itemsDir).catch(() => [] as string[]);
  const done: string[] = [];
  for (const item of items) {
    if ((await readdir(join(itemsDir, item))).includes('result.json')) done.push(item);
  }
  return done;
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the batch to make progress.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
