/**
 * The heuristic extractor on random text: whatever the document holds — random unicode, numbers,
 * dates and labels in every format, very long lines, control characters — a schema-driven
 * extraction finishes and either returns data or fails with a docpipe error, never an untyped throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  DocpipeError,
  LLMExtractionConfig,
  linearPipeline,
  type SchemaInput,
  Stage,
  StageError,
} from '../../../src/index.js';
import { extractWithRules } from '../../../src/llm/heuristic/index.js';
import { resolveSchema } from '../../../src/schema/index.js';
import { ocrDocumentFromText } from '../../../src/testing/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  issue_date: z.iso.date().nullable(),
  total: z.number().nullable(),
  currency: z.enum(['EUR', 'USD', 'GBP']).nullable(),
  paid: z.boolean().nullable(),
  customer: z.object({ name: z.string().nullable(), address: z.string().nullable() }),
  items: z.array(
    z.object({
      description: z.string(),
      quantity: z.number().int().nullable(),
      unit_price: z.number().nullable(),
      amount: z.number(),
    }),
  ),
});

// Required and not nullable: the rules often cannot fill these, and the stage must say so with a typed error.
const Receipt = z.object({ receipt_id: z.string(), total: z.number().positive(), date: z.iso.date() });

const Form = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Full name', description: 'The "applicant name"' },
    age: { type: ['integer', 'null'], minimum: 0 },
    due: { type: 'string', format: 'date' },
    tags: { type: 'array', items: { type: 'string' } },
    agree: { type: 'boolean', 'x-aliases': ['I agree'] },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, value: { type: 'number' } } },
    },
  },
  required: ['name'],
} as const;

const SCHEMAS: readonly SchemaInput[] = [Invoice, Receipt, Form];

const label = fc.constantFrom(
  'Invoice number:',
  'Invoice No.',
  'Date',
  'Issue date:',
  'Total',
  'TOTAL DUE',
  'Currency',
  'Paid',
  '☒ Paid',
  '☐',
  'Customer:',
  'Name',
  'Address',
  'Description',
  'Qty',
  'Unit price',
  'Amount',
  'Receipt #',
  'Full name',
  'applicant name',
  'Age',
  'I agree',
  'Tags',
  'Code',
  'Value',
);
const number = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '1,234.56',
    '1.234,56',
    '1 234,56',
    '-0',
    '1e308',
    '-1e-320',
    'NaN',
    '٣٤٥',
    '१२३',
    '12%',
    '$-',
    '€ 1.2.3',
    '(42.00)',
    '9'.repeat(400),
  ),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2024-02-30',
    '31/12/2024',
    '13/13/13',
    'Feb 30, 2024',
    '0000-00-00',
    '99999-01-01',
    '2024-1-1',
    '１９/０３/２０２４',
  ),
);
const noise = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '\t',
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\r',
    '\f',
    '\u200B',
    '\uFEFF',
    '\u202E',
    '|',
    '  ',
    '    ',
    ':',
    '…',
  ),
);
const cell = fc.oneof({ weight: 2, arbitrary: label }, { weight: 2, arbitrary: number }, date, {
  weight: 2,
  arbitrary: noise,
});
const line = fc.oneof(
  { weight: 8, arbitrary: fc.array(cell, { maxLength: 6 }).map((cells) => cells.join('   ')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(cell, fc.integer({ min: 100, max: 3000 }))
      .map(([c, n]) => c.repeat(n).slice(0, 5000)),
  },
);
// A table: a header of labels, then rows of cells in columns (or not quite).
const table = fc
  .tuple(
    fc.array(label, { minLength: 2, maxLength: 5 }),
    fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
    fc.constantFrom('  ', '   ', '\t', ' | '),
  )
  .map(([header, rows, gap]) => [header, ...rows].map((cells) => cells.join(gap)).join('\n'));
const document = fc
  .array(fc.oneof({ weight: 4, arbitrary: line }, table), { maxLength: 25 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((end) => lines.join(end)));
const pages = fc.array(document, { minLength: 1, maxLength: 3 });

/** Expects `run` to give data, or to fail with a docpipe error whose cause (if any) is one too. */
async function expectDataOrTypedError(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    expect(DocpipeError.isInstance(error), `untyped throw: ${String((error as Error)?.stack ?? error)}`).toBe(
      true,
    );
    if (error instanceof StageError && error.cause !== undefined) {
      expect(
        DocpipeError.isInstance(error.cause),
        `untyped cause: ${String((error.cause as Error)?.stack)}`,
      ).toBe(true);
    }
  }
}

describe('the heuristic extractor on random text', () => {
  const pipelines = SCHEMAS.map((jsonSchema) =>
    linearPipeline({
      jsonSchema,
      stages: [Stage.LLM_EXTRACTION],
      llm: new LLMExtractionConfig({ provider: 'heuristic', repairAttempts: 0, retry: false }),
      cache: false,
    }),
  );
  const jsonSchemas = SCHEMAS.map((schema) => resolveSchema(schema).jsonSchema);

  it('returns data or a typed error for text given as is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(SCHEMAS.length - 1), document, async (schema, text) => {
        await expectDataOrTypedError(() => pipelines[schema]?.run({ text }));
      }),
      { seed: 20, numRuns: 100 },
    );
  });

  it.each([
    // Past the ~120,000 arguments a spread call (Math.max(...rows), Math.min(...words)) takes before it
    // overflows the stack, which these did in the text layout and in the rules.
    ['200,000 lines', `Total 1${'\n'.repeat(200_000)}x`],
    ['a line of 200,000 words', `Total 1\n${'a '.repeat(200_000)}`],
    // Trimming the page with /\s+$/ took quadratic time on this (minutes).
    ['a million spaces inside a line', `Total 1\n${' '.repeat(1_000_000)}x`],
  ])('reads a document of %s', (_, text) => {
    const jsonSchema = jsonSchemas[0] ?? {};
    expect(extractWithRules({ jsonSchema, text }).json).toMatchObject({ total: 1 });
  });

  it('returns an answer for OCR pages laid out from it', () => {
    fc.assert(
      fc.property(fc.nat(SCHEMAS.length - 1), pages, (schema, texts) => {
        const jsonSchema = jsonSchemas[schema];
        if (jsonSchema === undefined) return;
        // The rules themselves never fail: what they cannot find is null or left out, for validation to judge.
        const response = extractWithRules({ jsonSchema, ocr: ocrDocumentFromText(texts) });
        expect(response.finishReason).toBe('stop');
      }),
      { seed: 20, numRuns: 100 },
    );
  });
});
