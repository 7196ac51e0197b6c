/**
 * Giving a page a local engine read its selection marks.
 *
 * @module
 */
import type { OcrPage } from '../../spec/document.js';
import type { Grayscale } from '../image-prep/grayscale.js';
import { ocrPage } from '../page-builder.js';
import { findSelectionMarks } from './find-selection-marks.js';
import { linesAroundMarks } from './lines-around-marks.js';

/**
 * `page` with the checkboxes and radio buttons of `raster` (the image its boxes were measured on) as its
 * `selectionMarks`, and its lines cleared of OCR's readings of them and split around them.
 *
 * @example
 * ```ts
 * const page = withSelectionMarks(tesseractPage(reading, 1), image);
 * ```
 */
export function withSelectionMarks(page: OcrPage, raster: Grayscale): OcrPage {
  const selectionMarks = findSelectionMarks(raster, { lines: page.lines });
  if (selectionMarks.length === 0) return page;
  return ocrPage({
    ...page,
    lines: linesAroundMarks(page.lines, selectionMarks, page.pageNumber),
    selectionMarks,
  });
}
