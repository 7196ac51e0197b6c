/**
 * Reading the text found for a field as the value its schema asks for: numbers with currency marks and
 * grouping, integers, dates into ISO, booleans, enum choices by closest match, and strings as written.
 *
 * @module
 */
import { type DateOrder, otherDateReading, parseDate } from '../grounding/dates.js';
import { boundedEditDistance, fuzzyBudget } from '../grounding/edit-distance.js';
import { labelSimilarity, labelWords } from '../grounding/labels.js';
import { comparisonKey, foldDigitLookalikes, textWords } from '../grounding/normalize.js';
import { parseNumberReadings } from '../grounding/numbers.js';
import { fieldRole, isAmountRole } from './field-roles.js';
import type { Choice, ScalarField } from './schema-fields.js';

/** A value read from text, and how sure the reading is, 0..1 (1: the text is the value and nothing else). */
export interface ReadValue {
  readonly value: Choice;
  readonly certainty: number;
  /** The value the text gives when read the other way: a numeric date whose order it does not prove. */
  readonly otherReading?: Choice;
}

// The words that answer a yes-or-no question, and checkbox states, by the boolean they mean.
const TRUE_WORDS = new Set(['yes', 'y', 'true', 'x', 'checked', 'selected', 'ticked']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'unchecked', 'unselected', 'unticked']);

// How much less sure a value is when it had to be picked out of longer text, or had OCR's lookalike letters
// read as digits (`6/I8/2017`).
const PART_OF_TEXT = 0.85;
const LOOKALIKES_READ = 0.7;
const BOOLEAN_WORD = 0.9;
// The most words a date is written in: `Sunday, June 18th, 2017`.
const MAX_DATE_WORDS = 4;
// Separators between a label and its value that are not part of the value: `Total - 12.00`, `Date | 6/18`; a
// hyphen against the value is its minus sign.
const LEADING_SEPARATORS = /^(?:[\s:;|–—]|-(?=\s))+/u;
// A time of day after a date, for `date-time` fields: `10:30`, `10:30:15 pm`.
const TIME = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?m\.?/iu;
const TIME_24H = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b/u;

/**
 * `text` read as `field`'s value, or `undefined` when it cannot be one: not a number for a number field, an
 * integer field's number with a fraction, no date for a date field, no close choice for an enum, or a value
 * that breaks the field's constraints (`format`, `pattern`, lengths, bounds; for a string, its one word that
 * meets them is taken). A number or date is looked for in the whole text, then in its
 * words, then with OCR's lookalike letters read as digits, each less sure. Dates become ISO `YYYY-MM-DD`;
 * `date-time` fields get the time written after the date, or midnight, in UTC (`Z`), since documents rarely
 * say a time zone.
 *
 * @example
 * ```ts
 * readValue(totalField, 'Total due: $56,651.49', 'month-first'); // { value: 56651.49, certainty: 0.85 }
 * readValue(dateField, '6/18/2017', 'month-first');              // { value: '2017-06-18', certainty: 1 }
 * readValue(statusField, 'PAlD', 'month-first');                 // { value: 'paid', certainty: 0.7 } when choices are ['paid', 'open']
 * ```
 */
export function readValue(field: ScalarField, text: string, dateOrder: DateOrder): ReadValue | undefined {
  const trimmed = text.replace(LEADING_SEPARATORS, '').trim();
  if (trimmed === '') return undefined;
  switch (field.type) {
    case 'number':
    case 'integer': {
      // An amount of money is never a rate: `Tax (10%)` gives the tax's rate, not its amount.
      const percentages = !isAmountRole(fieldRole(field));
      return accepted(field, readNumber(trimmed, field.type === 'integer', percentages));
    }
    case 'boolean': {
      const key = comparisonKey(trimmed);
      if (TRUE_WORDS.has(key)) return { value: true, certainty: BOOLEAN_WORD };
      if (FALSE_WORDS.has(key)) return { value: false, certainty: BOOLEAN_WORD };
      return undefined;
    }
    case 'date':
    case 'date-time': {
      const date = readDate(trimmed, dateOrder);
      if (date === undefined) return undefined;
      const withTime = (day: string) => (field.type === 'date' ? day : `${day}T${timeOfDay(trimmed)}Z`);
      return accepted(field, {
        value: withTime(date.value),
        certainty: date.certainty,
        ...(date.other === undefined ? {} : { otherReading: withTime(date.other) }),
      });
    }
    case 'string':
      return field.choices === undefined
        ? readString(field, trimmed)
        : accepted(field, closestChoice(trimmed, field.choices));
  }
}

/**
 * The value a checkbox's state gives `field`: the state itself for a boolean, or for an enum the choice that
 * names it (`selected`/`unselected`, `yes`/`no`, `checked`/`unchecked`); `undefined` when the field is neither.
 *
 * @example
 * ```ts
 * checkboxValue(booleanField, true);                                   // true
 * checkboxValue({ ...field, choices: ['selected', 'unselected'] }, false); // 'unselected'
 * ```
 */
export function checkboxValue(field: ScalarField, selected: boolean): Choice | undefined {
  if (field.type === 'boolean') return selected;
  const words = selected ? TRUE_WORDS : FALSE_WORDS;
  return field.choices?.find((choice) => typeof choice === 'string' && words.has(comparisonKey(choice)));
}

/**
 * Whether a field is answered by a checkbox: a boolean, or an enum with a choice for each state.
 *
 * @example
 * ```ts
 * isCheckboxField({ ...field, type: 'boolean' }); // true
 * ```
 */
export function isCheckboxField(field: ScalarField): boolean {
  return checkboxValue(field, true) !== undefined && checkboxValue(field, false) !== undefined;
}

/**
 * Whether a word names a yes-or-no answer, and which: `'yes'`, `'no'` or `undefined`.
 *
 * @example
 * ```ts
 * answerWord('Yes'); // 'yes'
 * answerWord('N');   // 'no'
 * ```
 */
export function answerWord(text: string): 'yes' | 'no' | undefined {
  const key = comparisonKey(text);
  if (key === 'yes' || key === 'y') return 'yes';
  if (key === 'no' || key === 'n') return 'no';
  return undefined;
}

function readNumber(text: string, integer: boolean, percentages: boolean): ReadValue | undefined {
  const usable = (value: number | undefined) =>
    value !== undefined && Number.isFinite(value) && (!integer || Number.isInteger(value));
  const reading = (part: string) =>
    percentages || !part.includes('%') ? parseNumberReadings(part)[0] : undefined;
  const whole = reading(text);
  if (usable(whole)) return { value: whole as number, certainty: 1 };
  const words = textWords(text);
  for (const [read, certainty] of [
    [(word: string) => word, PART_OF_TEXT],
    [foldDigitLookalikes, LOOKALIKES_READ],
  ] as const) {
    for (const word of words) {
      const value = reading(read(word));
      if (usable(value)) return { value: value as number, certainty };
    }
  }
  return undefined;
}

interface DateRead {
  readonly value: string;
  readonly certainty: number;
  readonly other?: string;
}

function readDate(text: string, order: DateOrder): DateRead | undefined {
  const read = (written: string, value: string, certainty: number): DateRead => {
    const other = otherDateReading(written, order);
    return { value, certainty, ...(other === undefined ? {} : { other }) };
  };
  const whole = parseDate(text, order);
  if (whole !== undefined) return read(text, whole, 1);
  const words = textWords(text);
  for (const [reading, certainty] of [
    [(word: string) => word, PART_OF_TEXT],
    [foldDigitLookalikes, LOOKALIKES_READ],
  ] as const) {
    for (let length = Math.min(MAX_DATE_WORDS, words.length); length >= 1; length--) {
      for (let start = 0; start + length <= words.length; start++) {
        const written = words
          .slice(start, start + length)
          .map(reading)
          .join(' ');
        const date = parseDate(written, order);
        if (date !== undefined) return read(written, date, certainty);
      }
    }
  }
  return undefined;
}

// `HH:MM:SS` of the first time written in the text, midnight when there is none.
function timeOfDay(text: string): string {
  const twelve = TIME.exec(text);
  const match = twelve ?? TIME_24H.exec(text);
  if (match === null) return '00:00:00';
  let hours = Number(match[1]);
  if (twelve !== null) hours = (hours % 12) + (match[4]?.toLowerCase() === 'p' ? 12 : 0);
  const pad = (value: number | string) => String(value).padStart(2, '0');
  if (hours > 23 || Number(match[2]) > 59) return '00:00:00';
  return `${pad(hours)}:${pad(match[2] ?? 0)}:${pad(match[3] ?? 0)}`;
}

function readString(field: ScalarField, text: string): ReadValue | undefined {
  if (field.accepts(text)) return { value: text, certainty: 1 };
  // A pattern or format may ask for one word of the text: `^[A-Z]{2}\d+$` in `No. AB1234`, an email address.
  const word = textWords(text).find((candidate) => field.accepts(candidate));
  return word === undefined ? undefined : { value: word, certainty: PART_OF_TEXT };
}

function accepted(field: ScalarField, read: ReadValue | undefined): ReadValue | undefined {
  return read !== undefined && field.accepts(read.value) ? read : undefined;
}

/**
 * The enum choice closest to `text`: the same text once case, spacing and punctuation are set aside (1), a
 * choice written among other words (0.9), one within OCR's edit budget (0.8 less 0.1 an edit), or one sharing
 * most of its words (0.6 × their similarity); `undefined` when none is close.
 */
function closestChoice(text: string, choices: readonly Choice[]): ReadValue | undefined {
  const key = comparisonKey(text);
  const words = textWords(text).map(comparisonKey);
  let best: ReadValue | undefined;
  for (const choice of choices) {
    const choiceKey = comparisonKey(String(choice));
    if (choiceKey === '') continue;
    const certainty = Math.max(
      choiceKey === key ? 1 : 0,
      containsPhrase(words, choiceKey) ? 0.9 : 0,
      fuzzyCertainty(choiceKey, key),
      0.6 * labelSimilarity(labelWords(String(choice)), labelWords(text)),
    );
    if (certainty >= 0.5 && (best === undefined || certainty > best.certainty))
      best = { value: choice, certainty };
  }
  return best;
}

/**
 * The choices written in `text` as words of their own, in the order of `choices`: `Paid` in `Status Paid`.
 *
 * @example
 * ```ts
 * choicesWritten('Status: PAID in full', ['open', 'paid']); // ['paid']
 * ```
 */
export function choicesWritten(text: string, choices: readonly Choice[]): Choice[] {
  const words = textWords(text).map(comparisonKey);
  return choices.filter((choice) => {
    const key = comparisonKey(String(choice));
    return key !== '' && containsPhrase(words, key);
  });
}

// Whether consecutive words of the text spell the key.
function containsPhrase(words: readonly string[], key: string): boolean {
  for (let start = 0; start < words.length; start++) {
    let spelt = '';
    for (let end = start; end < words.length && spelt.length < key.length; end++) spelt += words[end];
    if (spelt === key) return true;
  }
  return false;
}

function fuzzyCertainty(choiceKey: string, key: string): number {
  const budget = fuzzyBudget(choiceKey.length);
  if (budget === 0) return 0;
  const edits = boundedEditDistance(choiceKey, key, budget);
  return edits <= budget ? 0.8 - 0.1 * edits : 0;
}
