/**
 * Preparing page rasters for the local OCR engines, and mapping what they find back onto the page as given.
 *
 * @module
 */

export { levelledPage } from '../../document/levelled-page.js';
export {
  type DeskewedRaster,
  type DeskewOptions,
  deskew,
  type PixelRect,
  rotateRaster,
  turnedSize,
  unrotateBox,
} from './deskew.js';
export { type EstimateSkewOptions, estimateSkew, NEGLIGIBLE_SKEW } from './estimate-skew.js';
export { type Grayscale, loadSharp } from './grayscale.js';
export { inkThreshold } from './ink-threshold.js';
export { pageOnOriginal } from './page-on-original.js';
