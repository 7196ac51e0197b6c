// The docpipe bin as users get it: built by `npm run build` (as `npm ci` does through `prepare`), run from
// dist/ with plain node. The other CLI tests run the same code from source; these check what only the built
// package can get wrong (worker files, paths to package.json and to the model and language packages).
import { execFile } from 'node:child_process';
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli-workspace.js';
import { runCliChild } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEADLINE_MS = 180_000;
const fixture = (path: string) => join(ROOT, 'tests/fixtures', path);

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
  ({ dir, env } = await cliWorkspace('built'));
  const schema = {
    type: 'object',
    properties: { invoice_number: { type: 'string' }, total: { type: 'number' } },
    required: ['invoice_number', 'total'],
  };
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  await copyFile(fixture('documents/receipt.jpg'), join(dir, 'a.jpg'));
  await copyFile(fixture('documents/single-page-1.png'), join(dir, 'b.png'));
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const docpipe = (...args: string[]) =>
  runCliChild(args, { cwd: dir, env, deadlineMs: DEADLINE_MS, built: true });

describe('the built docpipe bin', () => {
  it('runs a batch over two photos with local OCR and exits after its summary', async () => {
    const run = await docpipe('batch', 'a.jpg', 'b.png', '--schema', 'schema.json', '--name', 'photos');
    // Killed at the deadline would show as SIGKILL: worker threads kept the process alive.
    expect(run.signal).toBeNull();
    expect([0, 3]).toContain(run.code);
    expect(run.stdout).toContain('Run photos v0: ./runs/photos/v0 (completed)');
    expect(run.stderr).not.toMatch(/Error:|undefined|at .*\(node:/);
  });

  it('prints what it found of an incomplete extraction and exits 3', async () => {
    await writeFile(join(dir, 'short.txt'), 'Invoice number: INV-7\n');
    const run = await docpipe('extract', 'short.txt', '--schema', 'schema.json', '--stages', 'llm');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ invoice_number: 'INV-7', total: null });
    expect(run.stderr).toContain('docpipe: short.txt: /total: required, but not found');
  });

  it('writes a line-item table of a digital invoice as a GitHub pipe table', async () => {
    const run = await docpipe('parse', join(ROOT, 'examples/documents/invoice.pdf'), '--parser', 'markdown');
    expect(run.code).toBe(0);
    const tables = marked.lexer(run.stdout).filter((token) => token.type === 'table');
    expect(tables.length).toBeGreaterThan(0);
  });

  it('stops quietly when the reader of its output goes away, as `docpipe parse … | head` does', async () => {
    const invoice = join(ROOT, 'examples/documents/invoice.pdf');
    const run = await runCliChild(['parse', invoice, invoice, invoice], {
      cwd: dir,
      env,
      deadlineMs: DEADLINE_MS,
      built: true,
      onSpawn: (child) => child.stdout.once('data', () => child.stdout.destroy()),
    });
    expect(run).toMatchObject({ code: 0, signal: null });
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
  });

  it('says a usage error in its own words, with exit 2', async () => {
    const run = await docpipe('extract', 'short.txt', '--schema', 'schema.json', '--max-pages', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "option '--max-pages <n>' argument '0' is invalid. Give a whole number of at least 1.",
    );
  });
});
