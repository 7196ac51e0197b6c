import { describe, expect, it } from 'vitest';
import { FieldRules } from '../../src/eval/field-rules.js';
import { shapeOfSchema, UNKNOWN_SHAPE } from '../../src/eval/schema-shape.js';
import { scoreDocument } from '../../src/eval/score-document.js';
import type { FieldRule } from '../../src/eval/types.js';

const DEFAULTS = { absolute: 0, relative: 0, similarity: 1, dayFirst: false };

const schema = {
  type: 'object',
  properties: {
    number: { type: 'string' },
    date: { type: ['string', 'null'], format: 'date' },
    total: { type: 'number' },
    paid: { type: 'boolean' },
    currency: { enum: ['USD', 'EUR', null] },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    lines: { type: 'array', items: { $ref: '#/$defs/line' } },
  },
  $defs: {
    line: {
      type: 'object',
      properties: { item: { type: 'string' }, qty: { type: 'integer' }, amount: { type: 'number' } },
    },
  },
};

function score(
  truth: unknown,
  extracted: unknown,
  overrides: Record<string, FieldRule> = {},
  shape = shapeOfSchema(schema),
) {
  return scoreDocument(truth, extracted, { shape, rules: new FieldRules(overrides, DEFAULTS) });
}

const outcomes = (truth: unknown, extracted: unknown, overrides?: Record<string, FieldRule>) =>
  Object.fromEntries(score(truth, extracted, overrides).results.map((r) => [r.pointer, r.outcome]));

describe('scoreDocument', () => {
  it('gives each value an outcome: correct, wrong, missing or hallucinated', () => {
    expect(
      outcomes(
        { number: 'INV-1', total: 10, paid: true, currency: 'USD', note: null },
        { number: 'inv 1', total: 11, paid: null, currency: 'USD', note: 'rush' },
      ),
    ).toEqual({
      '/number': 'correct',
      '/total': 'wrong',
      '/paid': 'missing',
      '/currency': 'correct',
      '/note': 'hallucinated',
    });
  });

  it('treats null, absent and blank alike, and does not score values empty on both sides', () => {
    expect(score({ note: null, date: '' }, { total: null }).results).toEqual([]);
  });

  it('types each field by the schema: dates by the day, enums and booleans exactly', () => {
    const { results } = score(
      { date: '17 May 2024', currency: 'USD', paid: false },
      { date: '2024-05-17', currency: 'usd', paid: false },
    );
    expect(results.map((r) => [r.field, r.rule, r.outcome])).toEqual([
      ['date', 'date', 'correct'],
      ['paid', 'exact', 'correct'],
      ['currency', 'exact', 'wrong'],
    ]);
  });

  it('applies a field rule over the one the schema implies', () => {
    const truth = { total: 100, number: 'Northwind' };
    const extracted = { total: 100.4, number: 'Nortwind' };
    expect(outcomes(truth, extracted)).toEqual({ '/total': 'wrong', '/number': 'wrong' });
    expect(
      outcomes(truth, extracted, {
        total: { kind: 'number', absolute: 0.5 },
        number: { kind: 'string', similarity: 0.8 },
      }),
    ).toEqual({ '/total': 'correct', '/number': 'correct' });
    expect(outcomes(truth, extracted, { total: { kind: 'ignore' } })).toEqual({ '/number': 'wrong' });
  });

  it('pairs table rows by similarity, then scores them field by field', () => {
    const truth = {
      lines: [
        { item: 'Paper', qty: 2, amount: 10 },
        { item: 'Toner', qty: 1, amount: 50 },
        { item: 'Stapler', qty: 1, amount: 8 },
      ],
    };
    // Rows out of order, one amount wrong, the stapler row missing, an extra row sharing no value with it.
    const extracted = {
      lines: [
        { item: 'Toner', qty: 1, amount: 55 },
        { item: 'Gift wrap', qty: 3, amount: 2 },
        { item: 'paper', qty: 2, amount: 10 },
      ],
    };
    const { results, rows } = score(truth, extracted);
    expect(rows).toEqual([
      { field: 'lines[]', truthRows: 3, extractedRows: 3, matched: 2, missingRows: 1, extraRows: 1 },
    ]);
    expect(results.map((r) => `${r.field} ${r.pointer} ${r.outcome}`)).toEqual([
      'lines[].item /lines/2/item correct',
      'lines[].qty /lines/2/qty correct',
      'lines[].amount /lines/2/amount correct',
      'lines[].item /lines/0/item correct',
      'lines[].qty /lines/0/qty correct',
      'lines[].amount /lines/0/amount wrong',
      // The missing row is pointed at in the truth, the extra one in the extraction.
      'lines[].item /lines/2/item missing',
      'lines[].qty /lines/2/qty missing',
      'lines[].amount /lines/2/amount missing',
      'lines[].item /lines/1/item hallucinated',
      'lines[].qty /lines/1/qty hallucinated',
      'lines[].amount /lines/1/amount hallucinated',
    ]);
  });

  it('pairs a misread row with its true row by the values that agree', () => {
    const { results, rows } = score(
      { lines: [{ item: 'Paper', qty: 2, amount: 10 }] },
      { lines: [{ item: 'Paper', qty: null, amount: 70 }] },
    );
    expect(rows[0]).toMatchObject({ matched: 1, missingRows: 0, extraRows: 0 });
    expect(results.map((r) => r.outcome)).toEqual(['correct', 'missing', 'wrong']);
  });

  it('scores an array the extraction left out as missing rows, and empty arrays not at all', () => {
    const { results, rows } = score({ lines: [{ item: 'Paper', qty: 2 }] }, { lines: null });
    expect(results.map((r) => r.outcome)).toEqual(['missing', 'missing']);
    expect(rows[0]).toMatchObject({ truthRows: 1, extractedRows: 0, missingRows: 1 });
    expect(score({ lines: [] }, {})).toEqual({ results: [], rows: [], problems: [] });
  });

  it('pairs rows of scalars too', () => {
    const shape = shapeOfSchema({
      type: 'object',
      properties: { tags: { type: 'array', items: { type: 'string' } } },
    });
    const { results } = score({ tags: ['urgent', 'paid'] }, { tags: ['Paid', 'urgnt', 'extra'] }, {}, shape);
    expect(results.map((r) => `${r.expected ?? '-'}:${r.actual ?? '-'}:${r.outcome}`)).toEqual([
      'urgent:urgnt:wrong',
      'paid:Paid:correct',
      '-:extra:hallucinated',
    ]);
  });

  it('reports a true value of the wrong type for the schema, and leaves it out', () => {
    const { results, problems } = score(
      { total: 'twelve', paid: 'yes', number: 'A1', lines: { item: 'x' } },
      {
        total: 12,
        paid: true,
        number: 'A1',
      },
    );
    expect(results.map((r) => r.field)).toEqual(['number']);
    expect(problems.map((p) => p.message)).toEqual([
      `the truth's /total is "twelve", not a number as the schema says; fix the truth, as this value is not scored`,
      `the truth's /paid is "yes", not true or false as the schema says; fix the truth, as this value is not scored`,
      `the truth's /lines is {"item":"x"}, not an array as the schema says; fix the truth, as this value is not scored`,
    ]);
  });

  it('types fields without a schema by their true values', () => {
    const { results } = score(
      { total: 12, when: '2024-05-17', vendor: 'ACME', items: [{ sku: 'A' }] },
      { total: '12.00', when: 'May 17, 2024', vendor: 'Acme.', items: [{ sku: 'a' }] },
      {},
      UNKNOWN_SHAPE,
    );
    expect(results.map((r) => [r.field, r.rule, r.outcome])).toEqual([
      ['total', 'number', 'correct'],
      ['when', 'string', 'correct'],
      ['vendor', 'string', 'correct'],
      ['items[].sku', 'string', 'correct'],
    ]);
  });

  it('attaches the extractor confidence of each extracted value', () => {
    const { results } = scoreDocument(
      { total: 10, number: 'A' },
      { total: 11, number: 'A' },
      {
        shape: shapeOfSchema(schema),
        rules: new FieldRules({}, DEFAULTS),
        confidences: new Map([
          ['/total', 0.4],
          ['/number', 0.95],
        ]),
      },
    );
    expect(results.map((r) => [r.pointer, r.confidence])).toEqual([
      ['/number', 0.95],
      ['/total', 0.4],
    ]);
  });
});
