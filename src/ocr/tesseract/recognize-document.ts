/**
 * Recognising a whole document with a {@link TesseractPool}: an image as one page, a PDF page by page. The paging
 * is shared with the other local engines (`../paged-recognition.ts`); this names it for tesseract.
 *
 * @module
 */
import type { LoadedDocument } from '../../spec/document.js';
import * as paged from '../paged-recognition.js';
import type { PdfPage } from '../pdf/index.js';
import type { TesseractPageResult, TesseractPool } from './tesseract-pool.js';

export type { RecognizeDocumentOptions, RecognizePdfPageOptions } from '../paged-recognition.js';

/** The recognised pages of a document, and the warnings of choosing them (`pages-out-of-range`). */
export type RecognizedDocument = paged.RecognizedDocument<TesseractPageResult>;

/** How one page of an open PDF becomes a recognised page; {@link recognizePdfPage} renders and OCRs it. */
export type PdfPageReader = paged.PdfPageReader<TesseractPool>;

/**
 * The recognised pages of `document`, in page order; each PDF page is read by `readPdfPage`.
 *
 * @throws {@link InputError} for text, unreadable or oversized documents; `ProviderError` when tesseract fails;
 * `signal.reason` when the signal aborts. Requested pages the document lacks are skipped with a warning.
 */
export function recognizeDocument(
  pool: TesseractPool,
  document: LoadedDocument,
  options: paged.RecognizeDocumentOptions,
  readPdfPage?: PdfPageReader,
): Promise<RecognizedDocument> {
  return paged.recognizeDocument(pool, document, { engineName: 'tesseract', ...options }, readPdfPage);
}

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
