/**
 * Opening a loaded PDF with pdf.js, and refusing the ones docpipe cannot or should not process.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS, limitSetting } from '../../document/limits.js';
import type { DocumentLimits, LoadedDocument } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';
import { abortable } from './abortable.js';
import { type PdfDocument, PdfjsDocument } from './pdf-document.js';
import { looksTruncated, unopenablePdfError } from './pdf-errors.js';
import { documentParameters, loadPdfjs } from './pdfjs.js';

/** Options of {@link openPdf}. */
export interface OpenPdfOptions {
  /** Cancels opening; the promise then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** `maxPages` is enforced here, on the page count pdf.js reads. @default DEFAULT_DOCUMENT_LIMITS */
  readonly limits?: DocumentLimits;
}

/**
 * Opens a loaded PDF; close the returned document when done.
 *
 * @example
 * ```ts
 * const pdf = await openPdf(await loadDocument('invoice.pdf'), { signal });
 * try { const page = await pdf.page(1); } finally { await pdf.close(); }
 * ```
 * @throws {@link InputError} when the document is not a PDF, is password-protected, truncated or damaged, has no
 * pages, or has more than `limits.maxPages`.
 * @throws `options.signal.reason` when the signal aborts.
 */
export async function openPdf(document: LoadedDocument, options: OpenPdfOptions = {}): Promise<PdfDocument> {
  const { signal } = options;
  signal?.throwIfAborted();
  const bytes = pdfBytes(document);
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument(documentParameters(bytes));
  const truncated = looksTruncated(bytes);
  const proxy = await abortable(task.promise, signal, () => void task.destroy()).catch((error: unknown) => {
    signal?.throwIfAborted();
    throw unopenablePdfError(error, document.name, truncated);
  });
  const pdf = new PdfjsDocument(proxy, document.name, truncated);
  try {
    assertPageCount(pdf.pageCount, document.name, options.limits ?? DEFAULT_DOCUMENT_LIMITS);
  } catch (error) {
    await pdf.close();
    throw error;
  }
  return pdf;
}

function pdfBytes(document: LoadedDocument): Uint8Array {
  if (document.mediaType === 'application/pdf' && document.bytes !== undefined) return document.bytes;
  throw new InputError(
    `${document.name} is not a PDF (its content is ${document.mediaType}); pass a PDF, or use a provider that reads ${document.mediaType}.`,
  );
}

function assertPageCount(pageCount: number, name: string, limits: DocumentLimits): void {
  if (pageCount === 0) {
    throw new InputError(
      `${name} has no pages; pass a PDF with at least one page (if it should have some, re-export it).`,
    );
  }
  if (pageCount > limits.maxPages) {
    throw new InputError(
      `${name} has ${pageCount} pages, over the limit of ${limits.maxPages}; raise ${limitSetting('maxPages')} to process it, or split the PDF.`,
    );
  }
}
