/**
 * Textract's input limits, checked before a request is sent (and paid for), each failing with what to do.
 *
 * @module
 */
import type { LoadedDocument, MediaType } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';

/** The media types Textract reads. */
export type TextractMediaType = Extract<
  MediaType,
  'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff'
>;

const MB = 1024 * 1024;
/** Synchronous calls, and images on the async APIs. */
export const TEXTRACT_SYNC_MAX_BYTES = 10 * MB;
/** PDFs and TIFFs on the async APIs. */
export const TEXTRACT_ASYNC_MAX_BYTES = 500 * MB;
/** Pages of one async job. */
export const TEXTRACT_ASYNC_MAX_PAGES = 3000;
/** The longest side of an image, in pixels. */
export const TEXTRACT_MAX_IMAGE_SIDE = 10_000;
/** The longest side of a PDF page: 40 inches, in points. */
export const TEXTRACT_MAX_PDF_SIDE_POINTS = 2880;

const FORMATS: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];

/**
 * The document's bytes, when Textract reads its format.
 *
 * @throws {@link InputError} saying to convert the document when it is not a PNG, JPEG, TIFF or PDF.
 */
export function textractInput(document: LoadedDocument): { bytes: Uint8Array; mediaType: TextractMediaType } {
  if (!FORMATS.includes(document.mediaType) || document.bytes === undefined) {
    throw new InputError(
      `${document.name} is ${document.mediaType}, which Textract does not read; convert it to PNG, JPEG, TIFF or PDF, or use the tesseract or pdf-text provider.`,
    );
  }
  return { bytes: document.bytes, mediaType: document.mediaType as TextractMediaType };
}

/** @throws {@link InputError} when one synchronous request would carry more than 10 MB. */
export function assertSyncSize(bytes: Uint8Array, what: string): void {
  if (bytes.length <= TEXTRACT_SYNC_MAX_BYTES) return;
  throw new InputError(
    `${what} is ${megabytes(bytes.length)}, over Textract's 10 MB limit for one synchronous request; downscale or recompress it, or for a PDF set OCRConfig.s3 to use the asynchronous API (500 MB).`,
  );
}

/** @throws {@link InputError} when a document is too large or too long for one asynchronous job. */
export function assertAsyncLimits(bytes: Uint8Array, pageCount: number, name: string): void {
  if (bytes.length > TEXTRACT_ASYNC_MAX_BYTES) {
    throw new InputError(
      `${name} is ${megabytes(bytes.length)}, over Textract's 500 MB limit for asynchronous jobs; split it into smaller PDFs.`,
    );
  }
  if (pageCount > TEXTRACT_ASYNC_MAX_PAGES) {
    throw new InputError(
      `${name} has ${pageCount} pages, over Textract's ${TEXTRACT_ASYNC_MAX_PAGES}-page limit for one job; split it into smaller PDFs.`,
    );
  }
}

/** @throws {@link InputError} when an image has a side longer than Textract's 10,000 pixels. */
export function assertImageSize(size: { width: number; height: number } | undefined, name: string): void {
  if (size === undefined || Math.max(size.width, size.height) <= TEXTRACT_MAX_IMAGE_SIDE) return;
  throw new InputError(
    `${name} is ${size.width}×${size.height} pixels, over Textract's limit of ${TEXTRACT_MAX_IMAGE_SIDE} pixels a side; downscale it.`,
  );
}

/** @throws {@link InputError} when a PDF page has a side longer than Textract's 40 inches. */
export function assertPdfPageSize(
  size: { width: number; height: number },
  pageNumber: number,
  name: string,
): void {
  if (Math.max(size.width, size.height) <= TEXTRACT_MAX_PDF_SIDE_POINTS) return;
  const inches = (points: number) => (points / 72).toFixed(1);
  throw new InputError(
    `Page ${pageNumber} of ${name} is ${inches(size.width)}×${inches(size.height)} inches, over Textract's limit of 40 inches a side; scale the page down, or OCR it with tesseract.`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
