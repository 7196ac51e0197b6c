/**
 * Helpers every OCR adapter uses to build provider-neutral pages: stable ids, boxes kept inside
 * the page, and the empty collections a provider does not fill.
 *
 * @module
 */
import type { BoundingBox, OcrLine, OcrPage } from '../document/model.js';

/** The stable id of line `index` (0-based) on page `pageNumber`: `p1-l12`. */
export function lineId(pageNumber: number, index: number): string {
  return `p${pageNumber}-l${index}`;
}

/** The stable id of a table cell: `p1-t0-r2-c3`. */
export function cellId(pageNumber: number, table: number, row: number, column: number): string {
  return `p${pageNumber}-t${table}-r${row}-c${column}`;
}

/** A box clipped to the page, so rounding or a skewed scan never yields fractions outside [0, 1]. */
export function clampBox(box: BoundingBox): BoundingBox {
  const left = clamp(box.left);
  const top = clamp(box.top);
  return { left, top, width: clamp(box.left + box.width) - left, height: clamp(box.top + box.height) - top };
}

/** The smallest box holding all `boxes`. */
export function unionBox(boxes: readonly BoundingBox[]): BoundingBox {
  let left = 1;
  let top = 1;
  let right = 0;
  let bottom = 0;
  for (const box of boxes) {
    left = Math.min(left, box.left);
    top = Math.min(top, box.top);
    right = Math.max(right, box.left + box.width);
    bottom = Math.max(bottom, box.top + box.height);
  }
  return right < left
    ? { left: 0, top: 0, width: 0, height: 0 }
    : { left, top, width: right - left, height: bottom - top };
}

/** The page fields an adapter knows; the rest default to empty. */
export type OcrPageFields = Pick<OcrPage, 'pageNumber' | 'width' | 'height' | 'unit' | 'angle' | 'lines'> &
  Partial<Pick<OcrPage, 'tables' | 'keyValues' | 'selectionMarks' | 'layout'>>;

/** A complete page; `words` is counted from the lines' words (or their text when they have none). */
export function ocrPage(fields: OcrPageFields): OcrPage {
  return {
    tables: [],
    keyValues: [],
    selectionMarks: [],
    layout: [],
    ...fields,
    words: countWords(fields.lines),
  };
}

function countWords(lines: readonly OcrLine[]): number {
  let words = 0;
  for (const line of lines) words += line.words?.length ?? line.text.split(/\s+/).filter(Boolean).length;
  return words;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
