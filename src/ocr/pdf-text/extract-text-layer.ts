/**
 * One PDF page's text layer mapped into an `OcrPage`, with a verdict on whether it is usable.
 *
 * @module
 */
import type { OcrPage } from '../../document/model.js';
import { ocrPage } from '../page-builder.js';
import { readPageText } from '../pdf/page-text.js';
import type { PdfPage } from '../pdf/pdf-document.js';
import { placeRuns } from './placed-runs.js';
import { groupIntoLines } from './text-lines.js';
import { type UnusableReason, unusableReason } from './text-usability.js';

/** The text layer of a page, and whether it can stand in for OCR. */
export interface TextLayer {
  /** The page's words and lines; no lines when the layer is not usable. */
  readonly page: OcrPage;
  readonly usable: boolean;
  /** Why the layer is not usable: no text at all, or mostly glyphs without Unicode (a font lacking ToUnicode). */
  readonly reason?: UnusableReason;
}

/**
 * Maps the text layer of one page into an `OcrPage` (boxes as fractions of the upright page, confidence 1),
 * and says whether it is usable; the `auto` provider OCRs the page when it is not.
 *
 * @example
 * ```ts
 * const { page, usable } = await extractTextLayer(await pdf.page(1));
 * ```
 * @throws `InputError` when pdf.js cannot read the page's content.
 */
export async function extractTextLayer(page: PdfPage): Promise<TextLayer> {
  const text = await readPageText(page);
  const runs = placeRuns(text);
  const frame = {
    pageNumber: page.pageNumber,
    width: text.width,
    height: text.height,
    unit: 'point',
  } as const;
  const reason = unusableReason(runs);
  if (reason !== undefined)
    return { page: ocrPage({ ...frame, angle: 0, lines: [] }), usable: false, reason };
  const { lines, direction } = groupIntoLines(runs, frame);
  return { page: ocrPage({ ...frame, angle: direction * 90, lines }), usable: true };
}
