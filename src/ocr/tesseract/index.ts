/**
 * The `tesseract` OCR provider and the worker pool behind it.
 *
 * @module
 */

export { type PdfPageReader, type RecognizePdfPageOptions, recognizePdfPage } from './recognize-document.js';
export {
  type TesseractPageResult,
  TesseractPool,
  type TesseractPoolOptions,
} from './tesseract-pool.js';
export { createTesseractOcr, type TesseractOcrSettings } from './tesseract-provider.js';
