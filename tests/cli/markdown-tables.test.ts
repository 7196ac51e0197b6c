// `docpipe parse --parser markdown` as a user runs it: the line items of a digital invoice come out as a pipe
// table that a markdown parser reads, and nothing but progress goes to stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliChild } from '../support/run-cli.js';

const INVOICE = fileURLToPath(new URL('../fixtures/pdfs/gpt4v-invoice.pdf', import.meta.url));
const DEADLINE_MS = 60_000;
// What the CLI may say on stderr about a document it parses well: its progress, line by line.
const PROGRESS_LINE = /^docpipe: .+: ocr page \d+\/\d+$/;

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docpipe-markdown-tables-'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('docpipe parse --parser markdown', () => {
  it('prints an invoice’s line items as a pipe table', async () => {
    const env = { ...process.env, DOCPIPE_CACHE_DIR: join(cwd, 'cache') };
    const run = await runCliChild(['parse', INVOICE, '--parser', 'markdown'], {
      cwd,
      env,
      deadlineMs: DEADLINE_MS,
    });

    expect(run.code).toBe(0);
    const stderr = run.stderr.split('\n').filter((text) => text !== '' && !PROGRESS_LINE.test(text));
    expect(stderr).toEqual([]);
    const tables = marked.lexer(run.stdout).filter((token): token is Tokens.Table => token.type === 'table');
    expect(tables[0]?.header.map((cell) => cell.text)).toEqual([
      'Item Code',
      'Item Desc.',
      'Unit Price',
      'Quantity',
      'Total',
    ]);
    expect(tables[0]?.rows[0]?.map((cell) => cell.text)).toEqual([
      'PPR006',
      'UNIV. A4 80gsm',
      '25.86',
      '5',
      '129.30',
    ]);
  });
});
