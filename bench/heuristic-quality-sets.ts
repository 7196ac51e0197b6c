/**
 * Two benchmark sets for the heuristic extractor's quality, with schemas written from field names and
 * descriptions only (no aliases, no labels copied from the documents):
 *
 * - generated invoices (`billing-invoice-generator.ts`) rendered to PDF and read with `pdf-text`, against a
 *   *required*, non-nullable schema: vendor, its address, customer, invoice number and date, currency,
 *   subtotal, tax, total and line items;
 * - real receipts: the Textract receipt photo, its recorded AnalyzeExpense response read as OCR lines only
 *   (its summary fields and line-item tables left out, since they are the answers), against a schema of
 *   company, date, address and total.
 *
 * Each document is read by a parse-only pipeline, then extracted by the heuristic model directly, so an
 * answer that does not validate is still scored (and counted as a failure).
 */
import { readFile } from 'node:fs/promises';
import type { Block } from '@aws-sdk/client-textract';
import {
  type JSONSchema,
  LLMExtractionConfig,
  linearPipeline,
  type OCRConfigOptions,
  type OcrDocument,
  Stage,
} from '../src/index.js';
import { createHeuristicModel } from '../src/llm/heuristic/index.js';
import { mapTextractBlocks } from '../src/ocr/textract/map-textract-response.js';
import { compileJsonSchema } from '../src/schema/compile-json-schema.js';
import { type BilledInvoiceTruth, generateBilledInvoices } from './billing-invoice-generator.js';
import { type Check, check, compareRows } from './extraction-checks.js';
import { recordedOcr } from './recorded-ocr.js';
import { median } from './stats.js';

/** The checks of one set, the documents whose answer did not validate, and the time the rules took. */
export interface QualitySet {
  readonly name: string;
  readonly documents: number;
  readonly checks: readonly Check[];
  /** Documents whose answer does not validate against the schema. */
  readonly failures: readonly string[];
  /** The extractor's warnings, counted by code. */
  readonly warnings: ReadonlyMap<string, number>;
  /** Median time of the rules per page, in ms. */
  readonly msPerPage: number;
}

/** The number of generated invoices in the invoice set. */
export const BILLED_INVOICES = 24;

const string = (description: string): JSONSchema => ({ type: 'string', description });
const number = (description: string): JSONSchema => ({ type: 'number', description });

/** A bookkeeping schema, as a user would write it: every field required, none nullable. */
export const INVOICE_SCHEMA: JSONSchema = {
  type: 'object',
  properties: {
    vendor: string('The company that issued the invoice: the seller.'),
    vendor_address: string('The postal address of the seller.'),
    customer: string('The customer billed: the buyer.'),
    invoice_number: string('The number of the invoice.'),
    invoice_date: { type: 'string', format: 'date', description: 'The day the invoice was issued.' },
    currency: string('ISO 4217 code of the currency of the amounts.'),
    subtotal: number('The sum of the line items before tax.'),
    tax: number('The tax amount charged.'),
    total: number('The total amount due, tax included.'),
    line_items: {
      type: 'array',
      description: 'The goods or services billed.',
      items: {
        type: 'object',
        properties: {
          description: string('What was sold.'),
          quantity: number('How many.'),
          unit_price: number('The price of one.'),
          amount: number('Quantity times unit price.'),
        },
        required: ['description', 'quantity', 'unit_price', 'amount'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'vendor',
    'vendor_address',
    'customer',
    'invoice_number',
    'invoice_date',
    'currency',
    'subtotal',
    'tax',
    'total',
    'line_items',
  ],
  additionalProperties: false,
};

/** A receipt schema: what an expense report needs, each field nullable since receipts leave things out. */
export const RECEIPT_SCHEMA: JSONSchema = {
  type: 'object',
  properties: {
    company: { type: ['string', 'null'], description: 'The store or company that issued the receipt.' },
    date: { type: ['string', 'null'], format: 'date', description: 'The day of the purchase.' },
    address: { type: ['string', 'null'], description: 'The address of the store.' },
    total: { type: ['number', 'null'], description: 'The total paid.' },
  },
  required: ['company', 'date', 'address', 'total'],
  additionalProperties: false,
};

/** What one extraction gave. */
interface Answer {
  readonly json: Record<string, unknown>;
  readonly confidence: Readonly<Record<string, number>>;
  readonly warnings: readonly { readonly code: string }[];
  readonly valid: boolean;
  readonly msPerPage: number;
}

/** The generated invoices, read with pdf-text. */
export async function billedInvoiceSet(): Promise<QualitySet> {
  const invoices = await generateBilledInvoices(BILLED_INVOICES);
  const answers: [string, BilledInvoiceTruth, Answer][] = [];
  for (const invoice of invoices) {
    const ocr = await readOcr(invoice.pdf, { provider: 'pdf-text' });
    answers.push([invoice.name, invoice.truth, await extract(INVOICE_SCHEMA, ocr)]);
  }
  const checks = answers.flatMap(([name, truth, answer]) => {
    const scalar = (field: string, expected: unknown) =>
      check(name, field, expected, answer.json[field], answer.confidence[`/${field}`]);
    const items = truth.items.map((item) => ({
      description: item.description,
      quantity: item.quantity,
      unit_price: item.unitPrice,
      amount: item.amount,
    }));
    return [
      scalar('vendor', truth.vendor),
      scalar('vendor_address', truth.vendorAddress),
      scalar('customer', truth.customer),
      scalar('invoice_number', truth.invoiceNumber),
      scalar('invoice_date', truth.invoiceDate),
      scalar('currency', truth.currency),
      scalar('subtotal', truth.subtotal),
      scalar('tax', truth.tax),
      scalar('total', truth.total),
      ...compareRows(
        name,
        'line_items',
        items,
        (answer.json.line_items ?? []) as Record<string, unknown>[],
        (row, key) => answer.confidence[`/line_items/${row}/${key}`],
      ),
    ];
  });
  return summary(`Generated invoices (${BILLED_INVOICES}, pdf-text, required schema)`, answers, checks);
}

/** Real receipts with their true values. */
export async function receiptSet(fixtures: URL): Promise<QualitySet> {
  const receipts = [
    {
      name: 'textractor receipt.jpg',
      response: 'textract/textractor/receipt.jpg.AnalyzeExpense.json',
      // From the response's summary fields: NAME/VENDOR_NAME (two printed), INVOICE_RECEIPT_DATE, TOTAL. It
      // gives no address. The store is in Chicago and prints a US phone number: 12/07/2019 is 7 December.
      truth: { company: ['MEGA MARKET PLUS', 'MEGA BIGBOK'], date: '2019-12-07', total: 1810.46 },
    },
  ];
  const answers: [string, Record<string, unknown>, Answer][] = [];
  for (const receipt of receipts) {
    const response = JSON.parse(await readFile(new URL(receipt.response, fixtures), 'utf8')) as {
      ExpenseDocuments: { Blocks?: Block[] }[];
    };
    const blocks = response.ExpenseDocuments.flatMap((document) => document.Blocks ?? []);
    const pages = mapTextractBlocks(blocks, (pageNumber) => ({
      pageNumber,
      width: 1,
      height: 1,
      unit: 'pixel',
    }));
    const linesOnly: OcrDocument = {
      provider: 'aws.textract',
      pages: pages.map((page) => ({ ...page, keyValues: [], tables: [] })),
    };
    const ocr = await readOcr(new Uint8Array(), {
      provider: recordedOcr(linesOnly, 'textract-expense-lines'),
    });
    answers.push([receipt.name, receipt.truth, await extract(RECEIPT_SCHEMA, ocr)]);
  }
  const checks = answers.flatMap(([name, truth, answer]) =>
    Object.entries(truth).map(([field, expected]) =>
      check(name, field, expected, answer.json[field], answer.confidence[`/${field}`]),
    ),
  );
  for (const [name, , answer] of answers) {
    console.log(`  (${name}: address unscored, no truth; extracted ${JSON.stringify(answer.json.address)})`);
  }
  return summary('Real receipts (Textract receipt photo, OCR lines only)', answers, checks);
}

function summary(name: string, answers: readonly [string, unknown, Answer][], checks: Check[]): QualitySet {
  const warnings = new Map<string, number>();
  for (const [, , answer] of answers) {
    for (const warning of answer.warnings) warnings.set(warning.code, (warnings.get(warning.code) ?? 0) + 1);
  }
  return {
    name,
    documents: answers.length,
    checks,
    failures: answers.filter(([, , answer]) => !answer.valid).map(([document]) => document),
    warnings,
    msPerPage: median(answers.map(([, , answer]) => answer.msPerPage)),
  };
}

async function readOcr(data: Uint8Array, ocr: OCRConfigOptions): Promise<OcrDocument> {
  const pipeline = linearPipeline({
    stages: [Stage.OCR, Stage.PARSER],
    ocr,
    cache: false,
  });
  try {
    const result = await pipeline.run(
      data.length === 0 ? { text: 'recorded' } : { data, mediaType: 'application/pdf', name: 'invoice.pdf' },
    );
    return result.stages.ocr as OcrDocument;
  } finally {
    await pipeline.close();
  }
}

const model = createHeuristicModel(new LLMExtractionConfig());
const validators = new WeakMap<JSONSchema, ReturnType<typeof compileJsonSchema>>();

async function extract(jsonSchema: JSONSchema, ocr: OcrDocument): Promise<Answer> {
  const request = { system: '', prompt: '', jsonSchema, ocr, maxTokens: 0, temperature: 0 };
  const response = await model.extract(request);
  const times: number[] = [];
  // The first runs warm the JIT up, and are not counted.
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    await model.extract(request);
    if (run >= 2) times.push((performance.now() - started) / Math.max(1, ocr.pages.length));
  }
  let validate = validators.get(jsonSchema);
  if (validate === undefined) {
    validate = compileJsonSchema(jsonSchema);
    validators.set(jsonSchema, validate);
  }
  return {
    json: (response.json ?? {}) as Record<string, unknown>,
    confidence: response.confidence ?? {},
    warnings: response.warnings,
    valid: validate(response.json) === true,
    msPerPage: median(times),
  };
}
