/**
 * The service's input limits, checked before anything is uploaded.
 *
 * @module
 */
import type { LoadedDocument, MediaType } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';

// Documented limits of the paid (S0) tier: https://learn.microsoft.com/azure/ai-services/document-intelligence/service-limits
const MAX_BYTES = 500 * 1024 * 1024;
const MAX_PAGES = 2000;

// HEIF is accepted by the service too, but docpipe does not sniff it, so it never reaches here.
const CONTENT_TYPES: Partial<Record<MediaType, string>> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/bmp': 'image/bmp',
  'image/tiff': 'image/tiff',
};

/**
 * The bytes and content type to send for `document`, after checking it fits the service.
 *
 * @throws {InputError} when the document is not a PDF or a supported image, or is over 500 MB or 2000 pages
 */
export function checkAzureInput(
  document: LoadedDocument,
  pages: readonly number[] | undefined,
): { readonly bytes: Uint8Array; readonly contentType: string } {
  const contentType = CONTENT_TYPES[document.mediaType];
  if (!contentType || !document.bytes) {
    throw new InputError(
      `Azure Document Intelligence cannot read ${document.name} (${document.mediaType}); convert it to PDF, JPEG, PNG, BMP, TIFF or HEIF first.`,
    );
  }
  if (document.bytes.byteLength > MAX_BYTES) {
    throw new InputError(
      `${document.name} is ${Math.ceil(document.bytes.byteLength / 1024 / 1024)} MB, over Azure Document Intelligence's 500 MB limit; split it or compress its images.`,
    );
  }
  const pageCount = pages?.length ?? document.pageCount ?? 0;
  if (pageCount > MAX_PAGES) {
    throw new InputError(
      `${document.name} has ${pageCount} pages to analyze, over Azure Document Intelligence's ${MAX_PAGES}-page limit; pass at most ${MAX_PAGES} with OCRConfig.pages, or split the PDF.`,
    );
  }
  return { bytes: document.bytes, contentType };
}
