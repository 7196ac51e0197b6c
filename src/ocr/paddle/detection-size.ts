/**
 * The working resolution of text detection: how much a page is scaled before the detector sees it.
 *
 * @module
 */

/** Options of {@link detectionSize}. */
export interface DetectionSizeLimits {
  /** The longest side the detector reads; larger pages are scaled down to it. */
  readonly maxSide: number;
  /** The shortest side a page is scaled up to, so that small images' text is big enough to find. */
  readonly minSide: number;
  /** The most a page is scaled up. */
  readonly maxUpscale: number;
}

/** The detector's input size for an image: each side a multiple of 32, as the network's strides need. */
export function detectionSize(
  width: number,
  height: number,
  limits: DetectionSizeLimits,
): { readonly width: number; readonly height: number } {
  const longest = Math.max(width, height);
  const shortest = Math.min(width, height);
  const down = Math.min(1, limits.maxSide / longest);
  const up = Math.min(limits.maxUpscale, Math.max(1, limits.minSide / shortest), limits.maxSide / longest);
  const scale = down < 1 ? down : up;
  const multipleOf32 = (side: number) => Math.max(32, Math.round((side * scale) / 32) * 32);
  return { width: multipleOf32(width), height: multipleOf32(height) };
}
