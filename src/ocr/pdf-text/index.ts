/**
 * The `pdf-text` OCR provider, and the text-layer reader the `auto` provider shares.
 *
 * @module
 */
export { extractTextLayer, type TextLayer } from './extract-text-layer.js';
export { createPdfTextOcr, type PdfTextOcrSettings } from './pdf-text-provider.js';
export type { UnusableReason } from './text-usability.js';
