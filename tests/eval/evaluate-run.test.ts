/**
 * `evaluateRun` end to end: a real batch of generated invoices with injected errors (see invoice-run.ts for
 * the table of what each invoice got wrong), scored against its truth folder; the figures are the
 * hand-counted ones.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateRun } from '../../src/eval/evaluate-run.js';
import { readEvaluation } from '../../src/eval/stored-evaluation.js';
import { ConfigError, RunStore } from '../../src/index.js';
import { metrics, tempRunsDir } from '../runs/support.js';
import { invoiceRun, runCorrectVersion } from './invoice-run.js';

const TOTAL_RULE = { total: { kind: 'number', absolute: 0.01 } } as const;

describe('evaluateRun on a batch of generated invoices', () => {
  it('reports the hand-counted figures overall, per document and per field', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const report = await evaluateRun(new RunStore(runsDir), 'invoices', undefined, truthDir, {
      fieldRules: TOTAL_RULE,
    });

    // 18 + 17 + 13 + 16 + 0 correct; 1 + 1 wrong; 5 + 18 missing; 5 hallucinated.
    expect(report.overall).toEqual({
      scored: 94,
      correct: 64,
      wrong: 2,
      missing: 23,
      hallucinated: 5,
      accuracy: 64 / 94,
      precision: 64 / 71,
      recall: 64 / 89,
      f1: (2 * (64 / 71) * (64 / 89)) / (64 / 71 + 64 / 89),
    });
    const documents = Object.fromEntries(
      report.documents.map((d) => [d.id, [d.correct, d.wrong, d.missing, d.hallucinated]]),
    );
    expect(documents).toEqual({
      'inv-1': [18, 0, 0, 0],
      'inv-2': [17, 1, 0, 0],
      'inv-3': [13, 0, 5, 0],
      'inv-4': [16, 1, 0, 5],
      'inv-5': [0, 0, 18, 0],
    });
    // Worst first.
    expect(report.documents.map((d) => d.id)).toEqual(['inv-5', 'inv-3', 'inv-4', 'inv-2', 'inv-1']);
    expect(report.documents[0]).toMatchObject({ id: 'inv-5', failed: true });
    expect(report.documents[1]).toMatchObject({ id: 'inv-3', incomplete: true });
    expect(report.documents[2]?.rows).toEqual([
      { field: 'line_items[]', truthRows: 3, extractedRows: 4, matched: 3, missingRows: 0, extraRows: 1 },
    ]);
    expect(report.documents[2]?.mismatches.map((m) => `${m.pointer} ${m.outcome}`)).toEqual([
      '/po_number hallucinated',
      '/line_items/0/quantity wrong',
      '/line_items/3/description hallucinated',
      '/line_items/3/quantity hallucinated',
      '/line_items/3/unit_price hallucinated',
      '/line_items/3/amount hallucinated',
    ]);

    const fields = Object.fromEntries(
      report.fields.map((f) => [f.field, [f.rule, f.correct, f.wrong, f.missing, f.hallucinated]]),
    );
    expect(fields).toEqual({
      invoice_number: ['string', 4, 0, 1, 0],
      invoice_date: ['date', 3, 0, 2, 0],
      vendor: ['string', 4, 0, 1, 0],
      currency: ['exact', 4, 0, 1, 0],
      // inv-4's truth says "yes": not scored.
      paid: ['exact', 3, 0, 1, 0],
      po_number: ['string', 0, 0, 0, 1],
      total: ['number', 3, 1, 1, 0],
      'line_items[].description': ['string', 11, 0, 4, 1],
      'line_items[].quantity': ['number', 10, 1, 4, 1],
      'line_items[].unit_price': ['number', 11, 0, 4, 1],
      'line_items[].amount': ['number', 11, 0, 4, 1],
    });
    expect(report.fields[0]?.field).toBe('po_number');
    expect(report.rows).toEqual([
      { field: 'line_items[]', truthRows: 15, extractedRows: 12, matched: 11, missingRows: 4, extraRows: 1 },
    ]);
  });

  it('lists the items without truth, and names each unusable truth in one line', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const report = await evaluateRun(new RunStore(runsDir), 'invoices', 'v0', truthDir, {
      fieldRules: TOTAL_RULE,
    });
    expect(report.unscored).toEqual(['inv-6']);
    expect(report.problems.map((p) => `${p.source}: ${p.message}`)).toEqual([
      expect.stringMatching(
        /broken\.json: is not valid JSON \(.+\); fix the file, as item 'broken' is not scored$/,
      ),
      `${join(truthDir, 'ghost.json')}: names item 'ghost', which run invoices v0 does not have; name it after one of the run's item ids, such as 'inv-1'`,
      `${join(truthDir, 'inv-4.json')}: the truth's /paid is "yes", not true or false as the schema says; fix the truth, as this value is not scored`,
    ]);
  });

  it('stores the report as the version’s eval.json, unless told not to', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const store = new RunStore(runsDir);
    const version = await store.openVersion('invoices', 'v0');
    await evaluateRun(store, 'invoices', 'v0', truthDir, { store: false });
    expect(existsSync(join(version.directory, 'eval.json'))).toBe(false);
    const report = await evaluateRun(store, 'invoices', 'v0', truthDir);
    expect(await readEvaluation(version)).toEqual(report);
    expect(report.options).toEqual({
      numberTolerance: { absolute: 0, relative: 0 },
      stringSimilarity: 1,
      dayFirst: false,
      fieldRules: {},
      schema: 'run',
    });
    // Without the total rule, inv-1's total (off by 0.004) is wrong.
    expect(report.overall.wrong).toBe(3);
  });

  it('compares with a baseline version and applies the regression gate both ways', async () => {
    const { runsDir, truthDir, invoices } = await invoiceRun();
    await runCorrectVersion(runsDir, invoices);
    const store = new RunStore(runsDir);
    const options = { fieldRules: TOTAL_RULE, maxDrop: 1 };

    const better = await evaluateRun(store, 'invoices', 'v1', truthDir, { ...options, baseline: 'v0' });
    // v1 scores every value of the five invoices with truth right: 5 × 18, less inv-4's `paid`.
    expect(better.overall).toMatchObject({ scored: 89, correct: 89, accuracy: 1 });
    expect(better.baseline?.version).toBe('v0');
    expect(better.baseline?.changePoints).toBeCloseTo((1 - 64 / 94) * 100);
    expect(better.baseline?.gate).toEqual({ maxDrop: 1, passed: true });

    const worse = await evaluateRun(store, 'invoices', 'v0', truthDir, { ...options, baseline: 'v1' });
    expect(worse.baseline?.changePoints).toBeCloseTo((64 / 94 - 1) * 100);
    expect(worse.baseline?.gate).toEqual({ maxDrop: 1, passed: false });
    const tolerant = await evaluateRun(store, 'invoices', 'v0', truthDir, {
      ...options,
      baseline: 'v1',
      maxDrop: 35,
    });
    expect(tolerant.baseline?.gate?.passed).toBe(true);
  });

  it('fails with the fix for a field rule naming no field, and for options out of range', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const store = new RunStore(runsDir);
    await expect(
      evaluateRun(store, 'invoices', 'v0', truthDir, { fieldRules: { totl: { kind: 'number' } } }),
    ).rejects.toThrow(
      /^A field rule names 'totl', which is no field of the schema; use one of invoice_number, /,
    );
    await expect(evaluateRun(store, 'invoices', 'v0', truthDir, { stringSimilarity: 2 })).rejects.toThrow(
      ConfigError,
    );
  });
});

describe('evaluateRun on versions written by hand', () => {
  async function handRun(results: Record<string, { data: unknown; fields?: unknown[] }>, outputIds = false) {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    const ids = Object.keys(results);
    const version = await store.createVersion('docs', { mode: 'initial', config: null, itemIds: ids });
    for (const [index, id] of ids.entries()) {
      await version.writeInput({
        id,
        source: { kind: 'text', text: id },
        ...(outputIds ? { outputId: index + 1 } : {}),
      });
      await version.writeResult(id, results[id] as { data: unknown }, metrics());
    }
    await version.collate();
    await version.release();
    return store;
  }

  it('gives accuracy by the confidence stored with each value', async () => {
    const store = await handRun({
      'a.pdf': {
        data: { total: 10, vendor: 'ACME', note: 'x' },
        fields: [
          { path: '/total', value: 10, confidence: 0.95 },
          { path: '/vendor', value: 'ACME', confidence: 0.55 },
          { path: '/note', value: 'x', confidence: 0.92 },
        ],
      },
    });
    const report = await evaluateRun(store, 'docs', 'v0', { 'a.pdf': { total: 10, vendor: 'Acme Inc' } });
    expect(report.options.schema).toBe('inferred');
    const top = report.calibration?.at(-1);
    expect(top).toMatchObject({ from: 0.9, to: 1, values: 2, correct: 1, accuracy: 0.5 });
    expect(report.calibration?.find((b) => b.from === 0.5)).toMatchObject({
      values: 1,
      correct: 0,
      atOrAbove: { values: 3, correct: 1 },
    });
  });

  it('matches truth to items by id, output id, or id without its extension, once each', async () => {
    const store = await handRun(
      {
        'scan-1.pdf': { data: { total: 1 } },
        'scan-2.pdf': { data: { total: 2 } },
        'scan-3.pdf': { data: { total: 3 } },
      },
      true,
    );
    const report = await evaluateRun(store, 'docs', 'v0', {
      'scan-1.pdf': { total: 1 },
      'scan-2': { total: 2 },
      3: { total: 4 },
      'scan-1': { total: 9 },
    });
    expect(Object.fromEntries(report.documents.map((d) => [d.id, d.correct]))).toEqual({
      'scan-1.pdf': 1,
      'scan-2.pdf': 1,
      'scan-3.pdf': 0,
    });
    expect(report.problems).toEqual([
      {
        source: '(given)#scan-1',
        message:
          "is a second truth for item 'scan-1.pdf' (after (given)#scan-1.pdf); keep one, as only the first is scored",
      },
    ]);
  });

  it('types the fields by a schema given as an option, zod included', async () => {
    const store = await handRun({ a: { data: { total: 12, paid: true } } });
    const schema = z.object({ total: z.number(), paid: z.boolean() });
    const report = await evaluateRun(
      store,
      'docs',
      'v0',
      { a: { total: '12', paid: true } },
      { jsonSchema: schema },
    );
    expect(report.options.schema).toBe('option');
    expect(report.fields.map((f) => [f.field, f.rule])).toEqual([['paid', 'exact']]);
    expect(report.problems[0]?.message).toMatch(
      /^the truth's \/total is "12", not a number as the schema says/,
    );
  });

  it('reads truth from a JSON array, the id field left out of the data', async () => {
    const store = await handRun({ a: { data: { total: 1 } }, b: { data: { total: 2 } } });
    const file = join(await tempRunsDir(), 'truth.json');
    await writeFile(
      file,
      JSON.stringify([
        { doc: 'a', total: 1 },
        { doc: 'b', total: 3 },
      ]),
    );
    const report = await evaluateRun(store, 'docs', 'v0', file, { idField: 'doc' });
    expect(report.overall).toMatchObject({ scored: 2, correct: 1, wrong: 1, hallucinated: 0 });
  });
});
