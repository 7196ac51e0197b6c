import { describe, expect, it } from 'vitest';
import { extractWithRules } from '../../../src/llm/heuristic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { ocrDocumentFromText } from '../../../src/testing/index.js';
import { documentOf, invoicePage } from '../../parser/ocr-page.js';

const lineItem: JSONSchema = {
  type: 'object',
  properties: {
    description: { type: 'string', 'x-aliases': ['Item'] },
    quantity: { type: 'integer' },
    unit_price: { type: 'number' },
    amount: { type: ['number', 'null'] },
  },
  required: ['description', 'quantity', 'amount'],
};

const invoiceSchema: JSONSchema = {
  type: 'object',
  properties: {
    line_items: { type: 'array', items: lineItem },
    total: { type: ['number', 'null'] },
  },
  required: ['line_items', 'total'],
};

const ITEMS = [
  { description: 'Consulting services, March', quantity: 1, unit_price: 1200, amount: 1200 },
  { description: 'Travel expenses (Berlin)', quantity: 2, unit_price: 150, amount: 300 },
  { description: 'Software licence', quantity: 10, unit_price: 9.5, amount: 95 },
];

describe('arrays of objects from tables', () => {
  it("reads an OCR table's rows into items, its headers matched to the item's properties", () => {
    const answer = extractWithRules({
      jsonSchema: invoiceSchema,
      ocr: documentOf(invoicePage({ table: true })),
    });
    expect(answer.json).toEqual({ line_items: ITEMS, total: 1595 });
    expect(answer.confidence?.['/line_items/1/quantity']).toBeGreaterThan(0.5);
  });

  it('reads rows of lines under a row of column headers when the OCR found no table', () => {
    const answer = extractWithRules({ jsonSchema: invoiceSchema, ocr: documentOf(invoicePage()) });
    expect(answer.json).toEqual({ line_items: ITEMS, total: 1595 });
  });

  it('reads a table in plain text, skipping blank rows and ending at the totals', () => {
    const text = [
      'Item                      Qty    Unit price     Amount',
      'Printer paper A4            4         6.25       25.00',
      '',
      'Toner cartridge             1        68.50       68.50',
      'Subtotal                                         93.50',
      'Total:  93.50',
    ].join('\n');
    expect(extractWithRules({ jsonSchema: invoiceSchema, text }).json).toEqual({
      line_items: [
        { description: 'Printer paper A4', quantity: 4, unit_price: 6.25, amount: 25 },
        { description: 'Toner cartridge', quantity: 1, unit_price: 68.5, amount: 68.5 },
      ],
      total: 93.5,
    });
  });

  it('joins a description wrapped onto the next line to the item above', () => {
    const text = [
      'Item                      Qty    Unit price     Amount',
      'Printer paper A4,           4         6.25       25.00',
      'recycled',
      'Toner cartridge             1        68.50       68.50',
    ].join('\n');
    const items = (extractWithRules({ jsonSchema: invoiceSchema, text }).json as { line_items: unknown[] })
      .line_items;
    expect(items).toEqual([
      { description: 'Printer paper A4, recycled', quantity: 4, unit_price: 6.25, amount: 25 },
      { description: 'Toner cartridge', quantity: 1, unit_price: 68.5, amount: 68.5 },
    ]);
  });

  it('leaves out a required property no column names, and is null for an empty nullable cell', () => {
    const text = [
      'Item              Qty      Amount',
      'Paper               4',
      'Toner               1      68.50',
    ].join('\n');
    expect(extractWithRules({ jsonSchema: invoiceSchema, text }).json).toEqual({
      line_items: [
        { description: 'Paper', quantity: 4, amount: null },
        { description: 'Toner', quantity: 1, amount: 68.5 },
      ],
      total: null,
    });
  });

  it('gives each table to the array its title names, and continues an array on the next page', () => {
    const jsonSchema: JSONSchema = {
      type: 'object',
      properties: {
        products: { type: 'array', items: lineItem },
        returns: { type: 'array', items: lineItem },
      },
      required: ['products', 'returns'],
    };
    const header = 'Item                Qty      Amount';
    const ocr = ocrDocumentFromText([
      ['INVOICE', header, 'Paper                 4       25.00'].join('\n'),
      ['INVOICE', header, 'Toner                 1       68.50'].join('\n'),
      ['RETURNS', header, 'Stapler               1       12.00'].join('\n'),
    ]);
    expect(extractWithRules({ jsonSchema, ocr }).json).toEqual({
      products: [
        { description: 'Paper', quantity: 4, amount: 25 },
        { description: 'Toner', quantity: 1, amount: 68.5 },
      ],
      returns: [{ description: 'Stapler', quantity: 1, amount: 12 }],
    });
  });

  it('does not read the rows of a table as the values of other fields', () => {
    const jsonSchema: JSONSchema = {
      type: 'object',
      properties: { line_items: { type: 'array', items: lineItem }, amount: { type: ['number', 'null'] } },
      required: ['line_items', 'amount'],
    };
    const text = ['Item              Qty      Amount', 'Paper               4       25.00'].join('\n');
    expect(extractWithRules({ jsonSchema, text }).json).toEqual({
      line_items: [{ description: 'Paper', quantity: 4, amount: 25 }],
      amount: null,
    });
  });

  it('leaves out a later table whose headers name half the properties or fewer: another table, not more items', () => {
    const text = [
      'Item                Qty    Unit price    Amount',
      'Paper                 4          6.25     25.00',
      '',
      '',
      '',
      'Item                Amount',
      'VAT 20%              5.00',
    ].join('\n');
    expect(extractWithRules({ jsonSchema: invoiceSchema, text }).json).toMatchObject({
      line_items: [{ description: 'Paper', quantity: 4, unit_price: 6.25, amount: 25 }],
    });
  });
});
