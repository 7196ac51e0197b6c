/**
 * Scoring text read from a generated invoice against what was printed on it, shared by
 * `parse-quality.ts` and `scan-quality.ts`: row integrity (the share of line-item rows whose cells all
 * appear on one output line, in order) and value recall (the share of known values present in the text).
 */
import { rowOnOneLine } from '../tests/support/in-order.js';
import type { InvoiceTruth } from './invoice-generator.js';

/** Counts behind row integrity and value recall. */
export interface ScoreCounts {
  readonly rowsKept: number;
  readonly rows: number;
  readonly valuesFound: number;
  readonly values: number;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Scores one invoice's text; pages may be separated by form feeds. */
export function score(text: string, truth: InvoiceTruth): ScoreCounts {
  const lines = text.split(/\n|\f/).map(collapse);
  const flat = collapse(text);
  const values = [
    truth.invoiceNumber,
    truth.date,
    truth.seller,
    truth.buyer,
    truth.total,
    ...truth.rows.flat(),
  ];
  return {
    rowsKept: truth.rows.filter((row) => rowOnOneLine(lines, row.map(collapse))).length,
    rows: truth.rows.length,
    valuesFound: values.filter((value) => flat.includes(collapse(value))).length,
    values: values.length,
  };
}

/** `part / whole` as a percentage with one decimal, padded to 7 characters. */
export const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`.padStart(7);
