/**
 * Per-page measures the parsers scale their geometry by: how wide a character is and how tall a line is.
 *
 * @module
 */
import type { OcrLine } from '../document/model.js';

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
// Shorter lines ("2", "-") give noisy widths: digits and dashes are narrower than the average letter.
const MIN_MEASURED_CHARS = 3;

/** Measures a page from its text lines (whose text is already collapsed). */
export function measureLines(lines: readonly OcrLine[]): PageMetrics {
  const long = lines.filter((line) => line.text.length >= MIN_MEASURED_CHARS);
  const sample = long.length > 0 ? long : lines;
  return {
    charWidth:
      median(sample.map((line) => line.box.width / line.text.length).filter((width) => width > 0)) ??
      FALLBACK_CHAR_WIDTH,
    lineHeight:
      median(lines.map((line) => line.box.height).filter((height) => height > 0)) ?? FALLBACK_LINE_HEIGHT,
  };
}

/** The median of some numbers, or `undefined` when there are none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
