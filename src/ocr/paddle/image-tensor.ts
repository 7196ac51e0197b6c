/**
 * Turning grayscale pixels into the float tensors the PP-OCR models take: three channels, planar (NCHW),
 * normalized the way each model was trained.
 *
 * @module
 */
import type { Grayscale } from './gray-image.js';

/** Per-channel normalization: `(pixel / 255 - mean[c]) / std[c]`. */
export interface ChannelNormalization {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

/** The detector's normalization (ImageNet's statistics, in PaddleOCR's BGR channel order). */
export const DETECTION_NORMALIZATION: ChannelNormalization = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** The classifier's and recognizer's normalization: pixels to [-1, 1]. */
export const LINE_NORMALIZATION: ChannelNormalization = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };

/**
 * Writes `image` as the `index`-th of a batch of three-channel planes `width` wide, left-aligned: the columns
 * right of the image stay 0, which is what PaddleOCR pads line crops with.
 */
export function writePlanes(
  batch: Float32Array,
  index: number,
  image: Grayscale,
  width: number,
  normalization: ChannelNormalization,
): void {
  const plane = image.height * width;
  const offset = index * 3 * plane;
  // One lookup table per channel: three multiply-adds per pixel become three reads.
  const tables = [0, 1, 2].map((channel) => {
    const mean = normalization.mean[channel] as number;
    const std = normalization.std[channel] as number;
    return Float32Array.from({ length: 256 }, (_, value) => (value / 255 - mean) / std);
  }) as [Float32Array, Float32Array, Float32Array];
  const { pixels } = image;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const value = pixels[y * image.width + x] as number;
      const at = offset + y * width + x;
      batch[at] = tables[0][value] as number;
      batch[at + plane] = tables[1][value] as number;
      batch[at + 2 * plane] = tables[2][value] as number;
    }
  }
}
