/**
 * The forms in which an extracted value can appear on the page.
 *
 * @module
 */
import { type DateOrder, parseDate } from './dates.js';
import type { LeafValue } from './leaves.js';
import { comparisonKey, textWords } from './normalize.js';
import { numberKey, parseNumberReadings } from './numbers.js';

/** What to look for on the page for one value. */
export interface ValueForms {
  /** The words an exact match reads, one for one. */
  readonly words: readonly string[];
  /** {@link comparisonKey}s a normalized match may read: the text's, or `yes`/`no` for a boolean. */
  readonly keys: readonly string[];
  /** {@link numberKey}s of the numbers the value is: a number's own, or those a numeric string reads as. */
  readonly numbers: readonly string[];
  /** The ISO date the value is, when it is one (a date string or a `Date`). */
  readonly date?: string;
}

const NOTHING: ValueForms = { words: [], keys: [], numbers: [] };

/**
 * The forms of `value`. Strings that read as a number or a date are looked for as one too, since models write
 * `"1234.50"` and `"2017-06-18"` for what the page shows as `1,234.50` and `6/18/2017`.
 *
 * @param dateOrder - How the document writes all-numeric dates, for a value written the same way.
 * @example
 * ```ts
 * valueForms(56651.49, 'month-first');     // { words: ['56651.49'], keys: [], numbers: ['56651.49'] }
 * valueForms('2017-06-18', 'month-first'); // { words: ['2017-06-18'], keys: ['20170618'], numbers: [], date: '2017-06-18' }
 * ```
 */
export function valueForms(value: LeafValue, dateOrder: DateOrder): ValueForms {
  if (typeof value === 'boolean') {
    return { words: [String(value)], keys: value ? ['true', 'yes'] : ['false', 'no'], numbers: [] };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return NOTHING;
    const date = value.toISOString().slice(0, 10);
    return { words: [date], keys: [], numbers: [], date };
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) return NOTHING;
    return { words: [String(value)], keys: [], numbers: [numberKey(Number(value))] };
  }
  const key = comparisonKey(value);
  const date = parseDate(value, dateOrder);
  return {
    words: textWords(value),
    keys: key === '' ? [] : [key],
    numbers: parseNumberReadings(value).map(numberKey),
    ...(date === undefined ? {} : { date }),
  };
}
