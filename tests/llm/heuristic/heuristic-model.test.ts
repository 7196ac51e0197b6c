import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  createHeuristicModel,
  extractWithRules,
  HEURISTIC_MODEL_ID,
} from '../../../src/llm/heuristic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { resolveSchema } from '../../../src/schema/index.js';
import type { OcrDocument } from '../../../src/spec/document.js';
import { ConfigError } from '../../../src/spec/errors.js';
import { documentOf, line, page } from '../../parser/ocr-page.js';

type ScalarSchema = JSONSchema & { type: 'string' | 'number' | 'integer' | 'boolean' };

/** An object schema whose properties are all nullable and required, as models are usually asked. */
function schemaOf(properties: Record<string, ScalarSchema>): JSONSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, schema]) => [key, { ...schema, type: [schema.type, 'null'] }]),
    ),
    required: Object.keys(properties),
  };
}

const fromText = (jsonSchema: JSONSchema, text: string) => extractWithRules({ jsonSchema, text });
const fromOcr = (jsonSchema: JSONSchema, ocr: OcrDocument) => extractWithRules({ jsonSchema, ocr });

describe('the heuristic model', () => {
  it('is offline, reads no files, never chunks, and has one model', () => {
    const model = createHeuristicModel({});
    expect(model).toMatchObject({
      specificationVersion: 'v1',
      provider: 'heuristic',
      modelId: HEURISTIC_MODEL_ID,
      capabilities: { structuredOutput: true, images: false, pdf: false, promptCaching: false },
    });
    expect(model.capabilities.contextTokens).toBeGreaterThanOrEqual(10_000_000);
    expect(() => createHeuristicModel({ model: 'gpt-5' })).toThrow(ConfigError);
  });

  it('answers the same on every call, so repair turns change nothing', async () => {
    const model = createHeuristicModel({});
    const jsonSchema = schemaOf({ total: { type: 'number' } });
    const request = {
      system: '',
      prompt: '',
      jsonSchema,
      text: 'Total: 12.50',
      maxTokens: 100,
      temperature: 0,
    };
    const first = await model.extract(request);
    const repaired = await model.extract({ ...request, repairs: [{ answer: '{}', problem: 'invalid' }] });
    expect(first).toEqual(repaired);
    expect(first).toMatchObject({ json: { total: 12.5 }, finishReason: 'stop', usage: {} });
  });
});

describe('where values stand', () => {
  it('reads `Label: value` on the same line', () => {
    const answer = fromText(schemaOf({ invoice_number: { type: 'string' } }), 'Invoice number: INV-3337');
    expect(answer.json).toEqual({ invoice_number: 'INV-3337' });
  });

  it('reads the block to the right of a label', () => {
    const answer = fromText(schemaOf({ customer: { type: 'string' } }), 'Customer      Globex Ltd');
    expect(answer.json).toEqual({ customer: 'Globex Ltd' });
  });

  it('reads the block below a label, with the lines an address runs on to', () => {
    const text = 'Address:\n1 Redmond way Suite\n6000 Redmond, WA\n\nThank you';
    expect(fromText(schemaOf({ address: { type: 'string' } }), text).json).toEqual({
      address: '1 Redmond way Suite 6000 Redmond, WA',
    });
  });

  it('reads the values under a row of column headers one for one, however they are aligned', () => {
    const text = [
      'Invoice Number   Invoice Date   Charges      VAT ID',
      '',
      '34278587         6/18/2017         $56,651.49  PT',
    ].join('\n');
    const jsonSchema = schemaOf({
      invoice_number: { type: 'string' },
      invoice_date: { type: 'string', format: 'date' },
      total: { type: 'number', 'x-aliases': ['Charges'] },
      vat_id: { type: 'string' },
    });
    expect(fromText(jsonSchema, text).json).toEqual({
      invoice_number: '34278587',
      invoice_date: '2017-06-18',
      total: 56651.49,
      vat_id: 'PT',
    });
  });

  it("takes a key-value pair's value first", () => {
    const ocr = documentOf(
      page({
        lines: [line('Order: 111', 0.1, 0.1)],
        keyValues: [{ key: 'Order No.', value: '222', confidence: 0.9 }],
      }),
    );
    const answer = fromOcr(schemaOf({ order_number: { type: 'string' } }), ocr);
    expect(answer.json).toEqual({ order_number: '222' });
    expect(answer.confidence).toEqual({ '/order_number': 0.9 });
  });

  it('prefers the value after a label that names the field best, and gives each value to one field', () => {
    const text = 'Invoice Date: 6/18/2017\nInvoice Due Date: 6/24/2017';
    const jsonSchema = schemaOf({
      due_date: { type: 'string', format: 'date' },
      date: { type: 'string', format: 'date' },
    });
    expect(fromText(jsonSchema, text).json).toEqual({ due_date: '2017-06-24', date: '2017-06-18' });
  });

  it('reads text without OCR as monospaced pages split at form feeds', () => {
    const answer = fromText(schemaOf({ total: { type: 'number' } }), 'Page one\fTotal:  42.00');
    expect(answer.json).toEqual({ total: 42 });
  });
});

describe('labels', () => {
  it('match field names in snake_case and camelCase, titles, x-aliases and zod aliases', () => {
    const text = 'Purchase Order: 15931\nAmount due: 93.50\nRef: A-7\nSold To: Fabrikam';
    const jsonSchema = resolveSchema(
      z.object({
        purchaseOrder: z.string().nullable(),
        total: z
          .number()
          .nullable()
          .meta({ aliases: ['Amount due'] }),
        reference: z.string().nullable().meta({ title: 'Ref' }),
      }),
    ).jsonSchema;
    expect(fromText(jsonSchema, text).json).toEqual({
      purchaseOrder: '15931',
      total: 93.5,
      reference: 'A-7',
    });
    const withXAliases = schemaOf({ buyer: { type: 'string', 'x-aliases': ['Sold To'] } });
    expect(fromText(withXAliases, text).json).toEqual({ buyer: 'Fabrikam' });
  });

  it("match the quoted phrase of a field's description", () => {
    const jsonSchema = schemaOf({
      income: { type: 'number', description: "The applicant's amount on the row 'Net Employment Income'." },
    });
    expect(fromText(jsonSchema, 'Net Employment Income:  $1,594.00').json).toEqual({ income: 1594 });
  });

  it('tolerate OCR noise', () => {
    const jsonSchema = schemaOf({ invoice_number: { type: 'string' }, delivery_date: { type: 'string' } });
    expect(fromText(jsonSchema, 'lnvoice Numbcr: 42\nDelv. Date: 5/16/2024').json).toEqual({
      invoice_number: '42',
      delivery_date: '5/16/2024',
    });
  });
});

describe('types', () => {
  it('reads numbers with currency marks and grouping, and integers', () => {
    const jsonSchema = schemaOf({ total: { type: 'number' }, quantity: { type: 'integer' } });
    expect(fromText(jsonSchema, 'Total: $56,651.49\nQuantity: 12').json).toEqual({
      total: 56651.49,
      quantity: 12,
    });
    expect(fromText(jsonSchema, 'Quantity: 1.5').json).toEqual({ total: null, quantity: null });
  });

  it('writes dates as ISO when the schema says format date, and keeps strings as written otherwise', () => {
    const jsonSchema = schemaOf({
      issued: { type: 'string', format: 'date' },
      shipped: { type: 'string' },
      stamped: { type: 'string', format: 'date-time' },
    });
    const text = 'Issued: June 18, 2017\nShipped: 18 Jun 2017\nStamped: 6/18/2017 2:30 PM';
    expect(fromText(jsonSchema, text).json).toEqual({
      issued: '2017-06-18',
      shipped: '18 Jun 2017',
      stamped: '2017-06-18T14:30:00Z',
    });
  });

  it('reads all-numeric dates in the order the document proves elsewhere', () => {
    const jsonSchema = schemaOf({ due: { type: 'string', format: 'date' } });
    expect(fromText(jsonSchema, 'Issued: 18/06/2017\nDue: 07/08/2017').json).toEqual({ due: '2017-08-07' });
  });

  it('reads checkboxes from selection marks beside their labels, each mark going to one field', () => {
    const ocr = documentOf(
      page({
        lines: [line('Live Delivery:', 0.06, 0.34), line('Online Delivery (Livestream):', 0.24, 0.34)],
        selectionMarks: [
          { selected: false, box: { left: 0.21, top: 0.34, width: 0.02, height: 0.02 } },
          { selected: true, box: { left: 0.54, top: 0.34, width: 0.02, height: 0.02 } },
        ],
      }),
    );
    const jsonSchema = schemaOf({ live_delivery: { type: 'boolean' }, online_delivery: { type: 'boolean' } });
    expect(fromOcr(jsonSchema, ocr).json).toEqual({ live_delivery: false, online_delivery: true });
  });

  it('reads checkboxes written in text, and enums of checkbox states', () => {
    const jsonSchema = schemaOf({
      paid: { type: 'boolean' },
      shipped: { type: 'boolean' },
      gift: { type: 'string', enum: ['selected', 'unselected'] },
    });
    expect(fromText(jsonSchema, 'Paid: [x]\nShipped: [ ]\nGift: ☒').json).toEqual({
      paid: true,
      shipped: false,
      gift: 'selected',
    });
  });

  it('answers yes-or-no questions from the ticked option, and fields named for one option from its box', () => {
    const jsonSchema = schemaOf({
      moved: { type: 'boolean', description: "'Have you moved?'" },
      moved_yes: { type: 'boolean', description: "'Have you moved?'" },
      moved_no: { type: 'boolean', description: "'Have you moved?'" },
    });
    const text = 'Have you moved?   ☐ Yes  ☒ No';
    expect(fromText(jsonSchema, text).json).toEqual({ moved: false, moved_yes: false, moved_no: true });
    expect(fromText(jsonSchema, 'Have you moved?   Yes  [X]No').json).toMatchObject({ moved_yes: false });
  });

  it('reads booleans written as words', () => {
    expect(fromText(schemaOf({ paid: { type: 'boolean' } }), 'Paid: Yes').json).toEqual({ paid: true });
  });

  it('matches enums by the closest choice, and takes the one choice written without a label', () => {
    const jsonSchema = schemaOf({ status: { type: 'string', enum: ['paid', 'open', 'void'] } });
    expect(fromText(jsonSchema, 'Status: PAlD').json).toEqual({ status: 'paid' });
    expect(fromText(jsonSchema, 'ACME Ltd\n\nVOID').json).toEqual({ status: 'void' });
    expect(fromText(jsonSchema, 'Status: pending').json).toEqual({ status: null });
  });
});

describe('nested objects', () => {
  it("labels nested fields with the parent's name in front, and a name field by the parent alone", () => {
    const jsonSchema: JSONSchema = {
      type: 'object',
      properties: {
        vendor: {
          type: 'object',
          properties: { name: { type: 'string' }, address: { type: 'string' } },
          required: ['name', 'address'],
        },
        customer: {
          type: ['object', 'null'],
          properties: { name: { type: 'string' } },
          required: ['name'],
        },
      },
      required: ['vendor', 'customer'],
    };
    const text = 'Vendor: ACME Corp\nVendor Address: 12 Harbour Road';
    const answer = fromText(jsonSchema, text);
    expect(answer.json).toEqual({
      vendor: { name: 'ACME Corp', address: '12 Harbour Road' },
      customer: null,
    });
    const confidence = answer.confidence ?? {};
    expect(confidence['/vendor/name']).toBeLessThan(confidence['/vendor/address'] as number);
  });
});

describe('what is not found', () => {
  const jsonSchema: JSONSchema = {
    type: 'object',
    properties: {
      total: { type: 'number' },
      note: { type: ['string', 'null'] },
      due_date: { type: ['string', 'null'], format: 'date' },
      po_number: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['total', 'due_date', 'po_number', 'items'],
  };

  it('is null when the schema allows it, else absent (an optional array too), and never invented', () => {
    const answer = fromText(jsonSchema, 'Total: 12.00');
    expect(answer.json).toEqual({ total: 12, note: null, due_date: null, items: [] });
  });

  it('is named in a heuristic-missing warning, optional fields too, saying which required ones are left out', () => {
    const answer = fromText(jsonSchema, 'Total: 12.00');
    expect(answer.warnings).toEqual([
      {
        code: 'heuristic-missing',
        message:
          'The heuristic extractor found no value for /note, /due_date, /po_number; /po_number may not be null, so the result is incomplete.',
      },
    ]);
  });

  it('gives each value filled a confidence by JSON Pointer, and none to what is missing', () => {
    const answer = fromText(jsonSchema, 'Total: 12.00');
    expect(Object.keys(answer.confidence ?? {})).toEqual(['/total']);
    expect(answer.confidence?.['/total']).toBeGreaterThan(0.9);
  });

  it('warns when there is neither OCR nor text to read', () => {
    const answer = extractWithRules({ jsonSchema: schemaOf({ total: { type: 'number' } }) });
    expect(answer.json).toEqual({ total: null });
    expect(answer.warnings.map((warning) => warning.code)).toEqual([
      'heuristic-no-text',
      'heuristic-missing',
    ]);
  });
});
