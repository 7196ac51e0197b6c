/**
 * A batch of generated invoices with their truth, run through a real batch (`runBatch`) whose extraction
 * model answers each invoice with its true data plus known, injected errors, so that an evaluation's figures
 * can be checked against hand-counted ones.
 *
 * Every invoice has 6 scored header values (number, date, vendor, currency, paid, total; `po_number` is
 * empty in the truth) and 3 line items of 4 values: 18 values.
 *
 * | item  | what the extraction did                                   | correct | wrong | missing | halluc. |
 * | inv-1 | every value right, written differently (case, date form), | 18      |       |         |         |
 * |       | the total off by 0.004 (within the rule `total=number:0.01`)|        |       |         |         |
 * | inv-2 | total off by 10; line items in reverse order              | 17      | 1     |         |         |
 * | inv-3 | last line item dropped; date not found (incomplete)       | 13      |       | 5       |         |
 * | inv-4 | an extra line item, a PO number the truth lacks, one      | 16      | 1     |         | 5       |
 * |       | quantity wrong; its truth's `paid` is "yes" (bad type)    |         |       |         |         |
 * | inv-5 | extraction failed                                         |         |       | 18      |         |
 * | inv-6 | no truth: not scored                                      |         |       |         |         |
 *
 * The truth folder also holds `broken.json` (not JSON) and `ghost.json` (no such item).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemsFromJson } from '../../src/batch/batch-inputs.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { type JSONSchema, linearPipeline, ProviderError, Stage } from '../../src/index.js';
import { createMockExtractionModel } from '../../src/testing/index.js';
import { mulberry32 } from '../support/seeded-random.js';

export const INVOICE_SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string' },
    invoice_date: { type: 'string', format: 'date' },
    vendor: { type: 'string' },
    currency: { enum: ['USD', 'EUR', 'GBP'] },
    paid: { type: 'boolean' },
    po_number: { type: ['string', 'null'] },
    total: { type: 'number' },
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          description: { type: 'string' },
          quantity: { type: 'number' },
          unit_price: { type: 'number' },
          amount: { type: 'number' },
        },
        required: ['description', 'quantity', 'unit_price', 'amount'],
      },
    },
  },
  required: ['invoice_number', 'invoice_date', 'vendor', 'currency', 'paid', 'total', 'line_items'],
} as const satisfies JSONSchema;

interface LineItem {
  description: string;
  quantity: number;
  unit_price: number;
  amount: number;
}

interface Invoice {
  invoice_number: string;
  invoice_date: string;
  vendor: string;
  currency: 'USD' | 'EUR' | 'GBP';
  paid: boolean;
  po_number?: string | null;
  total: number;
  line_items: LineItem[];
}

const VENDORS = ['Harbour Lane Stationers Ltd', 'Northwind Traders', 'Kestrel Office Supply GmbH'];
const PRODUCTS = ['Printer paper A4', 'Toner cartridge', 'Desk lamp LED', 'Office chair', 'Stapler'];
const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Six invoices, the same for a seed: `inv-1` … `inv-6`, each with 3 line items. */
export function generateInvoices(seed = 18): Invoice[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: 6 }, (_, index) => {
    const line_items = Array.from({ length: 3 }, (_, row) => {
      const quantity = 1 + Math.floor(next() * 9);
      const unit_price = (100 + Math.floor(next() * 9_900)) / 100;
      // Distinct descriptions, so that the rows are told apart by more than their numbers.
      const description = `${PRODUCTS[(index + row) % PRODUCTS.length]} ${row + 1}`;
      return { description, quantity, unit_price, amount: Math.round(quantity * unit_price * 100) / 100 };
    });
    return {
      invoice_number: `INV-${1000 + index * 37}`,
      invoice_date: `2024-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      vendor: pick(VENDORS),
      currency: pick(CURRENCIES),
      paid: next() < 0.5,
      total: Math.round(line_items.reduce((sum, item) => sum + item.amount, 0) * 100) / 100,
      line_items,
    };
  });
}

/** What the extraction answers for each invoice (`undefined`: it fails), by item id. */
function extractedAnswers(invoices: readonly Invoice[]): Map<string, Invoice | undefined> {
  const [one, two, three, four] = invoices as [Invoice, Invoice, Invoice, Invoice];
  return new Map<string, Invoice | undefined>([
    ['inv-1', { ...one, vendor: `${one.vendor.toUpperCase()}.`, total: one.total + 0.004 }],
    ['inv-2', { ...two, total: two.total + 10, line_items: [...two.line_items].reverse() }],
    // The date is required: the pipeline keeps the answer as incomplete, the date null.
    [
      'inv-3',
      { ...three, invoice_date: null as unknown as string, line_items: three.line_items.slice(0, 2) },
    ],
    [
      'inv-4',
      {
        ...four,
        po_number: 'PO-77',
        line_items: [
          { ...(four.line_items[0] as LineItem), quantity: (four.line_items[0] as LineItem).quantity + 1 },
          ...four.line_items.slice(1),
          { description: 'Gift wrapping', quantity: 1, unit_price: 2.5, amount: 2.5 },
        ],
      },
    ],
    ['inv-5', undefined],
    ['inv-6', invoices[5]],
  ]);
}

/** The truth of each invoice as a user writes it: dates as printed, one value of the wrong type. */
function truthFiles(invoices: readonly Invoice[]): Record<string, string> {
  const files: Record<string, string> = {};
  invoices.slice(0, 5).forEach((invoice, index) => {
    const id = `inv-${index + 1}`;
    const [year, month, day] = invoice.invoice_date.split('-');
    const truth: Record<string, unknown> = {
      ...invoice,
      // As printed on the invoice: `17 May 2024`.
      invoice_date: `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`,
      ...(id === 'inv-4' ? { paid: 'yes' } : {}),
    };
    files[`${id}.json`] = JSON.stringify(truth, null, 2);
  });
  files['broken.json'] = '{ "invoice_number": "INV-9", ';
  files['ghost.json'] = JSON.stringify({ invoice_number: 'INV-0' });
  return files;
}

/** A run `invoices` (version v0) of the six invoices in a fresh runs folder, and a truth folder beside it. */
export async function invoiceRun(): Promise<{ runsDir: string; truthDir: string; invoices: Invoice[] }> {
  const root = await mkdtemp(join(tmpdir(), 'docpipe-eval-'));
  const runsDir = join(root, 'runs');
  const truthDir = join(root, 'truth');
  const invoices = generateInvoices();
  await mkdir(truthDir);
  for (const [name, text] of Object.entries(truthFiles(invoices)))
    await writeFile(join(truthDir, name), text);
  await runInvoiceBatch(runsDir, extractedAnswers(invoices));
  return { runsDir, truthDir, invoices };
}

/** The next version of the run, its extraction answering every invoice with its true data. */
export function runCorrectVersion(runsDir: string, invoices: readonly Invoice[]): Promise<unknown> {
  return runInvoiceBatch(runsDir, new Map(invoices.map((invoice, index) => [`inv-${index + 1}`, invoice])));
}

async function runInvoiceBatch(runsDir: string, answers: ReadonlyMap<string, Invoice | undefined>) {
  const model = createMockExtractionModel({
    respond: (request) => {
      const answer = answers.get(/Item (inv-\d)/.exec(request.text ?? '')?.[1] ?? '');
      if (answer === undefined)
        throw new ProviderError('The mock model fails this one.', { provider: 'mock' });
      return answer;
    },
  });
  const pipeline = linearPipeline({
    jsonSchema: INVOICE_SCHEMA,
    stages: [Stage.LLM_EXTRACTION],
    llm: { provider: model, repairAttempts: 0 },
    cache: false,
  });
  const items = itemsFromJson(
    [...answers.keys()].map((id) => ({ id, text: `Item ${id}` })),
    { idField: 'id', textField: 'text' },
  );
  return runBatch(pipeline, items, { name: 'invoices', runsDir, config: { jsonSchema: INVOICE_SCHEMA } });
}
