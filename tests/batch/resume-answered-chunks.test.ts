/**
 * Nothing paid twice, down to the chunk: `docpipe batch` extracts a long text in 4 chunks through the real
 * `openai` SDK against a local server, and is killed with SIGKILL while the third chunk's request is held, after
 * the first two were answered. Resumed, it sends only the last two; its result is an uninterrupted run's.
 */
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli-workspace.js';
import type { ScriptedAnswer } from '../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { runCliChild } from '../support/run-cli.js';

const API_KEY = 'sk-test-resume0123456789abcdef';
const schema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
  },
  required: ['items'],
};
/** Four sections, each about as long as one request of the context below can take. */
const DOCUMENT = [1, 2, 3, 4]
  .map((n) => `Section SKU-${n}\n${`filler line ${n} of the section, nothing to extract here\n`.repeat(50)}`)
  .join('\n');
// The document's text is sent in exactly 4 parts under this context window.
const CONTEXT_FLAGS = ['--context-tokens', '2100', '--max-tokens', '300'];

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

/** Each request answered with the SKUs its part of the text holds. */
function answerFor(body: Record<string, unknown>): ScriptedAnswer {
  const skus = [...new Set(JSON.stringify(body.messages).match(/SKU-\d/g) ?? [])];
  return { kind: 'json', value: { items: skus.map((sku) => ({ sku })) } };
}

async function workspace() {
  const { dir, env } = await cliWorkspace('resume-chunks');
  await writeFile(join(dir, 'long.txt'), DOCUMENT);
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  const batch = (name: string, ...flags: string[]) =>
    ['batch', 'long.txt', '--name', name, '--schema', 'schema.json', '--stages', 'llm']
      .concat(['--llm', 'openai', '--base-url', server.url, '--runs-dir', 'runs', '--no-cache'])
      .concat(CONTEXT_FLAGS, flags);
  return { dir, env: { ...env, OPENAI_API_KEY: API_KEY }, batch };
}

/** The folder of the run's only item. */
async function itemFolder(dir: string, name: string): Promise<string> {
  const items = join(dir, 'runs', name, 'v0', 'items');
  const [only] = await readdir(items);
  return join(items, only as string);
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('a batch item killed while its document is extracted in chunks', () => {
  // Three CLI processes, each starting a Node with tsx: more than the default timeout on a loaded machine.
  it('keeps the chunks answered before the kill, and on --resume asks only for the 2 others', {
    timeout: 90_000,
  }, async () => {
    const { dir, env, batch } = await workspace();

    // The whole document, uninterrupted: the result to match, and proof that it takes 4 requests.
    server.requests.length = 0;
    server.respondWith(answerFor);
    const whole = await runCliChild(batch('whole'), { cwd: dir, env, deadlineMs: 60_000 });
    expect(whole, whole.stderr).toMatchObject({ code: 0 });
    expect(server.requests).toHaveLength(4);
    const parts = server.requests.map((request) => JSON.stringify(request.body));

    // The third request is held until the process is dead, so exactly two chunks were answered.
    server.requests.length = 0;
    let child: ChildProcess | undefined;
    let thirdArrived: () => void = () => undefined;
    const third = new Promise<void>((resolve) => {
      thirdArrived = resolve;
    });
    server.respondWith((body) => {
      if (server.requests.length < 3) return answerFor(body);
      thirdArrived();
      return { kind: 'slow', delayMs: 600_000, answer: answerFor(body) };
    });
    const killed = runCliChild(batch('cut'), {
      cwd: dir,
      env,
      deadlineMs: 60_000,
      onSpawn: (spawned) => {
        child = spawned;
      },
    });
    // A child that ends before the third request fails the test at once instead of leaving it waiting.
    await Promise.race([
      third,
      killed.then((exit) =>
        Promise.reject(new Error(`The batch ended before its third request: ${exit.stderr}`)),
      ),
    ]);
    child?.kill('SIGKILL');
    expect(await killed).toMatchObject({ signal: 'SIGKILL' });
    const cut = await itemFolder(dir, 'cut');
    expect(await readdir(join(cut, 'llm-extraction.parts'))).toHaveLength(2);

    server.requests.length = 0;
    server.respondWith(answerFor);
    const resumed = await runCliChild(batch('cut', '--resume'), { cwd: dir, env, deadlineMs: 60_000 });
    expect(resumed, resumed.stderr).toMatchObject({ code: 0 });
    expect(server.requests.map((request) => JSON.stringify(request.body))).toEqual(parts.slice(2));

    const uninterrupted = await itemFolder(dir, 'whole');
    const result = await readJson(join(cut, 'result.json'));
    expect(result.data).toEqual({ items: [1, 2, 3, 4].map((n) => ({ sku: `SKU-${n}` })) });
    expect({ ...result, usage: undefined }).toEqual({
      ...(await readJson(join(uninterrupted, 'result.json'))),
      usage: undefined,
    });
    // The extraction's own record counts the 4 answers it is made of; the resumed run paid for 2.
    expect(await readJson(join(cut, 'llm-extraction.json'))).toEqual(
      await readJson(join(uninterrupted, 'llm-extraction.json')),
    );
    expect(result.usage.calls).toBe(2);
    // Its output stands for the chunks now: their files are gone.
    expect(await readdir(cut)).not.toContain('llm-extraction.parts');
  });
});
