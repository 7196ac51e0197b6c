import { describe, expect, it } from 'vitest';
import { extractWithRules } from '../../../src/llm/heuristic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { documentOf, line, page } from '../../parser/ocr-page.js';

/** A required, non-nullable schema written by field names and descriptions only: no aliases. */
function requiredSchema(properties: Record<string, JSONSchema>): JSONSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

const text = (description: string): JSONSchema => ({ type: 'string', description });

// An invoice's first page: the seller's name in large type with its address under it, the title on the right,
// a `Bill To` block, and the totals with a tax line that prints its rate.
const invoice = documentOf(
  page({
    lines: [
      line('Harbour Lane Stationers Ltd', 0.08, 0.05, { height: 0.03 }),
      line('INVOICE', 0.7, 0.05, { height: 0.03 }),
      line('14 Quay Street', 0.08, 0.09),
      line('Bristol BS1 4DJ', 0.08, 0.115),
      line('Bill To:', 0.08, 0.2),
      line('Invoice No: A-1042', 0.6, 0.2),
      line('Oakridge Dental Practice', 0.08, 0.225),
      line('7 Mill Road, Cambridge', 0.08, 0.25),
      line('Subtotal', 0.6, 0.5),
      line('GBP 125.00', 0.8, 0.5),
      line('VAT (10%)', 0.6, 0.53),
      line('GBP 12.50', 0.8, 0.53),
      line('Total', 0.6, 0.56),
      line('GBP 137.50', 0.8, 0.56),
      line('Thank you for your business', 0.08, 0.9),
    ],
  }),
);

describe('fields nobody labels, found by layout', () => {
  const schema = requiredSchema({
    vendor: text('The company that issued the invoice.'),
    vendor_address: text('Where the seller is.'),
    customer: text('Who is billed.'),
    currency: text('ISO 4217 code of the amounts.'),
    subtotal: { type: 'number', description: 'Before tax.' },
    tax: { type: 'number', description: 'The tax charged.' },
    total: { type: 'number', description: 'What is due.' },
  });

  it('reads the vendor from the letterhead, its address from the lines under it', () => {
    const answer = extractWithRules({ jsonSchema: schema, ocr: invoice });
    expect(answer.json).toMatchObject({
      vendor: 'Harbour Lane Stationers Ltd',
      vendor_address: '14 Quay Street Bristol BS1 4DJ',
    });
    // Found by place, not by a label: given, but not with a confidence a label would give it.
    expect(answer.confidence?.['/vendor']).toBeLessThan(0.6);
  });

  it('reads the customer from the block under Bill To', () => {
    const answer = extractWithRules({ jsonSchema: schema, ocr: invoice });
    expect(answer.json).toMatchObject({ customer: 'Oakridge Dental Practice' });
  });

  it('takes the currency from the ISO code by the amounts', () => {
    const answer = extractWithRules({ jsonSchema: schema, ocr: invoice });
    expect(answer.json).toMatchObject({ currency: 'GBP' });
  });

  it('takes the tax amount from the tax line, not its rate, and the total and subtotal by their labels', () => {
    const answer = extractWithRules({ jsonSchema: schema, ocr: invoice });
    expect(answer.json).toMatchObject({ subtotal: 125, tax: 12.5, total: 137.5 });
    expect(answer.warnings).toEqual([]);
  });

  it('reads a currency written as `GBP 53,078.13` in text', () => {
    const answer = extractWithRules({
      jsonSchema: requiredSchema({ currency: text('The currency.'), total: { type: 'number' } }),
      text: 'Total due    GBP 53,078.13',
    });
    expect(answer.json).toEqual({ currency: 'GBP', total: 53078.13 });
  });

  it('takes a field named for the block (`bill_to`) as the whole block, name and address', () => {
    const answer = extractWithRules({
      jsonSchema: requiredSchema({ bill_to: { type: 'string' } }),
      ocr: invoice,
    });
    expect(answer.json).toEqual({ bill_to: 'Oakridge Dental Practice 7 Mill Road, Cambridge' });
  });
});

describe('a receipt total', () => {
  const schema = requiredSchema({ total: { type: 'number', description: 'The amount paid.' } });

  it('is the total row, not the total of the GST summary under it', () => {
    const receipt = [
      'KEDAI RUNCIT MAJU SDN BHD',
      'Total Sales Incl GST       12.72',
      'Rounding                   -0.02',
      'Total                      12.70',
      '',
      'GST Summary       Amount(RM)     Tax(RM)',
      'SR @ 6%           12.00          0.72',
      'Total             12.00          0.72',
    ].join('\n');
    const answer = extractWithRules({ jsonSchema: schema, text: receipt });
    expect(answer.json).toEqual({ total: 12.7 });
    expect(answer.confidence?.['/total']).toBeGreaterThanOrEqual(0.6);
  });

  it('is never the count of items', () => {
    const answer = extractWithRules({ jsonSchema: schema, text: 'Total Items:   4\nTotal:   $18.20' });
    expect(answer.json).toEqual({ total: 18.2 });
  });
});
