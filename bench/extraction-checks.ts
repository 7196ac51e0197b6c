/**
 * Comparing extracted values with true ones, for the extraction benchmarks: one check per labelled value, with
 * the confidence the extractor gave it, and the tallies the reports print (accuracy per field and overall, and
 * values that are wrong but confident).
 */
import { parseDate } from '../src/llm/grounding/dates.js';
import { comparisonKey } from '../src/llm/grounding/normalize.js';
import { parseNumberReadings } from '../src/llm/grounding/numbers.js';

/** A confidence at or above which a wrong value misleads: it looks trustworthy. */
export const CONFIDENT = 0.6;

/** One labelled value compared with the extracted one. */
export interface Check {
  readonly document: string;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly right: boolean;
  /** The extractor's confidence in the value, when it gave one. */
  readonly confidence?: number;
}

/** Whether an extracted value equals a labelled one (or one of its accepted variants). */
export function sameValue(expected: unknown, actual: unknown): boolean {
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

/** One check of `actual` against `expected`. */
export function check(
  document: string,
  field: string,
  expected: unknown,
  actual: unknown,
  confidence?: number,
): Check {
  return {
    document,
    field,
    expected,
    actual,
    right: sameValue(expected, actual),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

/**
 * Each expected row against the extracted row that agrees with it most (each used once), key by key; only
 * labelled (non-null) values count. `confidenceOf(row, key)` gives the extractor's confidence in a cell.
 */
export function compareRows<Row extends Record<string, unknown>>(
  document: string,
  name: string,
  expected: readonly Row[],
  actual: readonly Row[],
  confidenceOf: (row: number, key: string) => number | undefined = () => undefined,
): Check[] {
  const keys = [...new Set(expected.flatMap((row) => Object.keys(row)))];
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
    return keys
      .filter((key) => row[key] !== null)
      .map((key) =>
        check(document, `${name}/${index}/${key}`, row[key], match?.[key], confidenceOf(best, key)),
      );
  });
}

/** Whether a check is a wrong value given with confidence: the kind of answer nobody re-reads. */
export function wrongButConfident(c: Check): boolean {
  return !c.right && c.actual !== null && c.actual !== undefined && (c.confidence ?? 0) >= CONFIDENT;
}

/** Fields right / checked, per field name (array cells grouped by their key: `line_items/*​/amount`). */
export function accuracyByField(checks: readonly Check[]): Map<string, { right: number; total: number }> {
  const byField = new Map<string, { right: number; total: number }>();
  for (const c of checks) {
    const field = c.field.replace(/\/\d+\//, '/*/');
    const tally = byField.get(field) ?? { right: 0, total: 0 };
    byField.set(field, { right: tally.right + (c.right ? 1 : 0), total: tally.total + 1 });
  }
  return byField;
}

/** `right / total = share%`. */
export function ratio(right: number, total: number): string {
  return `${right} / ${total} = ${((100 * right) / Math.max(1, total)).toFixed(1)}%`;
}
