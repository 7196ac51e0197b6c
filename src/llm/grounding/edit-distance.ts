/**
 * The edit distance behind fuzzy matches, made to forgive OCR noise but not a different value.
 *
 * @module
 */
import { lookalikeDigit } from './normalize.js';

// Below this many characters one edit turns a value into another word (`PT` into `IT`), so short values must match.
const MIN_FUZZY_LENGTH = 4;
// The share of a long value's characters that OCR may get wrong.
const FUZZY_SHARE = 0.15;

/**
 * How many edits a fuzzy match of a comparison key this long may take: none below 4 characters, then one, then
 * 15% of the length.
 *
 * @example
 * ```ts
 * fuzzyBudget(3);  // 0
 * fuzzyBudget(8);  // 1
 * fuzzyBudget(20); // 3
 * ```
 */
export function fuzzyBudget(length: number): number {
  return length < MIN_FUZZY_LENGTH ? 0 : Math.max(1, Math.floor(length * FUZZY_SHARE));
}

/**
 * The edit distance from `value` to `text`, or `budget + 1` once it exceeds `budget`. An edit may not add, drop
 * or change a digit, since that makes another amount, date or id; reading a digit as its lookalike letter
 * (`1`/`l`, `0`/`o`, `5`/`s`, `8`/`b`, `2`/`z`) is one edit, the OCR slip it usually is.
 *
 * @example
 * ```ts
 * boundedEditDistance('enterprise', 'enterpnse', 1); // 2: over budget
 * boundedEditDistance('invoice', 'lnvoice', 1);      // 1
 * boundedEditDistance('inv1001', 'inv1002', 1);      // 2: a changed digit is never one edit
 * boundedEditDistance('inv1001', 'inv100l', 1);      // 1
 * ```
 */
export function boundedEditDistance(value: string, text: string, budget: number): number {
  const over = budget + 1;
  if (Math.abs(value.length - text.length) > budget) return over;
  // One row of the table at a time; cells farther than `budget` from the diagonal cannot come back under it.
  let previous = Array.from({ length: text.length + 1 }, (_, j) => prefixCost(text, j, over));
  for (let i = 1; i <= value.length; i++) {
    const current = new Array<number>(text.length + 1).fill(over);
    current[0] = Math.min(over, (previous[0] ?? over) + indelCost(value[i - 1] as string, over));
    let best = current[0];
    const from = Math.max(1, i - budget);
    const to = Math.min(text.length, i + budget);
    for (let j = from; j <= to; j++) {
      const a = value[i - 1] as string;
      const b = text[j - 1] as string;
      const cost = Math.min(
        (previous[j - 1] ?? over) + substitutionCost(a, b, over),
        (previous[j] ?? over) + indelCost(a, over),
        (current[j - 1] ?? over) + indelCost(b, over),
        over,
      );
      current[j] = cost;
      best = Math.min(best, cost);
    }
    if (best >= over) return over;
    previous = current;
  }
  return previous[text.length] ?? over;
}

function prefixCost(text: string, length: number, over: number): number {
  let cost = 0;
  for (let j = 0; j < length && cost < over; j++) cost += indelCost(text[j] as string, over);
  return Math.min(cost, over);
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

function indelCost(character: string, over: number): number {
  return isDigit(character) ? over : 1;
}

function substitutionCost(a: string, b: string, over: number): number {
  if (a === b) return 0;
  if (isDigit(a) && isDigit(b)) return over;
  if (isDigit(a)) return lookalikeDigit(b) === a ? 1 : over;
  if (isDigit(b)) return lookalikeDigit(a) === b ? 1 : over;
  return 1;
}
