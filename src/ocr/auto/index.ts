/**
 * The `auto` OCR provider: each PDF page's text layer where it is usable, the best local engine for the rest.
 *
 * @module
 */
export { type AutoOcrSettings, createAutoOcr } from './auto-provider.js';
