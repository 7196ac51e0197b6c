import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli-workspace.js';
import { runCliChild } from '../support/run-cli.js';

// Generous: loading TypeScript in the child takes a few seconds on a busy machine.
const DEADLINE_MS = 90_000;
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const PHOTO = fixture('documents/receipt.jpg');
const INVOICE = fixture('pdfs/gpt4v-invoice.pdf');

// What a CLI user cannot type: a config class's option, a Stage member, a credential class, a library limit.
const LIBRARY_TERM = /\b(?:\w+Config|limits)\.\w+|\bStage\.[A-Z_]+|\b[A-Z]\w*Credential\b|\bjsonSchema\b/;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  ({ dir, env } = await cliWorkspace('cli-words'));
  const schema = {
    type: 'object',
    properties: { invoice_number: { type: 'string' }, total: { type: 'number' } },
    required: ['invoice_number', 'total'],
  };
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const docpipe = (...args: string[]) => runCliChild(args, { cwd: dir, env, deadlineMs: DEADLINE_MS });

/** The run failed with one `docpipe:` line that contains `fix` and names nothing a CLI user cannot set. */
function expectFailureSaying(run: { code: number | null; stderr: string }, fix: string): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line.startsWith('docpipe:'));
  expect(lines.at(-1)).toContain(fix);
  expect(run.stderr).not.toMatch(LIBRARY_TERM);
}

describe('errors in the CLI words, from a docpipe child process', () => {
  const extract = (file: string, ...flags: string[]) =>
    docpipe('extract', file, '--schema', 'schema.json', ...flags);

  it('names --stages for an image a model cannot read without OCR', async () => {
    const run = await extract(PHOTO, '--stages', 'llm', '--llm', 'heuristic');
    expectFailureSaying(run, 'the heuristic model cannot read it directly; use --stages ocr,parser,llm');
  });

  it('names --stages for stages in an order that cannot work', async () => {
    const run = await extract(PHOTO, '--stages', 'parser');
    expectFailureSaying(run, 'so the ocr stage must come right before it: use --stages ocr,parser');
  });

  it('names --model for a model the provider does not have', async () => {
    const run = await extract(INVOICE, '--llm', 'heuristic', '--model', 'gpt');
    expectFailureSaying(run, "not 'gpt'; leave --model out.");
  });

  it('names --pages when the pages asked for select none of the document', async () => {
    const run = await extract(INVOICE, '--llm', 'heuristic', '--pages', '7');
    expectFailureSaying(run, 'No page of the document was read (--pages selects none of its pages)');
  });

  it('names the environment variable, not a credential class, for a missing key', async () => {
    const run = await extract(INVOICE, '--llm', 'anthropic');
    expectFailureSaying(run, 'The anthropic provider needs an API key; set ANTHROPIC_API_KEY.');
  });

  it('takes the model settings its messages name as flags, and stores them with the run for a rerun', async () => {
    const run = await docpipe(
      ...['batch', INVOICE, '--schema', 'schema.json', '--name', 'flags', '--llm', 'heuristic'],
      ...[
        '--max-tokens',
        '2000',
        '--context-tokens',
        '50000',
        '--repair-attempts',
        '0',
        '--output-mode',
        'tool',
      ],
      ...['--pages', '1'],
    );
    expect(run.stderr).not.toContain('unknown option');
    const metadata = JSON.parse(await readFile(join(dir, 'runs', 'flags', 'v0', 'metadata.json'), 'utf8'));
    expect(metadata.config).toMatchObject({
      ocr: { pages: [1] },
      llm: { maxTokens: 2000, contextTokens: 50_000, repairAttempts: 0, outputMode: 'tool' },
    });
    const usage = await extract(INVOICE, '--repair-attempts', '-1');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument '-1' is invalid. Give a whole number of at least 0.");
  });
});
