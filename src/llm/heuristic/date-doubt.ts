/**
 * How much a numeric date read in the document's date order can be trusted, by what that order rests on.
 *
 * @module
 */
import type { DocumentLayout } from './page-layout.js';
import type { Choice } from './schema-fields.js';
import type { ReadValue } from './value-readers.js';

/** What reading a value in the document's date order costs it. */
export interface DateDoubt {
  /** A factor on the value's score, 0..1. */
  readonly certainty: number;
  /** The other reading, when nothing orders the date: the value is then a guess, reported as ambiguous. */
  readonly alternatives?: readonly Choice[];
}

// A numeric date whose order it does not prove is as sure as the document's evidence for the order: read by a
// date that proves it, or the user's locale, fully; by the currency, phone numbers or country, a little less;
// by nothing, it is a guess.
const CERTAINTY = { dates: 1, locale: 1, document: 0.9, none: 0.5 } as const;

/**
 * The doubt on `read` from the date order it was read in: none for a value that is not such a date.
 *
 * @example
 * ```ts
 * dateDoubt({ value: '2018-08-04', certainty: 1, otherReading: '2018-04-08' }, layoutWithNoEvidence);
 * // { certainty: 0.5, alternatives: ['2018-04-08'] }
 * ```
 */
export function dateDoubt(read: ReadValue, layout: DocumentLayout): DateDoubt {
  if (read.otherReading === undefined) return { certainty: 1 };
  const source = layout.dateOrderSource;
  return source === 'none'
    ? { certainty: CERTAINTY.none, alternatives: [read.otherReading] }
    : { certainty: CERTAINTY[source] };
}
