/**
 * The CLI's process as a user lives with it, in child processes: it exits soon after its last word on
 * success and on failure, Ctrl-C stops a batch cleanly (exit 130, nothing recorded as failed, `--resume`
 * finishes it), a second Ctrl-C exits at once, and a failed batch names its most common error.
 */
import type { ChildProcessByStdio } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFailedBatch, mostCommonError } from '../../src/cli/failure-summary.js';
import { cli, runCliChild } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'tests/fixtures', name);
const SINGLE_PAGE = fixture('documents/single-page-1.png');
const MULTICOLUMN = fixture('images/multicol-test-document.png');
/** A child that outlives this is killed, and the test fails on its missing exit code. */
const DEADLINE_MS = 60_000;
/** The longest a command may stay alive after its last line. */
const EXIT_WITHIN_MS = 5_000;

/** A temp folder to run in, with a schema and a private cache. */
async function workspace(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(tmpdir(), 'docpipe-lifetime-'));
  const schema = {
    type: 'object',
    properties: { title: { type: ['string', 'null'] } },
    required: ['title'],
  };
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  return { dir, env: { ...process.env, DOCPIPE_CACHE_DIR: join(dir, 'cache') } };
}

/** A PNG cut after its first 200 bytes: sniffed as an image by its header, it cannot be decoded. */
async function damagedPng(path: string): Promise<void> {
  await writeFile(path, (await readFile(SINGLE_PAGE)).subarray(0, 200));
}

/**
 * Runs the CLI in a child and measures how long it lived after its stderr first met `moment`, which may act on
 * the child then (send it a signal); `afterMs` is undefined when that moment never came.
 */
async function runFrom(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  moment: (stderr: string, child: ChildProcessByStdio<null, Readable, Readable>) => boolean,
) {
  let stderr = '';
  let reachedAt: number | undefined;
  const run = await runCliChild(args, {
    ...options,
    deadlineMs: DEADLINE_MS,
    onSpawn: (child) =>
      child.stderr.on('data', (text: string) => {
        stderr += text;
        if (reachedAt === undefined && moment(stderr, child)) reachedAt = performance.now();
      }),
  });
  return { ...run, afterMs: reachedAt === undefined ? undefined : performance.now() - reachedAt };
}

/** How long the child lived after its stderr first matched `last` (its summary or its error line). */
async function runMeasured(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  last: RegExp,
) {
  const run = await runFrom(args, options, (stderr) => last.test(stderr));
  return { ...run, lingeredMs: run.afterMs };
}

/**
 * Sends the child `signals` SIGINTs as soon as its progress shows a finished document; resolves with the run
 * and how long the child lived after the first signal.
 */
async function interruptAfterFirstDocument(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  signals: number,
) {
  const run = await runFrom(args, options, (stderr, child) => {
    // Plain progress lines (stderr is no terminal): after the 0/N one at the start, the next comes once the first document finished.
    if (!/^docpipe: 1\/\d+ documents/m.test(stderr)) return false;
    for (let i = 0; i < signals; i++) child.kill('SIGINT');
    return true;
  });
  return { ...run, afterSignalMs: run.afterMs };
}

describe('the process exits once its work is done', () => {
  it('after a batch over two images and after a rerun of one of them', async () => {
    const { dir, env } = await workspace();
    await mkdir(join(dir, 'in'));
    await copyFile(SINGLE_PAGE, join(dir, 'in/single.png'));
    await copyFile(MULTICOLUMN, join(dir, 'in/multicol.png'));
    const summary = /^2 documents: .*\n/m;

    const batch = await runMeasured(
      ['batch', 'in', '--schema', 'schema.json', '--name', 'two', '--ocr', 'tesseract'],
      { cwd: dir, env },
      summary,
    );
    expect(batch.stderr).toContain('2 succeeded, 0 failed');
    expect(batch.code).toBe(0);
    expect(batch.lingeredMs).toBeLessThan(EXIT_WITHIN_MS);

    const rerun = await runMeasured(
      ['runs', 'rerun', 'two', 'multicol.png', '--no-cache'],
      { cwd: dir, env },
      /^1 document: .*\n/m,
    );
    expect(rerun.stderr).toContain('1 succeeded, 0 failed');
    expect(rerun.code).toBe(0);
    expect(rerun.lingeredMs).toBeLessThan(EXIT_WITHIN_MS);
  }, 120_000);

  it('after an extract that fails on a damaged image once tesseract has started', async () => {
    const { dir, env } = await workspace();
    await damagedPng(join(dir, 'damaged.png'));
    // The good image first, so tesseract's workers are running when the damaged one fails.
    const run = await runMeasured(
      ['extract', SINGLE_PAGE, 'damaged.png', '--schema', 'schema.json', '--ocr', 'tesseract'],
      { cwd: dir, env },
      /^docpipe: .*damaged\.png.*\n/m,
    );
    expect(run.stderr).toMatch(/damaged\.png cannot be decoded/);
    expect(run.code).toBe(1);
    expect(run.lingeredMs).toBeLessThan(EXIT_WITHIN_MS);
  }, 120_000);
});

describe('Ctrl-C during a batch', () => {
  /** A folder of `count` copies of one image: slow enough, with tesseract one at a time, to be interrupted. */
  async function copies(dir: string, count: number): Promise<void> {
    await mkdir(join(dir, 'in'));
    for (let i = 1; i <= count; i++) await copyFile(SINGLE_PAGE, join(dir, `in/page-${i}.png`));
  }
  // No cache: the copies would be served from it after the first, too fast to interrupt.
  const args = [
    'batch',
    'in',
    '--schema',
    'schema.json',
    '--name',
    'copies',
    '--ocr',
    'tesseract',
    '--no-cache',
  ];

  it('stops it with exit code 130, records no aborted item as failed, and --resume finishes it', async () => {
    const { dir, env } = await workspace();
    await copies(dir, 6);

    const interrupted = await interruptAfterFirstDocument(
      [...args, '--concurrency', '1'],
      { cwd: dir, env },
      1,
    );
    expect(interrupted.code).toBe(130);
    expect(interrupted.afterSignalMs).toBeLessThan(10_000);
    expect(interrupted.stderr).toMatch(/interrupted with [1-5] of 6 documents unfinished.*--resume/);
    const version = join(dir, 'runs/copies/v0');
    expect(JSON.parse(await readFile(join(version, 'errors.json'), 'utf8'))).toEqual([]);
    for (const item of await readdir(join(version, 'items')))
      expect(await readdir(join(version, 'items', item))).not.toContain('error.json');
    const metadata = JSON.parse(await readFile(join(version, 'metadata.json'), 'utf8')) as { state: string };
    expect(metadata.state).toBe('interrupted');

    const resumed = await runCliChild([...args, '--resume'], { cwd: dir, env, deadlineMs: DEADLINE_MS });
    expect(resumed.stderr).toContain('6 succeeded, 0 failed');
    expect(resumed.code).toBe(0);
    const results = JSON.parse(await readFile(join(version, 'collated/results.json'), 'utf8')) as unknown[];
    expect(results).toHaveLength(6);
  }, 120_000);

  it('exits at once with 130 on a second Ctrl-C', async () => {
    const { dir, env } = await workspace();
    await copies(dir, 6);
    const run = await interruptAfterFirstDocument([...args, '--concurrency', '1'], { cwd: dir, env }, 2);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.afterSignalMs).toBeLessThan(EXIT_WITHIN_MS);
  }, 120_000);
});

describe('the summary of a failed batch', () => {
  const decodeError = (item: string) => ({
    item,
    stage: 'ocr',
    code: 'input',
    message: `${item} cannot be decoded (incorrect data check); check the file, or export it again.`,
  });

  it('names the most common error, with the item left out of its message, and how many items it hit', () => {
    const errors = [
      decodeError('a.png'),
      { item: 'b.pdf', code: 'provider', message: 'tesseract failed.' },
      decodeError('c.png'),
      decodeError('d.png'),
    ];
    expect(mostCommonError(errors)).toEqual({
      code: 'input',
      message: '… cannot be decoded (incorrect data check); check the file, or export it again.',
      items: 3,
    });
    expect(describeFailedBatch(4, 5, errors, { runsDir: 'runs', runName: 'scans', version: 'v0' })).toBe(
      '4 of 5 documents failed; the most common error (3 items, input): "… cannot be decoded (incorrect data check); check the file, or export it again.". See runs/scans/v0/errors.json, fix the cause and run docpipe runs rerun scans <item...>.',
    );
  });

  it("quotes a single failure with its item's name, and shortens a long message to one line", () => {
    const long = { item: 'x.png', code: 'input', message: `x.png is odd:\n${'very '.repeat(60)}odd.` };
    const text = describeFailedBatch(1, 2, [long], { runsDir: 'runs', runName: 'r', version: 'v1' });
    expect(text).toMatch(
      /^1 of 2 documents failed; the error \(input\): "x\.png is odd: very .*…"\. See runs\/r\/v1\/errors\.json/,
    );
    expect(text).not.toContain('\n');
    expect(mostCommonError([])).toBeUndefined();
  });

  it('is what docpipe batch prints when documents fail', async () => {
    const { dir } = await workspace();
    await mkdir(join(dir, 'in'));
    for (const name of ['one.png', 'two.png']) await damagedPng(join(dir, 'in', name));
    await writeFile(join(dir, 'in/fine.txt'), 'Title: a fine document\n');
    const runsDir = join(dir, 'runs');
    const schema = join(dir, 'schema.json');
    const { code, stderr } = await cli(
      'batch',
      join(dir, 'in'),
      '--schema',
      schema,
      '--name',
      'mixed',
      '--runs-dir',
      runsDir,
      '--no-cache',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /docpipe: 2 of 3 documents failed; the most common error \(2 items, input\): "… cannot be decoded .*"\. See .*mixed\/v0\/errors\.json, fix the cause and run docpipe runs rerun mixed <item\.\.\.>\.\n/,
    );
  }, 60_000);
});
