import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliChild } from '../support/run-cli.js';

// Generous: a child that fails fast exits in well under a second of work, but loading TypeScript takes a few.
const DEADLINE_MS = 60_000;
const IMAGE = fileURLToPath(new URL('../fixtures/documents/receipt.jpg', import.meta.url));

// Every variable through which a provider could find a key, a region or a profile.
const CREDENTIAL_VARIABLE = /^(AWS_|ANTHROPIC_|OPENAI_|AZURE_)/;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docpipe-fail-fast-'));
  env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CREDENTIAL_VARIABLE.test(name)));
  // No ~/.aws/config or credentials of the machine running the tests is read.
  Object.assign(env, { HOME: dir, USERPROFILE: dir, DOCPIPE_CACHE_DIR: join(dir, 'cache') });
  await writeFile(
    join(dir, 's.json'),
    JSON.stringify({ type: 'object', properties: { total: { type: 'number' } }, required: ['total'] }),
  );
  await Promise.all(['a.jpg', 'b.jpg'].map((name) => copyFile(IMAGE, join(dir, name))));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const batch = (...provider: string[]) =>
  runCliChild(['batch', 'a.jpg', 'b.jpg', '--schema', 's.json', '--name', 'x', ...provider], {
    cwd: dir,
    env,
    deadlineMs: DEADLINE_MS,
  });

/** No version of run `x` was started: no item could have been read, recognised or paid for. */
function expectNoRun(): void {
  expect(existsSync(join(dir, 'runs', 'x', 'v0', 'items'))).toBe(false);
  expect(existsSync(join(dir, 'runs', 'x'))).toBe(false);
}

describe('a batch whose provider cannot work', () => {
  it('fails at start naming ANTHROPIC_API_KEY, before any document is read or recognised', async () => {
    const run = await batch('--llm', 'anthropic', '--ocr', 'tesseract');
    expect(run).toMatchObject({ code: 1, signal: null });
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('docpipe:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^docpipe: The anthropic provider needs an API key; set ANTHROPIC_API_KEY\b/);
    expectNoRun();
  });

  it('fails at start naming AWS_REGION for --ocr textract, before any page is sent', async () => {
    const run = await batch('--llm', 'heuristic', '--ocr', 'textract');
    expect(run).toMatchObject({ code: 1, signal: null });
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('docpipe:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^docpipe: Amazon Textract needs a region; set AWS_REGION\b/);
    expectNoRun();
  });

  it('fails at start naming AWS_REGION for --llm bedrock', async () => {
    const run = await batch('--llm', 'bedrock', '--ocr', 'tesseract');
    expect(run).toMatchObject({ code: 1, signal: null });
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('docpipe:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^docpipe: Amazon Bedrock needs a region; set AWS_REGION\b/);
    expectNoRun();
  });
});
