/**
 * Estimating how far a page's text lines are tilted, from the page's ink alone (before any OCR): the
 * projection-profile method. Sheared by the right angle, the ink of each text line falls into a few narrow
 * bands of rows, so the row counts are most uneven — their sum of squares is largest — at the page's skew.
 *
 * @module
 */
import type { Grayscale } from './grayscale.js';
import { inkThreshold } from './ink-threshold.js';

/**
 * Tilts smaller than this, in degrees, are taken for level: they move a line's ends by less than a pixel per
 * 300, which neither engines nor parsers notice.
 */
export const NEGLIGIBLE_SKEW = 0.2;

/** Options of {@link estimateSkew}. */
export interface EstimateSkewOptions {
  /** The largest tilt looked for, in degrees either way. @default 5 */
  readonly maxAngle?: number;
}

// Ink is sampled on a grid about this many points wide: a sixth of a 300-dpi page's pixels at most, which
// still puts several samples on every stroke of 9-point text.
const SAMPLE_WIDTH = 1000;
const COARSE_STEP = 0.25;
// The coarse search, over some 80 angles, needs only a sample of the ink to land within a step of the peak.
const COARSE_STRIDE = 4;
const FINE_STEP = 0.02;
// A tilt must make the profile this much sharper than level to count: a page without lines of text (a photo,
// a blank page, a page lying on its side) has no angle of its own, only noise.
const MIN_GAIN = 0.01;

/**
 * The clockwise tilt of the text on `raster` in degrees (negative: counter-clockwise), to about a fiftieth of
 * a degree; 0 when the page shows no tilt it can be sure of.
 *
 * @example
 * ```ts
 * estimateSkew(scan); // 1.48 for a page scanned turned 1.5° clockwise
 * ```
 */
export function estimateSkew(raster: Grayscale, options: EstimateSkewOptions = {}): number {
  const maxAngle = options.maxAngle ?? 5;
  const threshold = inkThreshold(raster);
  if (threshold === undefined) return 0;
  const ink = sampleInk(raster, threshold);
  if (ink.count === 0) return 0;
  const { xs, ys, count, step } = ink;
  const across = new ProfileScorer(xs, ys, count, step, raster.width, raster.height);
  // A page lying on its side has its lines running down the page: the same search with x and y swapped, a
  // mirror image, in which a clockwise tilt reads as a counter-clockwise one. Lines are told from columns by the
  // sharper profile, not by the larger gain: a level page gains nothing from any tilt across, while noise
  // always finds a little down.
  const down = new ProfileScorer(ys, xs, count, step, raster.height, raster.width);
  const coarseAcross = bestShear(across, -maxAngle, maxAngle, COARSE_STEP, COARSE_STRIDE);
  const coarseDown = bestShear(down, -maxAngle, maxAngle, COARSE_STEP, COARSE_STRIDE);
  const sideways = coarseDown.score > coarseAcross.score;
  const coarse = sideways ? coarseDown : coarseAcross;
  const fine = bestShear(
    sideways ? down : across,
    coarse.angle - COARSE_STEP,
    coarse.angle + COARSE_STEP,
    FINE_STEP,
    1,
  );
  if (fine.gain < MIN_GAIN) return 0;
  return Math.round((sideways ? -fine.angle : fine.angle) * 100) / 100;
}

/**
 * The shear angle from `from` to `to` degrees, by `step`, that sharpens a profile most, its score, and by how
 * much it beats no shear, scoring every `stride`-th ink sample.
 */
function bestShear(
  profile: ProfileScorer,
  from: number,
  to: number,
  step: number,
  stride: number,
): { angle: number; score: number; gain: number } {
  let angle = 0;
  const level = profile.score(0, stride);
  let bestScore = level;
  for (let candidate = from; candidate <= to + 1e-9; candidate += step) {
    const score = profile.score(candidate, stride);
    if (score > bestScore) {
      bestScore = score;
      angle = candidate;
    }
  }
  return { angle, score: bestScore, gain: bestScore / level - 1 };
}

/** Ink pixels of a sampling grid, as coordinates in the raster's pixels. */
interface InkSample {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly count: number;
  /** The grid's spacing in pixels. */
  readonly step: number;
}

function sampleInk(raster: Grayscale, threshold: number): InkSample {
  const { pixels, width, height } = raster;
  const step = Math.max(1, Math.round(width / SAMPLE_WIDTH));
  const capacity = Math.ceil(width / step) * Math.ceil(height / step);
  const xs = new Float64Array(capacity);
  const ys = new Float64Array(capacity);
  let count = 0;
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let x = 0; x < width; x += step) {
      if ((pixels[row + x] as number) > threshold) continue;
      xs[count] = x;
      ys[count] = y;
      count++;
    }
  }
  return { xs, ys, count, step };
}

/**
 * Scores shears of the ink across one axis: the sum of squared counts of the bins (one sampling step high)
 * that points fall into along the other.
 */
class ProfileScorer {
  readonly #along: Float64Array;
  readonly #across: Float64Array;
  readonly #count: number;
  readonly #bins: Float64Array;
  readonly #binSize: number;
  readonly #offset: number;

  /**
   * `along` runs the way the lines do (x on an upright page), `across` the way they follow each other; bins
   * are `step` (the sampling grid's spacing) high, so a level line of samples fills one bin.
   */
  constructor(
    along: Float64Array,
    across: Float64Array,
    count: number,
    step: number,
    length: number,
    breadth: number,
  ) {
    this.#along = along;
    this.#across = across;
    this.#count = count;
    this.#binSize = step;
    // A shear of up to 45° moves a point by at most the page's length.
    this.#offset = length;
    this.#bins = new Float64Array(Math.ceil((breadth + 2 * length) / this.#binSize) + 1);
  }

  score(angle: number, stride: number): number {
    const along = this.#along;
    const across = this.#across;
    const bins = this.#bins;
    bins.fill(0);
    const slope = Math.tan((angle * Math.PI) / 180);
    for (let i = 0; i < this.#count; i += stride) {
      // A point on a line tilted clockwise by `angle` sits lower the further right it is.
      const bin = Math.floor(
        ((across[i] as number) - (along[i] as number) * slope + this.#offset) / this.#binSize,
      );
      bins[bin] = (bins[bin] as number) + 1;
    }
    let sum = 0;
    for (let i = 0; i < bins.length; i++) sum += (bins[i] as number) ** 2;
    return sum;
  }
}
