/**
 * Field accuracy of the offline `heuristic` extractor on the labelled documents in `../shared/fixtures`:
 *
 * 1. the Contoso invoice (pdf-text OCR) against its human labels;
 * 2. the five labelled statements, with their recorded Azure layout v2.1 as OCR, against their labels;
 * 3. the 3-page invoice (pdf-text OCR) against its expected extraction: scalar fields and product rows;
 * 4. the 19 handwritten HR0081 forms (tesseract OCR) against their ground truth.
 *
 * Each document runs through a real pipeline (OCR → PARSER → LLM_EXTRACTION with the heuristic model). A field
 * is right when its value equals the label's once case, spacing and punctuation are set aside, numbers
 * compared by value and dates by the day they name. Per set: fields right / labelled fields, and each miss.
 * The schemas carry the aliases a user would write for these documents; sets 1–3 are run again without them,
 * to show what field names and titles find alone. Target: ≥ 80% on sets 1–3; set 4 is reported as it is.
 *
 * Run: npx tsx bench/eval-heuristic.ts [--no-forms] [--form-misses]
 * (set 4 runs tesseract on 19 photos: a few minutes; its misses are listed with --form-misses)
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type JSONSchema,
  LLMExtractionConfig,
  linearPipeline,
  type OCRConfigOptions,
  type OcrDocument,
  type OcrProvider,
  Stage,
} from '../src/index.js';
import { parseDate } from '../src/llm/grounding/dates.js';
import { comparisonKey } from '../src/llm/grounding/normalize.js';
import { parseNumberReadings } from '../src/llm/grounding/numbers.js';
import { createHeuristicModel, extractWithRules } from '../src/llm/heuristic/index.js';
import { type AzureV2LayoutResult, azureV2LayoutToOcr } from './azure-v2-layout.js';
import { mapConcurrent, median } from './stats.js';

const FIXTURES = new URL('../../shared/fixtures/', import.meta.url);

/** One labelled value compared with the extracted one. */
interface Check {
  readonly document: string;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly right: boolean;
}

interface SetReport {
  readonly name: string;
  readonly checks: readonly Check[];
  readonly timings: readonly Pick<Extracted, 'stageMs' | 'rulesMsPerPage'>[];
}

/** How the benchmark's schemas name their fields: with the aliases a user would write, or by names and titles only. */
type Naming = 'aliases' | 'names-only';

const nullable = (schema: JSONSchema): JSONSchema => ({ ...schema, type: [schema.type as 'string', 'null'] });

/** The schema without its `x-aliases`, at every depth: what names and titles alone find. */
function withoutAliases(schema: JSONSchema): JSONSchema {
  const { 'x-aliases': _, properties, items, ...rest } = schema;
  return {
    ...rest,
    ...(properties === undefined
      ? {}
      : {
          properties: Object.fromEntries(
            Object.entries(properties).map(([key, value]) => [key, withoutAliases(value as JSONSchema)]),
          ),
        }),
    ...(items === undefined ? {} : { items: withoutAliases(items as JSONSchema) }),
  };
}

const named = (schema: JSONSchema, naming: Naming) =>
  naming === 'aliases' ? schema : withoutAliases(schema);

/** A JSON Schema object whose properties are all required and nullable: the extractor says null when not found. */
function objectSchema(properties: Record<string, JSONSchema>): JSONSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [
        key,
        value.type === 'array' ? value : nullable(value),
      ]),
    ),
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

// ---------------------------------------------------------------------------------------------- comparison

/** Whether an extracted value equals a labelled one (or one of its accepted variants). */
function sameValue(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((variant) => sameValue(variant, actual));
  if (expected === null || expected === undefined || expected === '') {
    return actual === null || actual === undefined || actual === '';
  }
  if (actual === null || actual === undefined) return false;
  if (typeof expected === 'boolean' || typeof actual === 'boolean') return expected === actual;
  const expectedNumber = numberOf(expected);
  const actualNumber = numberOf(actual);
  if (expectedNumber !== undefined && actualNumber !== undefined && typeof actual === 'number') {
    return Math.abs(expectedNumber - actualNumber) < 0.005;
  }
  const expectedDate = parseDate(String(expected).slice(0, 10)) ?? parseDate(String(expected));
  const actualDate = parseDate(String(actual).slice(0, 10)) ?? parseDate(String(actual));
  if (expectedDate !== undefined && actualDate !== undefined) return expectedDate === actualDate;
  return comparisonKey(String(expected)) === comparisonKey(String(actual));
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseNumberReadings(value)[0] : undefined;
}

function check(document: string, field: string, expected: unknown, actual: unknown): Check {
  return { document, field, expected, actual, right: sameValue(expected, actual) };
}

// ---------------------------------------------------------------------------------------------- pipelines

/** One document extracted by a pipeline of its own, closed afterwards. */
async function extract(jsonSchema: JSONSchema, path: string, ocr: OCRConfigOptions) {
  const pipeline = heuristicPipeline(jsonSchema, ocr);
  try {
    return await extractWith(pipeline, jsonSchema, path);
  } finally {
    await pipeline.close();
  }
}

/** What one document gave, and what it took. */
interface Extracted {
  readonly data: Record<string, unknown>;
  /** The extraction stage's time: the rules, plus validation and grounding. */
  readonly stageMs: number;
  /** The rules alone on the OCR output, per page (median of 5 runs after a warm-up). */
  readonly rulesMsPerPage: number;
}

async function extractWith(
  pipeline: ReturnType<typeof heuristicPipeline>,
  jsonSchema: JSONSchema,
  path: string,
): Promise<Extracted> {
  const result = await pipeline.run(fileURLToPath(new URL(path, FIXTURES)));
  const ocr = result.stages.ocr;
  const times: number[] = [];
  // The first run warms the JIT up, and is not counted.
  for (let run = 0; ocr !== undefined && run <= 5; run++) {
    const started = performance.now();
    extractWithRules({ jsonSchema, ocr });
    if (run > 0) times.push((performance.now() - started) / Math.max(1, ocr.pages.length));
  }
  return {
    data: result.data as Record<string, unknown>,
    stageMs: result.timings['llm-extraction']?.durationMs ?? 0,
    rulesMsPerPage: times.length === 0 ? 0 : median(times),
  };
}

function heuristicPipeline(jsonSchema: JSONSchema, ocr: OCRConfigOptions) {
  return linearPipeline({
    jsonSchema,
    stages: [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION],
    ocr,
    llm: new LLMExtractionConfig({
      provider: createHeuristicModel(new LLMExtractionConfig()),
      repairAttempts: 0,
    }),
    cache: false,
  });
}

/** An OCR provider that answers with a recorded layout (the benchmark hands it the document it was made from). */
function recordedOcr(document: OcrDocument): OcrProvider {
  return {
    specificationVersion: 'v1',
    provider: 'recorded',
    modelId: 'azure-layout-v2.1',
    recognize: async () => ({ document, usage: { pages: document.pages.length }, warnings: [] }),
  };
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(new URL(path, FIXTURES), 'utf8')) as T;
}

interface HumanLabels {
  readonly labels: readonly {
    readonly label: string;
    readonly value: readonly { readonly text: string }[];
  }[];
}

// ---------------------------------------------------------------------------------------------- set 1

async function contosoInvoice(naming: Naming): Promise<SetReport> {
  const folder = 'azure-di/code-samples-v2/contoso-invoice-1/';
  const schema = objectSchema({
    provider: { type: 'string', title: 'Provider', 'x-aliases': ['Vendor', 'Seller', 'From'] },
    bill_to: { type: 'string', title: 'Invoice For', 'x-aliases': ['Bill To', 'Customer', 'Sold To'] },
    address: { type: 'string', title: 'Address', 'x-aliases': ['Vendor Address'] },
    invoice_number: { type: 'string', 'x-aliases': ['Invoice #', 'Invoice No'] },
    invoice_date: { type: 'string', format: 'date', 'x-aliases': ['Date'] },
    due_date: { type: 'string', format: 'date', 'x-aliases': ['Payment Due'] },
    total: { type: 'number', 'x-aliases': ['Charges', 'Amount Due', 'Total Due'] },
    vat_id: { type: 'string', title: 'VAT ID', 'x-aliases': ['VAT', 'VAT Number'] },
  });
  const fieldOfLabel: Record<string, string> = {
    Provider: 'provider',
    For: 'bill_to',
    Address: 'address',
    'Invoice #': 'invoice_number',
    Date: 'invoice_date',
    'Due Date': 'due_date',
    Total: 'total',
    VAT: 'vat_id',
  };
  const { labels } = await readJson<HumanLabels>(`${folder}Invoice_1.pdf.labels.json`);
  const { data, ...timing } = await extract(named(schema, naming), `${folder}Invoice_1.pdf`, {
    provider: 'pdf-text',
  });
  const checks = labels.map(({ label, value }) => {
    const field = fieldOfLabel[label] ?? label;
    return check('Invoice_1', field, value.map((word) => word.text).join(' '), data[field]);
  });
  return { name: '1. Contoso invoice (pdf-text, human labels)', checks, timings: [timing] };
}

// ---------------------------------------------------------------------------------------------- set 2

async function labelledStatements(naming: Naming): Promise<SetReport> {
  const folder = 'azure-di/code-samples-v2/labeled-statements/';
  const schema = objectSchema({
    receipt_number: { type: 'string', title: 'Receipt No', 'x-aliases': ['Receipt #'] },
    sold_to: { type: 'string', title: 'Sold To', 'x-aliases': ['Bill To', 'Customer'] },
    id_number: { type: 'string', title: 'ID #', 'x-aliases': ['Customer ID'] },
    live_delivery: { type: 'boolean', title: 'Live Delivery?' },
    online_delivery: { type: 'boolean', title: 'Online Delivery?' },
    video_delivery: { type: 'boolean', title: 'Video Delivery?' },
  });
  const fieldOfLabel: Record<string, string> = {
    'Receipt No': 'receipt_number',
    'Sold To': 'sold_to',
    'ID #': 'id_number',
    'Live Delivery?': 'live_delivery',
    'Online Delivery?': 'online_delivery',
    'Video Delivery?': 'video_delivery',
  };
  const checks: Check[] = [];
  const timings: Extracted[] = [];
  for (let n = 1; n <= 5; n++) {
    const name = `Invoice_${n}`;
    const layout = await readJson<AzureV2LayoutResult>(`${folder}${name}.pdf.layout.v2.1.json`);
    const ocr = { provider: recordedOcr(azureV2LayoutToOcr(layout)) };
    const { labels } = await readJson<HumanLabels>(`${folder}${name}.pdf.labels.json`);
    const extracted = await extract(named(schema, naming), `${folder}${name}.pdf`, ocr);
    const { data } = extracted;
    timings.push(extracted);
    for (const { label, value } of labels) {
      const field = fieldOfLabel[label] ?? label;
      const text = value.map((word) => word.text).join(' ');
      const expected = text === 'selected' ? true : text === 'unselected' ? false : text;
      checks.push(check(name, field, expected, data[field]));
    }
  }
  return { name: '2. Labelled statements (recorded Azure layout v2.1)', checks, timings };
}

// ---------------------------------------------------------------------------------------------- set 3

interface ExpectedProduct {
  readonly Id: string;
  readonly Description: string;
  readonly UnitPrice: number | null;
  readonly Quantity: number | null;
  readonly Total: number | null;
  readonly Reason: string | null;
}

async function invoiceWithExtraction(naming: Naming): Promise<SetReport> {
  const folder = 'pdfs/azure-samples-gpt4v-invoice/';
  const product: JSONSchema = objectSchema({
    Id: { type: 'string', 'x-aliases': ['Item Code', 'Product Code', 'SKU'] },
    Description: { type: 'string', 'x-aliases': ['Item Desc.', 'Item Description', 'Item'] },
    UnitPrice: { type: 'number', 'x-aliases': ['Price'] },
    Quantity: { type: 'integer', 'x-aliases': ['Qty', 'Pcs.'] },
    Total: { type: 'number', 'x-aliases': ['Amount', 'Line Total'] },
    Reason: { type: 'string' },
  });
  const signature: JSONSchema = objectSchema({
    Type: { type: 'string' },
    Name: { type: 'string' },
    IsSigned: { type: 'boolean' },
  });
  const schema = objectSchema({
    InvoiceNumber: { type: 'string', 'x-aliases': ['Invoice No', 'Invoice #'] },
    PurchaseOrderNumber: { type: 'string', 'x-aliases': ['Purchase Order', 'PO Number', 'PO #'] },
    CustomerName: { type: 'string', 'x-aliases': ['Customer'] },
    CustomerAddress: { type: 'string', 'x-aliases': ['Address'] },
    DeliveryDate: { type: 'string', format: 'date', 'x-aliases': ['Delv. Date', 'Delivery Date'] },
    PayableBy: { type: 'string', format: 'date', 'x-aliases': ['Payable on or before', 'Due Date'] },
    Products: {
      type: 'array',
      items: product,
      'x-aliases': ['Items', 'Line Items'],
    },
    Returns: { type: 'array', items: product, 'x-aliases': ['Returned Items'] },
    TotalQuantity: { type: 'integer', 'x-aliases': ['Total Pcs.', 'Total Quantity'] },
    TotalPrice: { type: 'number', 'x-aliases': ['Total Price', 'Total'] },
    ProductsSignatures: { type: 'array', items: signature },
    ReturnsSignatures: { type: 'array', items: signature },
  });
  const expected = await readJson<Record<string, unknown>>(`${folder}Invoice_1.pdf.Extraction.json`);
  const { data, ...timing } = await extract(named(schema, naming), `${folder}Invoice_1.pdf`, {
    provider: 'pdf-text',
  });
  const scalars = [
    'InvoiceNumber',
    'PurchaseOrderNumber',
    'CustomerName',
    'CustomerAddress',
    'DeliveryDate',
    'PayableBy',
    'TotalQuantity',
    'TotalPrice',
  ];
  const checks = scalars.map((field) => check('Invoice_1', field, expected[field], data[field]));
  checks.push(
    ...compareRows(
      'Products',
      expected.Products as ExpectedProduct[],
      (data.Products ?? []) as ExpectedProduct[],
    ),
  );
  return {
    name: '3. Invoice with expected extraction (pdf-text): scalars + product rows',
    checks,
    timings: [timing],
  };
}

/** Each expected row against the extracted row that agrees with it most (each used once), field by field. */
function compareRows(
  name: string,
  expected: readonly ExpectedProduct[],
  actual: readonly ExpectedProduct[],
): Check[] {
  const keys = ['Id', 'Description', 'UnitPrice', 'Quantity', 'Total', 'Reason'] as const;
  const used = new Set<number>();
  return expected.flatMap((row, index) => {
    let best = -1;
    let bestRight = -1;
    actual.forEach((candidate, at) => {
      const right = keys.filter((key) => sameValue(row[key], candidate[key])).length;
      if (!used.has(at) && right > bestRight) {
        best = at;
        bestRight = right;
      }
    });
    used.add(best);
    const match = actual[best];
    // Only labelled (non-null) values count: a null in the expected row labels nothing.
    return keys
      .filter((key) => row[key] !== null)
      .map((key) => check('Invoice_1', `${name}/${index}/${key}`, row[key], match?.[key]));
  });
}

// ---------------------------------------------------------------------------------------------- set 4

async function handwrittenForms(): Promise<SetReport> {
  const folder = 'kie/bcgov-hr0081-forms/';
  const names = [
    '1_81',
    '2_81',
    '3_81',
    '81_blank',
    '81_coffee',
    'Fake_1',
    'Fake_2',
    'Fake_3',
    'Fake_4',
    'Fake_5',
    'HR0081_2',
    'HR0081_3',
    'HR0081_4',
    'HR0081_5',
    'HR0081_6',
    'synth-full_1',
    'synth-no-spouse_1',
    'synth-regular_1',
    'manual_sample_1',
  ];
  const { _comment, ...descriptions } = await readJson<Record<string, string>>(
    `${folder}field-descriptions.json`,
  );
  const typeOf = (key: string): JSONSchema => {
    if (key.startsWith('checkbox_')) return { type: 'boolean' };
    if (key === 'date' || key === 'spouse_date') return { type: 'string', format: 'date' };
    if (/^(?:applicant|spouse)_/.test(key) && !/_(?:signature|date|name|phone|sin)$/.test(key)) {
      return { type: 'number' };
    }
    return { type: 'string' };
  };
  const schema = objectSchema(
    Object.fromEntries(
      Object.entries(descriptions).map(([key, description]) => [key, { ...typeOf(key), description }]),
    ),
  );
  const pipeline = heuristicPipeline(schema, { provider: 'tesseract' });
  const checks: Check[] = [];
  const timings: Extracted[] = [];
  try {
    await mapConcurrent(names, 2, async (name) => {
      const truth = await readJson<Record<string, unknown>>(`${folder}${name}.gt.json`);
      const extracted = await extractWith(pipeline, schema, `${folder}${name}.jpg`);
      const { data } = extracted;
      timings.push(extracted);
      for (const [field, value] of Object.entries(truth)) {
        const expected = value === 'selected' ? true : value === 'unselected' ? false : value;
        checks.push(check(name, field, expected, data[field]));
      }
    });
  } finally {
    await pipeline.close();
  }
  return { name: '4. Handwritten HR0081 forms (tesseract OCR)', checks, timings };
}

// ---------------------------------------------------------------------------------------------- report

function report(set: SetReport, showMisses = true): void {
  const right = set.checks.filter((c) => c.right).length;
  const share = set.checks.length === 0 ? 0 : (100 * right) / set.checks.length;
  const blankLabelled = set.checks.filter((c) => c.expected !== '' && c.expected !== null);
  const blankRight = blankLabelled.filter((c) => c.right).length;
  console.log(`\n${set.name}`);
  console.log(`  accuracy: ${right} / ${set.checks.length} fields right = ${share.toFixed(1)}%`);
  if (blankLabelled.length !== set.checks.length) {
    console.log(
      `  non-blank fields: ${blankRight} / ${blankLabelled.length} = ${((100 * blankRight) / Math.max(1, blankLabelled.length)).toFixed(1)}%`,
    );
  }
  const stage = median(set.timings.map((timing) => timing.stageMs));
  const rules = median(set.timings.map((timing) => timing.rulesMsPerPage));
  console.log(
    `  time: the rules ${rules.toFixed(1)} ms per page; the extraction stage (with validation and grounding) ${stage.toFixed(1)} ms per document (medians)`,
  );
  const misses = set.checks.filter((c) => !c.right);
  if (!showMisses || misses.length === 0) return;
  console.log('  misses:');
  for (const miss of misses) {
    console.log(
      `    ${miss.document} ${miss.field}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.actual)}`,
    );
  }
}

const printed = [
  await contosoInvoice('aliases'),
  await labelledStatements('aliases'),
  await invoiceWithExtraction('aliases'),
];
for (const set of printed) report(set);
const all = printed.flatMap((set) => set.checks);
const allRight = all.filter((c) => c.right).length;
console.log(
  `\nSets 1–3 together: ${allRight} / ${all.length} = ${((100 * allRight) / all.length).toFixed(1)}% (target ≥ 80% per set)`,
);
// The same without aliases: what field names and titles find alone.
console.log('\nSets 1–3 with field names and titles only (no aliases):');
for (const set of [
  await contosoInvoice('names-only'),
  await labelledStatements('names-only'),
  await invoiceWithExtraction('names-only'),
]) {
  const right = set.checks.filter((c) => c.right).length;
  console.log(
    `  ${set.name}: ${right} / ${set.checks.length} = ${((100 * right) / set.checks.length).toFixed(1)}%`,
  );
}
if (!process.argv.includes('--no-forms')) {
  report(await handwrittenForms(), process.argv.includes('--form-misses'));
}
