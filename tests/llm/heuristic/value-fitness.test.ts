import { describe, expect, it } from 'vitest';
import { extractWithRules } from '../../../src/llm/heuristic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';

type Property = JSONSchema & { type: 'string' | 'number' };

/** An object schema whose properties are all required and nullable: the extractor says null when not found. */
function schemaOf(properties: Record<string, Property>): JSONSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, schema]) => [key, { ...schema, type: [schema.type, 'null'] }]),
    ),
    required: Object.keys(properties),
  };
}

const fromText = (jsonSchema: JSONSchema, text: string, locale?: string) =>
  extractWithRules({ jsonSchema, text }, locale === undefined ? {} : { locale });

const codes = (answer: ReturnType<typeof fromText>) => answer.warnings.map((warning) => warning.code);

describe('a value fits its field', () => {
  it('never returns a label as a value: the words of a receipt under a label are no value', () => {
    // A shop receipt where the labels stand one under another, their values elsewhere or nowhere.
    const text = ['Date:', 'Cashier', 'Total:', 'Sales Incl GST'].join('\n');
    const answer = fromText(schemaOf({ date: { type: 'string' }, total: { type: 'string' } }), text);
    expect(answer.json).toEqual({ date: null, total: null });
    expect(codes(answer)).toContain('heuristic-missing');
  });

  it("never returns another field's label as a value, even a label the schema names", () => {
    const text = ['Customer:', 'Invoice number:     INV-7', 'Bill to', 'Globex Ltd'].join('\n');
    const answer = fromText(
      schemaOf({ customer: { type: 'string' }, invoice_number: { type: 'string' } }),
      text,
    );
    expect(answer.json).toMatchObject({ invoice_number: 'INV-7' });
    expect((answer.json as Record<string, unknown>).customer).not.toMatch(/invoice number|bill to/i);
  });

  it('gives an amount only a number-like value, never a rate or words', () => {
    const answer = fromText(
      schemaOf({ total: { type: 'string' }, subtotal: { type: 'number' } }),
      'Subtotal:   see attached\nTotal   12.50',
    );
    expect(answer.json).toEqual({ total: '12.50', subtotal: null });
  });

  it('gives a date field only a date', () => {
    const answer = fromText(
      schemaOf({ date: { type: 'string' } }),
      'Date:   to be confirmed\nDate:   3 May 2024',
    );
    expect(answer.json).toEqual({ date: '3 May 2024' });
  });

  it('reads the amount on a tax line, not its rate', () => {
    const answer = fromText(schemaOf({ tax: { type: 'number' } }), 'Subtotal     125.00\nTax (10%)    12.50');
    expect(answer.json).toEqual({ tax: 12.5 });
  });

  it('keeps a rate for a field that asks for one', () => {
    const answer = fromText(schemaOf({ tax_rate: { type: 'number' } }), 'Tax rate:  10%');
    expect(answer.json).toEqual({ tax_rate: 10 });
  });
});

describe('what is not found, and what is in doubt', () => {
  it('names every field left null in heuristic-missing, optional ones too', () => {
    const jsonSchema: JSONSchema = {
      type: 'object',
      properties: { total: { type: 'number' }, note: { type: ['string', 'null'] } },
      required: ['total'],
    };
    const answer = fromText(jsonSchema, 'Total: 12.00');
    expect(answer.json).toEqual({ total: 12, note: null });
    expect(answer.warnings).toEqual([
      { code: 'heuristic-missing', message: 'The heuristic extractor found no value for /note.' },
    ]);
  });

  it('reports a value chosen between two close totals as ambiguous, with the other, at low confidence', () => {
    const answer = fromText(schemaOf({ total: { type: 'number' } }), 'Total:  12.50\n\n\n\nTotal:  13.75');
    expect(answer.json).toEqual({ total: 12.5 });
    expect(answer.confidence?.['/total']).toBeLessThan(0.6);
    const warning = answer.warnings.find((w) => w.code === 'heuristic-ambiguous');
    expect(warning?.message).toContain('/total');
    expect(warning?.message).toContain('13.75');
  });

  it('is confident of a value found once, under its own label', () => {
    const answer = fromText(schemaOf({ total: { type: 'number' } }), 'Total:  12.50');
    expect(answer.confidence?.['/total']).toBeGreaterThanOrEqual(0.9);
    expect(answer.warnings).toEqual([]);
  });
});
