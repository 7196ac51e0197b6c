/**
 * Reading a PDF page with a {@link TesseractPool}. The paging is shared with the other local engines
 * (`../paged-recognition.ts`); this names it for tesseract.
 *
 * @module
 */
import * as paged from '../paged-recognition.js';
import type { PdfPage } from '../pdf/index.js';
import type { TesseractPageResult, TesseractPool } from './tesseract-pool.js';

export type { RecognizePdfPageOptions } from '../paged-recognition.js';

/** How one page of an open PDF becomes a recognised page; {@link recognizePdfPage} renders and OCRs it. */
export type PdfPageReader = paged.PdfPageReader<TesseractPool>;

/**
 * Renders a page of an open PDF at `dpi` (lowered, with a warning, for pages too big to need it) and
 * recognises it on the pool.
 *
 * @throws {@link InputError} when the page cannot be rendered or would exceed `maxPixels`; `ProviderError` when
 * tesseract fails; `signal.reason` when the signal aborts.
 */
export function recognizePdfPage(
  pool: TesseractPool,
  page: PdfPage,
  options: paged.RecognizePdfPageOptions,
): Promise<TesseractPageResult> {
  return paged.recognizePdfPage(pool, page, options);
}
