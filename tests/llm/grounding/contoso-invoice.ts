/**
 * The Contoso invoice's data for the grounding accuracy test: the human labels, the recorded Azure
 * prebuilt-invoice answer re-keyed into a snake_case invoice schema, and box overlap.
 */
import { readFile } from 'node:fs/promises';
import { unionBox } from '../../../src/parser/box.js';
import type { BoundingBox } from '../../../src/spec/document.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The invoice's folder under `tests/fixtures/`. */
export const CONTOSO = 'azure-di/code-samples-v2/contoso-invoice-1/';

/** The invoice schema the model answer is written in. */
export interface InvoiceAnswer {
  readonly vendor_name: string | null;
  readonly vendor_address: string | null;
  readonly customer_name: string | null;
  readonly customer_address: string | null;
  readonly invoice_id: string | null;
  /** ISO date. */
  readonly invoice_date: string | null;
  readonly due_date: string | null;
  readonly total: number | null;
  readonly total_tax: number | null;
  readonly line_items: readonly { product_code: string | null; date: string | null; amount: number | null }[];
}

/** One human label: its name and the words it marks, each with its page and quadrilaterals. */
export interface HumanLabel {
  readonly label: string;
  readonly value: readonly { page: number; text: string; boundingBoxes: readonly (readonly number[])[] }[];
}

// The parts of the recorded v3 `analyzeResult` the answer is made of.
interface RecordedField {
  readonly valueString?: string;
  readonly valueDate?: string;
  readonly valueCurrency?: { amount: number };
  readonly valueObject?: Record<string, RecordedField>;
  readonly valueArray?: readonly RecordedField[];
}
interface Recording {
  readonly analyzeResult: { documents: readonly { fields: Record<string, RecordedField> }[] };
}

/** A fixture file under `tests/fixtures/`, parsed. */
export async function readJsonFixture<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(new URL(path, FIXTURES), 'utf8')) as T;
}

/**
 * The recorded prebuilt-invoice result's fields as an {@link InvoiceAnswer}: strings from `valueString`, dates
 * from `valueDate`, amounts from `valueCurrency.amount`, `null` for a field the model did not return.
 */
export function answerFromRecording(recording: Recording): InvoiceAnswer {
  const fields = recording.analyzeResult.documents[0]?.fields ?? {};
  const text = (field: RecordedField | undefined) => field?.valueString ?? null;
  const date = (field: RecordedField | undefined) => field?.valueDate ?? null;
  const amount = (field: RecordedField | undefined) => field?.valueCurrency?.amount ?? null;
  return {
    vendor_name: text(fields.VendorName),
    vendor_address: text(fields.VendorAddress),
    customer_name: text(fields.CustomerName),
    customer_address: text(fields.CustomerAddress),
    invoice_id: text(fields.InvoiceId),
    invoice_date: date(fields.InvoiceDate),
    due_date: date(fields.DueDate),
    total: amount(fields.InvoiceTotal),
    total_tax: amount(fields.TotalTax),
    line_items: (fields.Items?.valueArray ?? []).map((item) => ({
      product_code: text(item.valueObject?.ProductCode),
      date: date(item.valueObject?.Date),
      amount: amount(item.valueObject?.Amount),
    })),
  };
}

/**
 * Whether a label's text writes the answer's value, the way this invoice writes values: amounts as `$56,651.49`,
 * dates as `6/18/2017`, text with its line breaks as spaces.
 */
export function labelWritesValue(labelText: string, value: unknown): boolean {
  if (typeof value === 'number') return Number(labelText.replace(/[$,]/g, '')) === value;
  if (typeof value !== 'string') return false;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return labelText === `${Number(iso[2])}/${Number(iso[3])}/${iso[1]}`;
  return labelText === value.split(/\s+/).join(' ');
}

/** The box holding all of a label's quadrilaterals (8 numbers each, fractions of the page), axis-aligned. */
export function labelBox(label: HumanLabel): BoundingBox | undefined {
  return unionBox(
    label.value.flatMap((word) =>
      word.boundingBoxes.map((quad) => {
        const xs = quad.filter((_, i) => i % 2 === 0);
        const ys = quad.filter((_, i) => i % 2 === 1);
        const [left, top] = [Math.min(...xs), Math.min(...ys)];
        return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
      }),
    ),
  );
}

/** Intersection over union of two boxes, 0..1. */
export function intersectionOverUnion(a: BoundingBox, b: BoundingBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  const intersection = Math.max(width, 0) * Math.max(height, 0);
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}
