/**
 * Reading calendar dates the way documents write them, into ISO `YYYY-MM-DD`.
 *
 * @module
 */

/** Which number comes first in an all-numeric date such as `06/07/2017`. */
export type DateOrder = 'month-first' | 'day-first';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

// `2017-06-18`, `2017/06/18`, and a timestamp's date part (`2017-06-18T00:00:00Z`).
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/;
// `June 18, 2017`, `Jun. 18 2017`, `Sunday, June 18th, 2017`.
const MONTH_NAME_FIRST = /^(?:\p{L}+,?\s+)?(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u;
// `18 June 2017`, `18-Jun-2017`, `18 Jun 17`, `18th of June, 2017`.
const DAY_FIRST =
  /^(?:\p{L}+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(\p{L}{3,})\.?,?[\s-]+(\d{4}|\d{2})$/u;
const OUTER_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The ISO date `text` writes, or `undefined` when it is not a date. All-numeric dates are read by their
 * unambiguous part when they have one (`18/06/2017` is day-first, `6/18/2017` month-first), else in `order`.
 * Two-digit years 00–68 are 2000–2068, 69–99 are 1969–1999, as POSIX `strptime` reads them.
 *
 * @example
 * ```ts
 * parseDate('6/18/2017');     // '2017-06-18'
 * parseDate('June 18, 2017'); // '2017-06-18'
 * parseDate('18 Jun 2017');   // '2017-06-18'
 * parseDate('06/07/2017', 'day-first'); // '2017-07-06'
 * parseDate('2017');          // undefined
 * ```
 */
export function parseDate(text: string, order: DateOrder = 'month-first'): string | undefined {
  const trimmed = dateText(text);
  if (!/\d/.test(trimmed)) return undefined;
  const iso = ISO.exec(trimmed);
  if (iso) return isoDate(iso[1], iso[2], iso[3]);
  const numeric = NUMERIC.exec(trimmed);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[2])];
    const dayFirst = (numericDateOrder(trimmed) ?? order) === 'day-first';
    return isoDate(numeric[3], dayFirst ? second : first, dayFirst ? first : second);
  }
  const monthFirst = MONTH_NAME_FIRST.exec(trimmed);
  if (monthFirst) return isoDate(monthFirst[3], monthNumber(monthFirst[1]), monthFirst[2]);
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (dayFirst) return isoDate(dayFirst[3], monthNumber(dayFirst[2]), dayFirst[1]);
  return undefined;
}

/**
 * The order an all-numeric date proves by a part above 12 (`18/06/2017` is day-first), or `undefined` when
 * it proves none (`06/07/2017`) or is not such a date.
 *
 * @example
 * ```ts
 * numericDateOrder('18/06/2017'); // 'day-first'
 * numericDateOrder('6/18/2017');  // 'month-first'
 * numericDateOrder('06/07/2017'); // undefined
 * ```
 */
export function numericDateOrder(text: string): DateOrder | undefined {
  const numeric = NUMERIC.exec(dateText(text));
  if (!numeric) return undefined;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return undefined;
}

/**
 * The other reading of an all-numeric date whose order it does not prove (`08/04/2018` is 8 April or
 * 4 August): the ISO date it names in the order opposite to `order`, or `undefined` when it names one date only.
 *
 * @example
 * ```ts
 * otherDateReading('08/04/2018', 'month-first'); // '2018-04-08'
 * otherDateReading('18/04/2018', 'month-first'); // undefined
 * otherDateReading('04/04/2018', 'month-first'); // undefined
 * ```
 */
export function otherDateReading(text: string, order: DateOrder): string | undefined {
  const trimmed = dateText(text);
  if (!NUMERIC.test(trimmed) || numericDateOrder(trimmed) !== undefined) return undefined;
  const read = parseDate(trimmed, order);
  const other = parseDate(trimmed, order === 'day-first' ? 'month-first' : 'day-first');
  return other !== read ? other : undefined;
}

/**
 * Whether `word` names a month, in full or cut to three letters or more, with or without a full stop or comma.
 *
 * @example
 * ```ts
 * isMonthName('Jun.'); // true
 * isMonthName('Sept'); // true
 * isMonthName('Ma');   // false
 * ```
 */
export function isMonthName(word: string): boolean {
  return monthNumber(word.replace(/[.,]$/, '')) !== undefined;
}

// Running text wraps dates in punctuation: `(6/18/2017),`.
function dateText(text: string): string {
  return text.normalize('NFKC').trim().replace(OUTER_PUNCTUATION, '');
}

function monthNumber(name: string | undefined): number | undefined {
  const lower = name?.toLowerCase() ?? '';
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

function isoDate(
  yearText: string | undefined,
  month: number | string | undefined,
  day: number | string | undefined,
): string | undefined {
  let year = Number(yearText);
  if (yearText?.length === 2) year += year <= 68 ? 2000 : 1900;
  const [m, d] = [Number(month), Number(day)];
  if (!Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1) return undefined;
  // Date.UTC rolls 31 June over to 1 July; a day that does not survive the round trip does not exist.
  if (new Date(Date.UTC(year, m - 1, d)).getUTCDate() !== d) return undefined;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
