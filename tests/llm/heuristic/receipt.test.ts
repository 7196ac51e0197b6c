import { readFile } from 'node:fs/promises';
import type { Block } from '@aws-sdk/client-textract';
import { describe, expect, it } from 'vitest';
import { extractWithRules } from '../../../src/llm/heuristic/index.js';
import { mapTextractBlocks } from '../../../src/ocr/textract/map-textract-response.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import type { OcrDocument } from '../../../src/spec/document.js';

const RESPONSE = new URL('../../fixtures/textract/receipt.jpg.AnalyzeExpense.json', import.meta.url);

/**
 * The Textract receipt photo as OCR lines only: its AnalyzeExpense summary fields and line-item tables are
 * left out, since they are the answers (Textract's own reading: vendor MEGA MARKET PLUS, date 12/07/2019,
 * total $1810.46).
 */
async function receiptLines(): Promise<OcrDocument> {
  const response = JSON.parse(await readFile(RESPONSE, 'utf8')) as {
    ExpenseDocuments: { Blocks?: Block[] }[];
  };
  const blocks = response.ExpenseDocuments.flatMap((document) => document.Blocks ?? []);
  const pages = mapTextractBlocks(blocks, (pageNumber) => ({
    pageNumber,
    width: 805,
    height: 1917,
    unit: 'pixel',
  }));
  return { provider: 'aws.textract', pages: pages.map((page) => ({ ...page, keyValues: [], tables: [] })) };
}

const schema: JSONSchema = {
  type: 'object',
  properties: {
    company: { type: ['string', 'null'], description: 'The store or company that issued the receipt.' },
    date: { type: ['string', 'null'], format: 'date', description: 'The day of the purchase.' },
    address: { type: ['string', 'null'], description: 'The address of the store.' },
    total: { type: ['number', 'null'], description: 'The total paid.' },
  },
  required: ['company', 'date', 'address', 'total'],
};

describe('a real shop receipt, by names and descriptions only', () => {
  it('reads the store from its header, the date month-first (a US store), and the total that adds up', async () => {
    const answer = extractWithRules({ jsonSchema: schema, ocr: await receiptLines() });
    expect(answer.json).toEqual({
      company: expect.stringMatching(/^MEGA /),
      date: '2019-12-07',
      address: 'CHICAGO, IL',
      total: 1810.46,
    });
    // The store, its address and its date are found by place, with no label: none claims a label's confidence.
    const confidence = answer.confidence ?? {};
    for (const field of ['/company', '/date', '/address']) expect(confidence[field]).toBeLessThan(0.6);
    expect(confidence['/total']).toBeGreaterThanOrEqual(0.6);
  });
});
