/**
 * One PDF page's text layer mapped into an `OcrPage`, with a verdict on whether it is usable.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { OcrPage } from '../../spec/document.js';
import { withinPageBudget } from '../page-budget.js';
import { ocrPage } from '../page-builder.js';
import { readPageText } from '../pdf/page-text.js';
import type { PdfPage } from '../pdf/pdf-document.js';
import { placeRuns } from './placed-runs.js';
import { groupIntoLines } from './text-lines.js';
import { type UnusableReason, unusableReason } from './text-usability.js';

/** Options of {@link extractTextLayer}. */
export interface ExtractTextLayerOptions {
  /** The most milliseconds reading the layer may take (`limits.maxPageMs`). @default 60_000 */
  readonly maxMs?: number;
  /** Abandons the reading; the promise then rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
}

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
 * @throws `InputError` when pdf.js cannot read the page's content, or reading it takes longer than `maxMs`;
 * `signal.reason` when the signal aborts.
 */
export async function extractTextLayer(
  page: PdfPage,
  options: ExtractTextLayerOptions = {},
): Promise<TextLayer> {
  const text = await withinPageBudget(() => readPageText(page), {
    work: 'Reading the text layer',
    pageNumber: page.pageNumber,
    maxMs: options.maxMs ?? DEFAULT_DOCUMENT_LIMITS.maxPageMs,
    signal: options.signal,
  });
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
