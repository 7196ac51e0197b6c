/**
 * Finding the text lines of a page with the PP-OCR detector at a working resolution, boxes mapped back to the
 * page's own pixels.
 *
 * @module
 */
import { type DetectionSizeLimits, detectionSize } from './detection-size.js';
import { type Grayscale, resampleGray } from './gray-image.js';
import { DETECTION_NORMALIZATION, writePlanes } from './image-tensor.js';
import type { ModelRunner } from './model-runner.js';
import { textRegions } from './text-regions.js';

/** A box in the page's pixels, with the detector's confidence that it holds text. */
export interface DetectedBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly score: number;
}

/** The text line boxes of `image`, in reading order, clipped to the image. */
export async function detectText(
  image: Grayscale,
  detector: ModelRunner,
  limits: DetectionSizeLimits,
): Promise<DetectedBox[]> {
  const size = detectionSize(image.width, image.height, limits);
  const scaled = await resampleGray(image, size);
  const input = new Float32Array(3 * size.width * size.height);
  writePlanes(input, 0, scaled, size.width, DETECTION_NORMALIZATION);
  const output = await detector.run({ data: input, dims: [1, 3, size.height, size.width] });
  const scaleX = image.width / size.width;
  const scaleY = image.height / size.height;
  return textRegions({ values: output.data, width: size.width, height: size.height }).map((region) => {
    const left = Math.max(0, region.left * scaleX);
    const top = Math.max(0, region.top * scaleY);
    const right = Math.min(image.width, (region.left + region.width) * scaleX);
    const bottom = Math.min(image.height, (region.top + region.height) * scaleY);
    return { left, top, width: right - left, height: bottom - top, score: region.score };
  });
}
