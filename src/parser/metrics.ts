/**
 * Per-page measures the parsers scale their geometry by: how wide a character is and how tall a line is.
 *
 * @module
 */
import type { OcrLine } from '../spec/document.js';

/** Typical sizes of a page's text, as fractions of the page. */
export interface PageMetrics {
  /** The median width of one character, as a fraction of the page width. */
  readonly charWidth: number;
  /** The median height of a line, as a fraction of the page height. */
  readonly lineHeight: number;
}

// Used when a page has no measurable line: about 100 characters across and 60 lines down.
const FALLBACK_CHAR_WIDTH = 0.01;
const FALLBACK_LINE_HEIGHT = 0.015;
// The narrowest character width the grid is laid out in: a thousandth of the page. Narrower "characters" come
// from zero-size fonts or damaged boxes, and would stretch a row over millions of columns.
const MIN_CHAR_WIDTH = 0.001;
// Shorter lines ("2", "-") give noisy widths: digits and dashes are narrower than the average letter.
const MIN_MEASURED_CHARS = 3;

/** Measures a page from its text lines (whose text is already collapsed). */
export function measureLines(lines: readonly OcrLine[]): PageMetrics {
  return {
    charWidth: Math.max(MIN_CHAR_WIDTH, median(charWidths(lines)) ?? FALLBACK_CHAR_WIDTH),
    lineHeight: median(lineHeights(lines)) ?? FALLBACK_LINE_HEIGHT,
  };
}

/** Each line's width per character, of the lines long enough to measure (of all lines when none is). */
function charWidths(lines: readonly OcrLine[]): number[] {
  const long: number[] = [];
  const short: number[] = [];
  let anyLong = false;
  for (const line of lines) {
    const isLong = line.text.length >= MIN_MEASURED_CHARS;
    anyLong ||= isLong;
    const width = line.box.width / line.text.length;
    if (width > 0) (isLong ? long : short).push(width);
  }
  return anyLong ? long : short;
}

function lineHeights(lines: readonly OcrLine[]): number[] {
  const heights: number[] = [];
  for (const line of lines) if (line.box.height > 0) heights.push(line.box.height);
  return heights;
}

/** The median of some numbers, or `undefined` when there are none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  // Selected, not sorted: a sort calls its comparator back for every comparison, and a page asks for several
  // medians of a few dozen numbers.
  const copy = values.slice();
  const middle = copy.length >> 1;
  const upper = nthSmallest(copy, middle);
  if (copy.length % 2) return upper;
  // Selection left the `middle` smaller numbers before it: the largest of them is the lower middle.
  let lower = copy[0] as number;
  for (let i = 1; i < middle; i++) lower = Math.max(lower, copy[i] as number);
  return (lower + upper) / 2;
}

/** The `n`th smallest (0-based) of `values` by quickselect, which reorders `values` around it. */
function nthSmallest(values: number[], n: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (n <= j) high = j;
    else if (n >= i) low = i;
    else break;
  }
  return values[n] as number;
}
