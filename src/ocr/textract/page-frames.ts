/**
 * Page sizes for Textract pages, which come back with fractions only: pixels for images, points for PDFs.
 *
 * @module
 */
import { readImageSize } from '../../document/image-size.js';
import type { LoadedDocument } from '../../spec/document.js';
import { malformedTextractResponse } from './map-textract-error.js';
import type { TextractPageFrame } from './map-textract-response.js';
import type { SplittablePdf } from './pdf-pages.js';

/**
 * The frame of page `pageNumber` of an image: its pixel size. An image whose size cannot be read gets a 1×1
 * frame, so boxes, which are fractions, stay right while sizes in pixels mean nothing.
 */
export function imageFrame(
  document: LoadedDocument,
  bytes: Uint8Array,
  pageNumber: number,
): TextractPageFrame {
  const size = document.imageSize ?? readImageSize(bytes, document.mediaType) ?? { width: 1, height: 1 };
  return { pageNumber, width: size.width, height: size.height, unit: 'pixel' };
}

/**
 * The frame of page `pageNumber` of a PDF: its displayed size in points.
 *
 * @throws {@link ProviderError} when the PDF has no such page: Textract answered for a page it was never sent.
 */
export function pdfFrame(pdf: SplittablePdf, pageNumber: number): TextractPageFrame {
  if (pageNumber > pdf.pageCount) {
    throw malformedTextractResponse(`it has text on page ${pageNumber} of a ${pdf.pageCount}-page PDF`);
  }
  return { pageNumber, ...pdf.size(pageNumber), unit: 'point' };
}
