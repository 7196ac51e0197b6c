/**
 * The `textract` OCR provider (Amazon Textract).
 *
 * @module
 */
export { TEXTRACT_PRICE_PER_PAGE } from './pricing.js';
export { createTextractProvider, type TextractProviderSettings } from './textract-provider.js';
