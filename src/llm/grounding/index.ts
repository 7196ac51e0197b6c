/**
 * Grounding: matching each leaf value of extracted data to the OCR words it was read from.
 *
 * @module
 */
export { groundFields } from './ground.js';
