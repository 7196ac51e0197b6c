/**
 * Offline selection marks: checkboxes and radio buttons found on a page raster.
 *
 * @module
 */
export { type FindSelectionMarksOptions, findSelectionMarks } from './find-selection-marks.js';
export { withSelectionMarks } from './page-selection-marks.js';
