/**
 * Helpers every OCR adapter uses to build provider-neutral pages: stable ids, boxes kept inside
 * the page, and the empty collections a provider does not fill.
 *
 * @module
 */
import { clampBox } from '../document/boxes.js';
import type { BoundingBox, OcrLine, OcrPage, OcrTableCell } from '../spec/document.js';

// Where every adapter already finds it.
export { clampBox };

/**
 * A table's cells with one cell per spot of its grid: a malformed response may list a cell twice or give two
 * cells one spot, and the first there keeps it, so cell ids stay unique. Cells it put nowhere (`undefined`)
 * are left out.
 */
export function firstCellPerSpot(cells: Iterable<OcrTableCell | undefined>): OcrTableCell[] {
  const placed = new Map<string, OcrTableCell>();
  for (const cell of cells) if (cell && !placed.has(cell.id)) placed.set(cell.id, cell);
  return [...placed.values()];
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
