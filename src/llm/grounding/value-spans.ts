/**
 * The numbers and dates a document's words spell, indexed by value, so that `56651.49` finds
 * `$56,651.49` and `2017-06-18` finds `June 18, 2017`.
 *
 * @module
 */
import { appendTo } from './append-to.js';
import { type DateOrder, isMonthName, parseDate } from './dates.js';
import { foldDigitLookalikes } from './normalize.js';
import { numberKey, parseNumberReadings } from './numbers.js';
import type { IndexedLine, IndexedWord, Span } from './word-index.js';

/** Spans of words by the value they spell. */
export interface ValueSpans {
  /** By {@link numberKey} of each number a span reads as. */
  readonly numbers: ReadonlyMap<string, readonly Span[]>;
  /** By ISO date. */
  readonly dates: ReadonlyMap<string, readonly Span[]>;
  /** Like {@link numbers}, for spans that read as a number only once digit lookalikes are folded (`5O.00`). */
  readonly lookalikeNumbers: ReadonlyMap<string, readonly Span[]>;
  /** Like {@link dates}, for spans that read as a date only once digit lookalikes are folded (`6/I8/2017`). */
  readonly lookalikeDates: ReadonlyMap<string, readonly Span[]>;
}

// The longest date in words: `Sunday, June 18, 2017`.
const MAX_DATE_WORDS = 4;

/**
 * Indexes the numbers and dates spelt by spans of words within a line. A number may take a word without digits
 * on either side (`$ 12.00`, `12.00 USD`, `( 12.00 )`), never a second word with digits: `2` beside `100.00` in
 * a table is a quantity and a price, not 2100.
 *
 * @example
 * ```ts
 * indexValueSpans(words, lines, 'month-first').dates.get('2017-06-18'); // the spans reading 6/18/2017
 * ```
 */
export function indexValueSpans(
  words: readonly IndexedWord[],
  lines: readonly IndexedLine[],
  dateOrder: DateOrder,
): ValueSpans {
  const numbers = new Map<string, Span[]>();
  const dates = new Map<string, Span[]>();
  const lookalikeNumbers = new Map<string, Span[]>();
  const lookalikeDates = new Map<string, Span[]>();
  const hasDigit = words.map((word) => /\d/.test(word.text));
  const texts = readings(words);
  for (const line of lines) {
    for (let id = line.first; id < line.end; id++) {
      if (!hasDigit[id]) continue;
      for (const span of numberSpans(id, line, hasDigit)) {
        const { text, folded } = texts(span);
        for (const value of parseNumberReadings(text)) appendTo(numbers, numberKey(value), span);
        if (folded === undefined) continue;
        for (const value of parseNumberReadings(folded)) appendTo(lookalikeNumbers, numberKey(value), span);
      }
    }
    for (const span of dateSpans(words, line, hasDigit)) {
      const { text, folded } = texts(span);
      const date = parseDate(text, dateOrder);
      if (date !== undefined) appendTo(dates, date, span);
      const lookalike = folded === undefined ? undefined : parseDate(folded, dateOrder);
      if (lookalike !== undefined) appendTo(lookalikeDates, lookalike, span);
    }
  }
  return { numbers, dates, lookalikeNumbers, lookalikeDates };
}

// The word with digits alone, and with the digit-less word on either side of it in its line (a currency, a sign).
function numberSpans(id: number, line: IndexedLine, hasDigit: readonly boolean[]): Span[] {
  const before = id > line.first && !hasDigit[id - 1];
  const after = id + 1 < line.end && !hasDigit[id + 1];
  const spans: Span[] = [[id]];
  if (before) spans.push([id - 1, id]);
  if (after) spans.push([id, id + 1]);
  if (before && after) spans.push([id - 1, id, id + 1]);
  return spans;
}

// Spans that may write a date: a word with digits (`6/18/2017`), or a few words with digits and a month's name
// among them (`June 18, 2017`); the month rules out most runs of words before they are parsed.
function dateSpans(words: readonly IndexedWord[], line: IndexedLine, hasDigit: readonly boolean[]): Span[] {
  const spans: Span[] = [];
  for (let start = line.first; start < line.end; start++) {
    if (hasDigit[start]) spans.push([start]);
    let digit = hasDigit[start] === true;
    let month = isMonthName(words[start]?.text ?? '');
    for (let end = start + 1; end < Math.min(line.end, start + MAX_DATE_WORDS); end++) {
      digit ||= hasDigit[end] === true;
      month ||= isMonthName(words[end]?.text ?? '');
      if (digit && month) spans.push(Array.from({ length: end - start + 1 }, (_, i) => start + i));
    }
  }
  return spans;
}

// A span's text, and its text with digit lookalikes folded when that differs; each word is folded once.
function readings(words: readonly IndexedWord[]): (span: Span) => { text: string; folded?: string } {
  const folded = words.map((word) => foldDigitLookalikes(word.text));
  return (span) => {
    const text = span.map((id) => words[id]?.text).join(' ');
    const foldedText = span.map((id) => folded[id]).join(' ');
    return foldedText === text ? { text } : { text, folded: foldedText };
  };
}
