/**
 * Recognising a whole document with a {@link TesseractPool}: an image as one page, a PDF page by page.
 *
 * @module
 */
import type { DocumentLimits } from '../../document/limits.js';
import type { LoadedDocument } from '../../document/model.js';
import { InputError } from '../../errors.js';
import { openPdf, type PdfDocument, renderPdfPage, selectPages } from '../pdf/index.js';
import type { TesseractPageResult, TesseractPool } from './tesseract-pool.js';

/** Options of {@link recognizeDocument}. */
export interface RecognizeDocumentOptions {
  /** 1-based pages to recognise; all when undefined. */
  readonly pages: readonly number[] | undefined;
  /** Resolution PDF pages are rendered at. */
  readonly dpi: number;
  readonly limits: DocumentLimits;
  readonly signal?: AbortSignal | undefined;
  /** Called after each page is recognised, with the pages done and the pages in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The recognised pages of `document`, in page order.
 *
 * @throws {@link InputError} for text, unreadable or oversized documents and pages that do not exist;
 * `ProviderError` when tesseract fails; `signal.reason` when the signal aborts.
 */
export async function recognizeDocument(
  pool: TesseractPool,
  document: LoadedDocument,
  options: RecognizeDocumentOptions,
): Promise<TesseractPageResult[]> {
  if (document.mediaType === 'application/pdf') return recognizePdf(pool, document, options);
  if (document.mediaType === 'text/plain') {
    throw new InputError(
      `${document.name} is text, but tesseract reads images and PDFs; text needs no OCR: use stages [Stage.LLM_EXTRACTION].`,
    );
  }
  if (document.bytes === undefined) {
    throw new InputError(`${document.name} has no bytes to read; load it with loadDocument().`);
  }
  const [pageNumber = 1] = selectPages(1, options.pages);
  const { signal, limits } = options;
  const result = await pool.recognize(document.bytes, { pageNumber, signal, maxPixels: limits.maxPixels });
  options.onProgress?.(1, 1);
  return [result];
}

async function recognizePdf(
  pool: TesseractPool,
  document: LoadedDocument,
  options: RecognizeDocumentOptions,
): Promise<TesseractPageResult[]> {
  const pdf = await openPdf(document, { signal: options.signal, limits: options.limits });
  try {
    return await recognizePdfPages(pool, pdf, selectPages(pdf.pageCount, options.pages), options);
  } finally {
    await pdf.close();
  }
}

/**
 * Renders and recognises the pages concurrently. One lane more than the pool has workers keeps a rendered page
 * waiting for the next free worker, while at most that many rendered pages are held in memory.
 */
async function recognizePdfPages(
  pool: TesseractPool,
  pdf: PdfDocument,
  pageNumbers: readonly number[],
  options: RecognizeDocumentOptions,
): Promise<TesseractPageResult[]> {
  // The first failure stops the other pages rather than leaving them to run unobserved.
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const results: TesseractPageResult[] = [];
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < pageNumbers.length; index = next++) {
      results[index] = await recognizePdfPage(pool, pdf, pageNumbers[index] as number, {
        ...options,
        signal,
      });
      options.onProgress?.(++done, pageNumbers.length);
    }
  };
  const lanes = Array.from({ length: Math.min(pool.size + 1, pageNumbers.length) }, () =>
    lane().catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  // Waits for every lane, so no page still renders from the PDF the caller is about to close.
  const failure = (await Promise.allSettled(lanes)).find((lane) => lane.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return results;
}

async function recognizePdfPage(
  pool: TesseractPool,
  pdf: PdfDocument,
  pageNumber: number,
  options: RecognizeDocumentOptions,
): Promise<TesseractPageResult> {
  const { signal, limits } = options;
  const page = await pdf.page(pageNumber);
  const { png } = await renderPdfPage(page, { dpi: options.dpi, maxPixels: limits.maxPixels, signal });
  return pool.recognize(png, { pageNumber, signal, maxPixels: limits.maxPixels });
}
