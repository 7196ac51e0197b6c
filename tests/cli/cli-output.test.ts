// The CLI as a new user meets it: output that is never nonsense. Each case runs docpipe in a child process,
// in its own folder with its own cache, and checks the exit code and both streams.
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliChild } from '../support/run-cli.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const TWO_PAGES = fixture('documents/textractor-multipage-doc.pdf');
const ONE_PAGE = fixture('documents/reading_order.pdf');
const PHOTO = fixture('documents/single-page-1.png');
const DEADLINE_MS = 60_000;

let cwd: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docpipe-cli-output-'));
  env = { ...process.env, DOCPIPE_CACHE_DIR: join(cwd, 'cache') };
  await copyFile(TWO_PAGES, join(cwd, 'long.pdf'));
  await copyFile(ONE_PAGE, join(cwd, 'short.pdf'));
  await copyFile(PHOTO, join(cwd, 'photo.png'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const docpipe = (...args: string[]) => runCliChild(args, { cwd, env, deadlineMs: DEADLINE_MS });

describe('docpipe parse --pages over documents of different lengths', () => {
  it('skips the pages a document lacks with a warning, and prints every document', async () => {
    const run = await docpipe('parse', 'long.pdf', 'short.pdf', '--pages', '2-3', '--ocr', 'pdf-text');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^==> long\.pdf <==\n.+/);
    expect(run.stdout).toContain('\n==> short.pdf <==\n');
    expect(run.stderr).toContain(
      'docpipe: long.pdf: warning: Page 3 was skipped: long.pdf has 2 pages. (pages-out-of-range, stage ocr)',
    );
    expect(run.stderr).toContain(
      'docpipe: short.pdf: warning: Pages 2-3 were skipped: short.pdf has 1 page, so no page of it was processed. (pages-out-of-range, stage ocr)',
    );
  });

  it('treats an image as page 1: a range without it is a warning, not an abort', async () => {
    const run = await docpipe('parse', 'photo.png', '--pages', '2');

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('\n');
    expect(run.stderr).toContain('photo.png: warning: Page 2 was skipped: photo.png has 1 page');
  });
});

describe('docpipe parse on a file named like another type', () => {
  it('reads it as what its bytes are, with a media-type-mismatch warning', async () => {
    await copyFile(ONE_PAGE, join(cwd, 'scan.png'));

    const run = await docpipe('parse', 'scan.png', '--ocr', 'pdf-text');

    expect(run.code).toBe(0);
    expect(run.stdout.trim()).not.toBe('');
    expect(run.stderr).toContain(
      'docpipe: scan.png: warning: scan.png is named like a PNG image but its content is a PDF, so it was read as a PDF. (media-type-mismatch)',
    );
  });

  it('fails in one line when the content is nothing docpipe reads', async () => {
    await writeFile(join(cwd, 'junk.png'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x99]));

    const run = await docpipe('parse', 'junk.png');

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'docpipe: junk.png is named like a PNG image but its content is binary data of a type docpipe does not read; check that it is the document you meant, or rename it to match its content.\n',
    );
  });
});

describe('docpipe batch over a folder', () => {
  it('lists the files that are not documents in one line, and fails an empty document as its own item', async () => {
    const docs = join(cwd, 'docs');
    await mkdir(docs);
    await writeFile(join(docs, 'a.txt'), 'Invoice no. 1\nTotal 10.00\n');
    await writeFile(join(docs, 'readme.md'), '# About these scans\n');
    await writeFile(join(docs, 'data.csv'), '');
    await writeFile(join(docs, 'empty.pdf'), '');
    await writeFile(
      join(cwd, 'schema.json'),
      JSON.stringify({ type: 'object', properties: { total: { type: 'number' } } }),
    );

    const run = await docpipe(
      'batch',
      'docs',
      '--name',
      'folder',
      '--schema',
      'schema.json',
      '--stages',
      'llm',
      '--llm',
      'heuristic',
    );

    expect(run.code).toBe(1);
    const skippedLines = run.stderr.split('\n').filter((line) => line.includes('Skipped'));
    expect(skippedLines).toEqual([
      expect.stringMatching(
        /^docpipe: warning: Skipped 2 files that are not document types \(.+\): docs\/data\.csv, docs\/readme\.md; name a file to take it anyway\.$/,
      ),
    ]);
    expect(run.stderr).toContain('1 of 2 documents failed');
    expect(run.stderr).toContain('empty.pdf is empty');
    const collated = JSON.parse(
      await readFile(join(cwd, 'runs', 'folder', 'v0', 'collated', 'results.json'), 'utf8'),
    );
    expect(collated.map((result: { id: string }) => result.id)).toEqual(['a.txt']);
  });
});

describe('--cache-dir that docpipe cannot use', () => {
  it('is a usage error naming the flag when it is a file', async () => {
    await writeFile(join(cwd, 'not-a-dir'), 'x');

    for (const args of [
      ['cache', 'stats', '--cache-dir', 'not-a-dir'],
      ['parse', 'short.pdf', '--ocr', 'pdf-text', '--cache-dir', 'not-a-dir/sub'],
    ]) {
      const run = await docpipe(...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(
        /^error: option '--cache-dir <dir>' argument .* not a directory; pass a directory for the cache\.$/,
      );
    }
  });

  // root may write anywhere, so only another user can meet a read-only directory.
  it.skipIf(process.getuid?.() === 0)('is a usage error when the directory cannot be written', async () => {
    const readOnly = join(cwd, 'read-only');
    await mkdir(readOnly);
    await chmod(readOnly, 0o500);

    const run = await docpipe('cache', 'clear', '--cache-dir', readOnly);

    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain('cannot be written to by this user');
  });
});

describe('docpipe extract without an extraction stage', () => {
  it('prints the parsed text, or with --json the OCR and parsed documents, never `undefined`', async () => {
    await writeFile(join(cwd, 'schema.json'), JSON.stringify({ type: 'object', properties: {} }));
    const args = [
      'extract',
      'short.pdf',
      '--schema',
      'schema.json',
      '--stages',
      'ocr,parser',
      '--ocr',
      'pdf-text',
    ];

    const text = await docpipe(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('undefined');
    expect(text.stdout).toMatch(/^This is a sample test for the word ordering in Textract\.\n/);

    const json = await docpipe(...args, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      document: { name: 'short.pdf' },
      ocr: { provider: 'pdf-text' },
      parsed: { method: 'layout-conserved' },
    });
  });
});
