/**
 * Dates as people and models write them, read into one form so that `2023-05-17`, `17 May 2023`,
 * `May 17, 2023` and `17/05/2023` compare equal.
 *
 * @module
 */

/** A date read from text: its day, and the instant when the text carries a time. */
export interface ReadDate {
  /** `YYYY-MM-DD`, the calendar day as written. */
  readonly day: string;
  /** Milliseconds since the epoch, when a time of day was given (ISO 8601 date-time). */
  readonly instant?: number;
}

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
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[t ]\d{2}:\d{2}/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]{3,9})\.?,?[\s\-/.]+(\d{4})$/;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4})$/;

/**
 * The date `text` names, or `undefined` when it names none (a whole date is needed: `May 2023` is not one).
 * A numeric date whose order is ambiguous (`03/04/2024`) is month first unless `dayFirst`; dots
 * (`03.04.2024`) always mean day first, as they do wherever they are used.
 */
export function readDate(text: string, dayFirst: boolean): ReadDate | undefined {
  const trimmed = text.trim().toLowerCase();
  if (ISO_DATE_TIME.test(trimmed)) {
    const instant = Date.parse(trimmed.toUpperCase());
    return Number.isNaN(instant) ? undefined : { day: trimmed.slice(0, 10), instant };
  }
  let match = ISO_DATE.exec(trimmed);
  if (match) return dayOf(match[1], match[2], match[3]);
  match = NUMERIC.exec(trimmed);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[3])];
    const isDayFirst = first > 12 || (second <= 12 && (dayFirst || match[2] === '.'));
    const year = match[4]?.length === 2 ? `20${match[4]}` : match[4];
    return isDayFirst ? dayOf(year, match[3], match[1]) : dayOf(year, match[1], match[3]);
  }
  match = DAY_MONTH_YEAR.exec(trimmed);
  if (match) return dayOf(match[3], monthOf(match[2]), match[1]);
  match = MONTH_DAY_YEAR.exec(trimmed);
  if (match) return dayOf(match[3], monthOf(match[1]), match[2]);
  return undefined;
}

// `mar`, `march` and `sept` name months; `mayonnaise` does not.
function monthOf(name: string | undefined): string | undefined {
  const index = MONTHS.findIndex((month) => name !== undefined && month.startsWith(name));
  return index < 0 ? undefined : String(index + 1);
}

// A real calendar day (no 31 April), as `YYYY-MM-DD`; formatted by hand, as dates are read by the million.
function dayOf(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): ReadDate | undefined {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) {
    return undefined;
  }
  // Day 0 of the next month is the last day of this one.
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return { day: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
