import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import type { GroundedField } from '../../../src/llm/extraction.js';
import { groundFields } from '../../../src/llm/grounding/index.js';
import { unionBox } from '../../../src/parser/box.js';
import type { BoundingBox, OcrDocument } from '../../../src/spec/document.js';
import { OCRConfig } from '../../../src/stages/ocr-config.js';
import { resolveOcrProvider } from '../../../src/stages/ocr-providers.js';
import {
  answerFromRecording,
  CONTOSO,
  type HumanLabel,
  type InvoiceAnswer,
  intersectionOverUnion,
  labelBox,
  labelWritesValue,
  readJsonFixture,
} from './contoso-invoice.js';

// The answer fields each human label marks. `For` marks the whole recipient block, the customer's name and
// address, which the invoice schema keeps apart; `VAT` marks the VAT ID, which the recorded answer lacks.
const FIELDS_OF_LABEL: Readonly<Record<string, readonly (keyof InvoiceAnswer)[]>> = {
  Provider: ['vendor_name'],
  For: ['customer_name', 'customer_address'],
  Address: ['vendor_address'],
  'Invoice #': ['invoice_id'],
  Date: ['invoice_date'],
  'Due Date': ['due_date'],
  Total: ['total'],
  VAT: ['total_tax'],
};
const MIN_IOU = 0.5;
const MIN_SHARE_GROUNDED = 0.9;

interface Comparison {
  readonly label: string;
  readonly labelText: string;
  readonly fields: readonly GroundedField[];
  readonly iou: number;
}

let answer: InvoiceAnswer;
let labels: readonly HumanLabel[];

beforeAll(async () => {
  answer = await readJsonFixture<InvoiceAnswer>(`${CONTOSO}model-answer.json`);
  labels = (await readJsonFixture<{ labels: HumanLabel[] }>(`${CONTOSO}Invoice_1.pdf.labels.json`)).labels;
});

/** Each label whose text writes the answer's values, with the fields grounded for it and their IoU with it. */
function compareWithLabels(fields: readonly GroundedField[]): Comparison[] {
  return labels.flatMap((label) => {
    const keys = FIELDS_OF_LABEL[label.label] ?? [];
    const labelText = label.value.map((word) => word.text).join(' ');
    const values = keys.map((key) => answer[key]);
    if (
      keys.length === 0 ||
      !labelWritesValue(labelText, values.length === 1 ? values[0] : values.join(' '))
    ) {
      return [];
    }
    const grounded = keys.flatMap((key) => fields.filter((field) => field.path === `/${key}`));
    const boxes = grounded.flatMap((field) =>
      field.box && field.page === label.value[0]?.page ? [field.box] : [],
    );
    const box = boxes.length === keys.length ? unionBox(boxes) : undefined;
    const truth = labelBox(label) as BoundingBox;
    return [
      { label: label.label, labelText, fields: grounded, iou: box ? intersectionOverUnion(box, truth) : 0 },
    ];
  });
}

function table(comparisons: readonly Comparison[]): string {
  return comparisons
    .map(
      (c) =>
        `${c.label}: '${c.labelText}' IoU ${c.iou.toFixed(3)} (${c.fields.map((f) => f.match).join(', ')})`,
    )
    .join('\n');
}

describe('the Contoso model answer', () => {
  it('is the result recorded from Azure prebuilt-invoice, re-keyed and otherwise untouched', async () => {
    const recording = await readJsonFixture<Parameters<typeof answerFromRecording>[0]>(
      'azure-di/azure-sdk-for-js-recordings/Invoice_1.pdf.prebuilt-invoice.2022-06-30-preview.json',
    );
    expect(answer).toEqual(answerFromRecording(recording));
  });
});

// pdf-text reads the PDF's text layer, which is what `auto` picks for it; tesseract reads the rendered page,
// with other boxes and whole rows as single lines across the columns.
describe.each(['pdf-text', 'tesseract'] as const)('grounding the Contoso invoice read by %s', (provider) => {
  let ocr: OcrDocument;
  // One tesseract worker is enough for a one-page PDF; pdf-text has no workers and ignores the option.
  const reader = resolveOcrProvider(new OCRConfig({ provider, workers: 1 })).provider;

  beforeAll(async () => {
    const pdf = await loadDocument(
      fileURLToPath(new URL(`../../fixtures/${CONTOSO}Invoice_1.pdf`, import.meta.url)),
    );
    ({ document: ocr } = await reader.recognize(pdf, {}));
  });
  afterAll(() => reader.close?.());

  it('grounds at least 90% of the labelled values to a box overlapping the label with IoU > 0.5', () => {
    const comparisons = compareWithLabels(groundFields(answer, ocr));
    // Every label but VAT (the VAT ID, which the answer lacks) writes a value of the answer.
    expect(comparisons.map((c) => c.label)).toEqual([
      'Provider',
      'For',
      'Address',
      'Invoice #',
      'Date',
      'Due Date',
      'Total',
    ]);
    const grounded = comparisons.filter((c) => c.iou > MIN_IOU);
    expect(grounded.length / comparisons.length, table(comparisons)).toBeGreaterThanOrEqual(
      MIN_SHARE_GROUNDED,
    );
  });

  it('grounds the ISO dates and the plain amount of the answer to what the invoice prints', () => {
    const fields = groundFields(answer, ocr);
    const at = (path: string) => fields.find((field) => field.path === path);
    expect(at('/invoice_date')).toMatchObject({ value: '2017-06-18', match: 'normalized', page: 1 });
    expect(at('/due_date')).toMatchObject({ value: '2017-06-24', match: 'normalized', page: 1 });
    expect(at('/total')).toMatchObject({ value: 56651.49, match: 'normalized', page: 1 });
    // The line item repeats the invoice's number, date and total; there is one of each on the page to point at.
    expect(at('/line_items/0/amount')?.box).toEqual(at('/total')?.box);
    expect(at('/line_items/0/product_code')?.box).toEqual(at('/invoice_id')?.box);
    expect(at('/total_tax')).toBeUndefined();
  });
});
