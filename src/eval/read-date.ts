/**
 * Dates as people and models write them, read into one form so that `2023-05-17`, `17 May 2023`,
 * `May 17, 2023` and `17/05/2023` compare equal. The day is read by grounding's `parseDate`, which every
 * extractor's dates already go through; evaluation adds the instant of a date-time.
 *
 * @module
 */
import { parseDate } from '../llm/grounding/dates.js';

/** A date read from text: its day, and the instant when the text carries a time. */
export interface ReadDate {
  /** `YYYY-MM-DD`, the calendar day as written. */
  readonly day: string;
  /** Milliseconds since the epoch, when a time of day was given (ISO 8601 date-time). */
  readonly instant?: number;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[t ]\d{2}:\d{2}/;
// `17.05.2023`: dots write the day first wherever they are used.
const DOTTED = /^\d{1,2}\.\d{1,2}\./;

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
  const day = parseDate(trimmed, dayFirst || DOTTED.test(trimmed) ? 'day-first' : 'month-first');
  return day === undefined ? undefined : { day };
}
