/**
 * `docpipe report <run>` on a real run (with `--truth` scoring it on the fly), and `docpipe extract --report`.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';
import { INVOICE, INVOICE_SCHEMA, makeReviewRun, type ReviewRun } from './review-run.js';

describe('docpipe report', () => {
  let run: ReviewRun;

  beforeAll(async () => {
    run = await makeReviewRun();
  }, 60_000);

  it('writes the report of a run version and says where and how large', async () => {
    const out = join(run.root, 'review.html');
    const { code, stderr } = await cli('report', run.runName, 'v0', '--runs-dir', run.runsDir, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^docpipe: report written to .*review\.html \(\d+ KB\)\n$/);
    const markup = await readFile(out, 'utf8');
    expect(markup).toMatch(/^<!doctype html>/);
    expect(markup).toContain('<title>docpipe report: review v0</title>');
    expect(markup).toContain('3 documents · 2 succeeded · 1 failed');
  });

  it('colours the fields by outcome against --truth', async () => {
    const truth = join(run.root, 'truth');
    await mkdir(truth, { recursive: true });
    await writeFile(
      join(truth, 'invoice.pdf.json'),
      JSON.stringify({ invoice_number: '3847193', total: 99 }),
    );
    const out = join(run.root, 'judged.html');
    const { code, stderr } = await cli(
      'report',
      run.runName,
      '--runs-dir',
      run.runsDir,
      '--truth',
      truth,
      '-o',
      out,
    );
    expect(stderr).toContain('report written to');
    expect(code).toBe(0);
    const markup = await readFile(out, 'utf8');
    expect(markup).toMatch(/class="box tone-wrong"[^>]*aria-label="\/total: 1075.7"/);
    expect(markup).toMatch(/class="box tone-correct"[^>]*aria-label="\/invoice_number: 3847193"/);
    expect(markup).toContain('expected 99');
  });

  it('names the runs there are when the run does not exist', async () => {
    const { code, stderr } = await cli('report', 'nope', '--runs-dir', run.runsDir);
    expect(code).toBe(1);
    expect(stderr).toContain("There is no run named 'nope'");
    expect(stderr).toContain('review');
  });
});

describe('docpipe extract --report', () => {
  it('prints the data, then writes the report of the documents', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'docpipe-extract-report-')), 'invoice.html');
    const { code, stdout, stderr } = await cli(
      'extract',
      INVOICE,
      '--schema',
      INVOICE_SCHEMA,
      '--llm',
      'heuristic',
      '--report',
      out,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ invoice_number: '3847193', total: 1075.7 });
    expect(stderr).toContain(`report written to ${out}`);
    const markup = await readFile(out, 'utf8');
    expect(markup.match(/<figure class="page"/g)).toHaveLength(3);
    // One document: no list of documents to filter.
    expect(markup).not.toContain('id="index"');
  });
});
