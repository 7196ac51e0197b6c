/**
 * The `textract` OCR provider (Amazon Textract).
 *
 * @module
 */
export { TEXTRACT_PRICE_PER_PAGE } from './pricing.js';
export { createTextractOcr } from './textract-provider.js';
export type { TextractOcrSettings } from './textract-settings.js';
