/**
 * `renderReport` read as HTML: pages inlined, one box per grounded field, document text escaped, only the
 * report's own script allowed, outcomes from options or from a version's stored `eval.json`, and a rerun's
 * version holding its base's items.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  type GroundedField,
  type JSONSchema,
  LLMExtractionConfig,
  linearPipeline,
  type PipelineResult,
  RunStore,
  renderReport,
} from '../../src/index.js';
import { REPORT_SCRIPT } from '../../src/report/report-script.js';
import { HOSTILE_TEXT, INVOICE, INVOICE_SCHEMA } from './review-run.js';

const RECEIPT = fileURLToPath(new URL('../fixtures/documents/receipt.jpg', import.meta.url));

function count(markup: string, pattern: RegExp): number {
  return [...markup.matchAll(new RegExp(pattern.source, 'g'))].length;
}

function metrics(pages: number) {
  return {
    pages,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0,
    durationMs: 1,
    stages: {},
  };
}

describe('renderReport', () => {
  let invoice: PipelineResult<unknown>;
  let hostile: PipelineResult<unknown>;

  beforeAll(async () => {
    const pipeline = linearPipeline({
      jsonSchema: JSON.parse(await readFile(INVOICE_SCHEMA, 'utf8')) as JSONSchema,
      llm: new LLMExtractionConfig({ provider: 'heuristic' }),
      cache: false,
    });
    invoice = await pipeline.run(INVOICE);
    hostile = await pipeline.run({ text: HOSTILE_TEXT, name: 'hostile.txt' });
    await pipeline.close();
  }, 60_000);

  it("inlines a PDF's pages as WebP images with a box for every grounded field", async () => {
    const markup = await renderReport([{ source: INVOICE, result: invoice }]);
    const grounded = invoice.fields.filter((field) => field.box && field.page).length;
    expect(grounded).toBeGreaterThan(20);
    expect(count(markup, /<figure class="page"/)).toBe(3);
    expect(count(markup, /<img src="data:image\/webp;base64,/)).toBe(3);
    expect(count(markup, /<button type="button" class="box /)).toBe(grounded);
    expect(markup).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('draws the first pages and those holding fields, saying what it left out', async () => {
    const markup = await renderReport([{ source: INVOICE, result: invoice }], { maxPagesPerDocument: 1 });
    // Page 2 holds /total and /payable_by; page 3 holds nothing.
    expect([...markup.matchAll(/<figure class="page" [^>]*data-page="(\d+)"/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
    ]);
    expect(markup).toContain('1 of 3 pages without extracted fields are not shown');
  });

  it('scales a photo down to the image width and boxes its field', async () => {
    const field: GroundedField = {
      path: '/total',
      value: 1810.46,
      page: 1,
      box: { left: 0.5, top: 0.4, width: 0.2, height: 0.03 },
      match: 'exact',
      confidence: 0.5,
    };
    const markup = await renderReport(
      [{ source: RECEIPT, result: { data: { total: 1810.46 }, fields: [field], warnings: [] } }],
      { imageWidth: 400 },
    );
    const [, width] = /<img src="data:image\/webp[^"]*" width="(\d+)"/.exec(markup) ?? [];
    expect(Number(width)).toBe(400);
    expect(markup).toContain('class="box tone-low"');
  });

  it('shows the markup a document holds as text, and allows no script but its own', async () => {
    const markup = await renderReport([
      { source: { text: HOSTILE_TEXT, name: 'hostile.txt' }, result: hostile },
    ]);
    expect(markup).not.toContain('<script>alert');
    expect(markup).not.toContain('<img src=x');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(count(markup, /<script[\s>]/)).toBe(1);
    const script = /<script>([\s\S]*?)<\/script>/.exec(markup)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(markup)?.[1]
      ?.replaceAll('&#39;', "'");
    expect(policy).toContain(`script-src 'sha256-${hash}'`);
    expect(policy).toContain("default-src 'none'");
  });

  it('reports a document that failed, or whose file is gone, with the reason instead of its pages', async () => {
    const markup = await renderReport([
      { source: join(tmpdir(), 'no-such-file.pdf'), error: new Error('The OCR provider timed out.') },
    ]);
    expect(markup).toContain('status-failed');
    expect(markup).toContain('The OCR provider timed out.');
    expect(markup).toContain('The pages cannot be shown');
  });

  it('colours fields by outcome when given, with the true value of wrong and missing ones', async () => {
    const markup = await renderReport([{ source: INVOICE, result: invoice, id: 'invoice' }], {
      outcomes: {
        invoice: {
          '/total': { outcome: 'wrong', expected: 1075.75 },
          '/invoice_number': { outcome: 'correct' },
          '/notes': { outcome: 'missing', expected: 'Deliver to the back door' },
        },
      },
    });
    expect(markup).toMatch(/class="box tone-wrong"[^>]*aria-label="\/total: 1075.7"/);
    expect(markup).toContain('expected 1075.75');
    expect(markup).toMatch(
      /data-path="\/notes"[\s\S]*?not extracted[\s\S]*?expected Deliver to the back door/,
    );
    expect(markup).toContain('accuracy 33%');
  });

  it("colours a run version's fields by its stored eval.json, and lists a rerun's base items", async () => {
    const store = new RunStore(await mkdtemp(join(tmpdir(), 'docpipe-report-runs-')));
    const field = (value: string): GroundedField => ({ path: '/invoice_number', value, match: 'none' });
    const first = await store.createVersion('r', { mode: 'initial', config: {}, itemIds: ['a', 'b'] });
    for (const id of ['a', 'b']) {
      await first.writeInput({ id, source: { kind: 'text', text: `Invoice Number: ${id}-1` } });
      await first.writeResult(
        id,
        { data: { invoice_number: `${id}-1` }, fields: [field(`${id}-1`)] },
        metrics(1),
      );
    }
    await first.release();
    const rerun = await store.createVersion('r', {
      mode: 'rerun',
      baseVersion: 'v0',
      config: {},
      itemIds: ['b'],
    });
    await rerun.writeInput({ id: 'b', source: { kind: 'text', text: 'Invoice Number: b-2' } });
    await rerun.writeResult('b', { data: { invoice_number: 'b-2' }, fields: [field('b-2')] }, metrics(1));
    await rerun.release();
    const evaluation = {
      formatVersion: 1,
      overall: {},
      documents: [
        {
          id: 'b',
          mismatches: [
            { field: 'invoice_number', pointer: '/invoice_number', outcome: 'wrong', expected: 'b-3' },
          ],
        },
      ],
    };
    await writeFile(join(rerun.directory, 'eval.json'), JSON.stringify(evaluation));

    const markup = await renderReport(await store.openVersion('r'));
    expect(markup).toContain('<title>docpipe report: r v1</title>');
    expect([...markup.matchAll(/<h2 id="doc-\d+-title">([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      'a',
      'b',
    ]);
    expect(markup).toContain('a-1');
    expect(markup).toContain('b-2');
    expect(markup).not.toContain('b-1');
    expect(markup).toContain('expected b-3');
    expect(markup).toContain('not located');
  });

  it('has a script that parses, even where no browser runs the browser tests', () => {
    expect(() => new Function(REPORT_SCRIPT)).not.toThrow();
  });

  it('refuses image options out of range, naming the option', async () => {
    await expect(renderReport([], { imageQuality: 0 })).rejects.toSatisfy(
      (error) => ConfigError.isInstance(error) && (error as ConfigError).option === 'imageQuality',
    );
  });
});
