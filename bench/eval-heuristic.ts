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
 * Then the sets of `heuristic-quality-sets.ts`, whose schemas use names and descriptions only: 24 generated
 * invoices against a required schema (failures: answers that do not validate; target 0, and ≥ 90% of fields
 * right) and real receipts (company, date, address, total). Every set also counts the values that are wrong
 * but confident (confidence ≥ 0.6): the answers a user would trust and should not.
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
  Stage,
} from '../src/index.js';
import { createHeuristicModel, extractWithRules } from '../src/llm/heuristic/index.js';
import { type AzureV2LayoutResult, azureV2LayoutToOcr } from './azure-v2-layout.js';
import {
  accuracyByField,
  type Check,
  CONFIDENT,
  check,
  compareRows,
  ratio,
  wrongButConfident,
} from './extraction-checks.js';
import { billedInvoiceSet, type QualitySet, receiptSet } from './heuristic-quality-sets.js';
import { recordedOcr } from './recorded-ocr.js';
import { mapConcurrent, median } from './stats.js';

const FIXTURES = new URL('../../shared/fixtures/', import.meta.url);

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
  /** The extractor's confidence in each value, by JSON Pointer. */
  readonly confidence: Readonly<Record<string, number>>;
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
    confidence: Object.fromEntries(
      result.fields.flatMap((field) =>
        field.confidence === undefined ? [] : [[field.path, field.confidence]],
      ),
    ),
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
  const { data, confidence, ...timing } = await extract(named(schema, naming), `${folder}Invoice_1.pdf`, {
    provider: 'pdf-text',
  });
  const checks = labels.map(({ label, value }) => {
    const field = fieldOfLabel[label] ?? label;
    const text = value.map((word) => word.text).join(' ');
    return check('Invoice_1', field, text, data[field], confidence[`/${field}`]);
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
    const ocr = { provider: recordedOcr(azureV2LayoutToOcr(layout), 'azure-layout-v2.1') };
    const { labels } = await readJson<HumanLabels>(`${folder}${name}.pdf.labels.json`);
    const extracted = await extract(named(schema, naming), `${folder}${name}.pdf`, ocr);
    const { data, confidence } = extracted;
    timings.push(extracted);
    for (const { label, value } of labels) {
      const field = fieldOfLabel[label] ?? label;
      const text = value.map((word) => word.text).join(' ');
      const expected = text === 'selected' ? true : text === 'unselected' ? false : text;
      checks.push(check(name, field, expected, data[field], confidence[`/${field}`]));
    }
  }
  return { name: '2. Labelled statements (recorded Azure layout v2.1)', checks, timings };
}

// ---------------------------------------------------------------------------------------------- set 3

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
  const { data, confidence, ...timing } = await extract(named(schema, naming), `${folder}Invoice_1.pdf`, {
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
  const checks = scalars.map((field) =>
    check('Invoice_1', field, expected[field], data[field], confidence[`/${field}`]),
  );
  checks.push(
    ...compareRows(
      'Invoice_1',
      'Products',
      expected.Products as unknown as Record<string, unknown>[],
      (data.Products ?? []) as Record<string, unknown>[],
      (row, key) => confidence[`/Products/${row}/${key}`],
    ),
  );
  return {
    name: '3. Invoice with expected extraction (pdf-text): scalars + product rows',
    checks,
    timings: [timing],
  };
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
      const { data, confidence } = extracted;
      timings.push(extracted);
      for (const [field, value] of Object.entries(truth)) {
        const expected = value === 'selected' ? true : value === 'unselected' ? false : value;
        checks.push(check(name, field, expected, data[field], confidence[`/${field}`]));
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
  console.log(`  wrong but confident (≥ ${CONFIDENT}): ${set.checks.filter(wrongButConfident).length}`);
  if (showMisses) printMisses(set.checks);
}

function printMisses(checks: readonly Check[]): void {
  const misses = checks.filter((c) => !c.right);
  if (misses.length === 0) return;
  console.log('  misses:');
  for (const miss of misses) {
    const confidence = miss.confidence === undefined ? '' : ` (confidence ${miss.confidence})`;
    console.log(
      `    ${miss.document} ${miss.field}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.actual)}${confidence}`,
    );
  }
}

function reportQuality(set: QualitySet): void {
  const right = set.checks.filter((c) => c.right).length;
  console.log(`\n${set.name}`);
  console.log(`  failures (answer does not validate): ${set.failures.length} / ${set.documents}`);
  console.log(`  accuracy: ${ratio(right, set.checks.length)}`);
  for (const [field, tally] of accuracyByField(set.checks)) {
    console.log(`    ${field}: ${ratio(tally.right, tally.total)}`);
  }
  console.log(`  wrong but confident (≥ ${CONFIDENT}): ${set.checks.filter(wrongButConfident).length}`);
  console.log(
    `  warnings: ${[...set.warnings].map(([code, count]) => `${code} ×${count}`).join(', ') || 'none'}`,
  );
  console.log(`  time: the rules ${set.msPerPage.toFixed(1)} ms per page (median)`);
  printMisses(set.checks);
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
const quality = [await billedInvoiceSet(), await receiptSet(FIXTURES)];
for (const set of quality) reportQuality(set);
const everyCheck = [...all, ...quality.flatMap((set) => set.checks)];
console.log(
  `\nWrong but confident (≥ ${CONFIDENT}) over sets 1–3 and the quality sets: ${everyCheck.filter(wrongButConfident).length}`,
);
if (!process.argv.includes('--no-forms')) {
  report(await handwrittenForms(), process.argv.includes('--form-misses'));
}
