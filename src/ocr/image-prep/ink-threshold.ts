/**
 * Telling ink from paper on a grayscale page: Otsu's threshold over the page's histogram, so a faint scan, a
 * coloured form or a photo's grey paper are split where their own gray levels part, not at a fixed level.
 *
 * @module
 */
import type { Grayscale } from './grayscale.js';

// A page whose gray levels are this close together has no ink to split from its paper (a blank page).
const MIN_CONTRAST = 48;
// Paper darker than this is no paper: a threshold above it would turn the page's ground into ink.
const MAX_THRESHOLD = 200;

/**
 * The gray level at or below which a pixel of `raster` is ink, or `undefined` when the page is blank (no two
 * gray levels far enough apart to be ink and paper).
 *
 * @example
 * ```ts
 * const threshold = inkThreshold(page); // e.g. 142 on a clean scan
 * ```
 */
export function inkThreshold(raster: Grayscale): number | undefined {
  const histogram = new Float64Array(256);
  const { pixels } = raster;
  for (let i = 0; i < pixels.length; i++) {
    const level = pixels[i] as number;
    histogram[level] = (histogram[level] as number) + 1;
  }
  let darkest = 0;
  while (darkest < 255 && histogram[darkest] === 0) darkest++;
  let lightest = 255;
  while (lightest > 0 && histogram[lightest] === 0) lightest--;
  if (lightest - darkest < MIN_CONTRAST) return undefined;
  return Math.min(MAX_THRESHOLD, otsu(histogram, pixels.length));
}

/** The level that best separates the histogram into two classes (the largest between-class variance). */
function otsu(histogram: Float64Array, total: number): number {
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * (histogram[level] as number);
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let level = 0; level < 256; level++) {
    below += histogram[level] as number;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += level * (histogram[level] as number);
    const meanBelow = sumBelow / below;
    const meanAbove = (sum - sumBelow) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = level;
    }
  }
  return best;
}
