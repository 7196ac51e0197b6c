import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LLMExtractionConfig, linearPipeline, OCRConfig, Stage } from '../../../src/index.js';
import { createHeuristicModel } from '../../../src/llm/heuristic/index.js';

// The 3-page Contoso invoice of the examples (a PDF with a text layer): line items on pages 1 and 2 under
// the same headers, the totals on page 2, returned items on page 3.
const INVOICE = fileURLToPath(new URL('../../../examples/documents/invoice.pdf', import.meta.url));
// The invoice schema of the examples, a JSON Schema with `x-aliases`.
const INVOICE_SCHEMA = new URL('../../../examples/schemas/invoice.json', import.meta.url);

const Product = z.object({
  id: z.string().meta({ aliases: ['Item Code'] }),
  description: z.string().meta({ aliases: ['Item Desc.'] }),
  unit_price: z.number().nullable(),
  quantity: z
    .number()
    .int()
    .meta({ aliases: ['Pcs.'] }),
  total: z.number().nullable(),
});

const Invoice = z.object({
  invoice_number: z.string(),
  purchase_order: z.string(),
  customer: z.string(),
  address: z.string(),
  delivery_date: z.iso.date().meta({ aliases: ['Delv. Date'] }),
  payable_by: z.iso.date().meta({ aliases: ['Payable on or before'] }),
  products: z.array(Product),
  returns: z.array(Product),
  total_pieces: z
    .number()
    .int()
    .meta({ aliases: ['Total Pcs.'] }),
  total_price: z.number(),
});

const pipeline = linearPipeline({
  jsonSchema: Invoice,
  stages: [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION],
  ocr: new OCRConfig({ provider: 'pdf-text' }),
  llm: new LLMExtractionConfig({ provider: createHeuristicModel({}) }),
});

afterAll(() => pipeline.close());

describe('the heuristic model in a pipeline, on a real PDF invoice', () => {
  it('extracts the header fields, the product rows of both pages and the totals', async () => {
    const result = await pipeline.run(INVOICE);
    expect(result.data).toMatchObject({
      invoice_number: '3847193',
      purchase_order: '15931',
      customer: 'Sharp Consulting',
      address: '73 Regal Way, Leeds, LS1 5AB, UK',
      delivery_date: '2024-05-16',
      payable_by: '2024-05-24',
      total_pieces: 66,
      total_price: 1075.7,
    });
    expect(result.data.products).toHaveLength(11);
    expect(result.data.products[0]).toEqual({
      id: 'PPR006',
      description: 'UNIV. A4 80gsm',
      unit_price: 25.86,
      quantity: 5,
      total: 129.3,
    });
    expect(result.data.products[10]).toEqual({
      id: 'ST4086',
      description: 'BALLPOINT PEN MED.',
      unit_price: 2.49,
      quantity: 10,
      total: 24.9,
    });
    expect(result.data.returns.map((item) => item.id)).toEqual(['MA145', 'JF7902']);
  });

  it('grounds every value on its page and carries the extractor’s confidence onto result.fields', async () => {
    const result = await pipeline.run(INVOICE);
    const total = result.fields.find((field) => field.path === '/total_price');
    expect(total).toMatchObject({ value: 1075.7, page: 2, match: 'normalized' });
    expect(total?.confidence).toBeGreaterThan(0.8);
    const lastRow = result.fields.find((field) => field.path === '/products/10/id');
    expect(lastRow).toMatchObject({ page: 2, match: 'exact' });
    expect(result.fields.every((field) => field.confidence !== undefined)).toBe(true);
    expect(result.usage.costUsd).toBe(0);
    expect(result.warnings.map((warning) => warning.code)).not.toContain('unknown-price');
  });

  it("fills the examples' invoice JSON Schema, leaving out the returns table that is not line items", async () => {
    const jsonSchema = JSON.parse(await readFile(INVOICE_SCHEMA, 'utf8'));
    const examplePipeline = linearPipeline({
      jsonSchema,
      ocr: new OCRConfig({ provider: 'pdf-text' }),
      llm: new LLMExtractionConfig({ provider: createHeuristicModel({}) }),
    });
    try {
      const { data } = await examplePipeline.run(INVOICE);
      expect(data).toMatchObject({
        invoice_number: '3847193',
        purchase_order: '15931',
        customer_name: 'Sharp Consulting',
        customer_address: '73 Regal Way, Leeds, LS1 5AB, UK',
        delivery_date: '2024-05-16',
        payable_by: '2024-05-24',
        total: 1075.7,
      });
      const items = (data as { line_items: { item_code: string; amount: number }[] }).line_items;
      expect(items.map((item) => item.item_code)).toEqual([
        'PPR006',
        '3M12',
        'ES40',
        'KF195099',
        'JF9912413BF',
        'ML10109',
        'JDK801',
        'KF030',
        'JF7901',
        'MA197',
        'ST4086',
      ]);
      expect(items.reduce((sum, item) => sum + item.amount, 0)).toBeCloseTo(1075.7);
    } finally {
      await examplePipeline.close();
    }
  });
});
