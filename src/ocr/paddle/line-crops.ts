/**
 * Cutting a detected line out of the page at the recognizer's height, turned so that it reads left to right.
 *
 * @module
 */
import { type Grayscale, resampleGray } from './gray-image.js';
import type { DetectedBox } from './text-detection.js';

/** The height, in pixels, the classifier and recognizer read lines at. */
export const LINE_HEIGHT = 48;

// PaddleOCR reads a box at least 1.5 times as tall as it is wide as a vertical line.
const VERTICAL_ASPECT = 1.5;
// Longer lines would make one tensor of megabytes for a single line; no page line is this long.
const MAX_ASPECT = 100;

/** A line's pixels at {@link LINE_HEIGHT}, and whether it was turned from a vertical box. */
export interface LineCrop {
  readonly image: Grayscale;
  /** The box was tall: its pixels were turned a quarter counter-clockwise, so its top reads first. */
  readonly vertical: boolean;
}

/** The crop of `box` from `page`, {@link LINE_HEIGHT} pixels high; `undefined` for a box under a pixel. */
export async function cropLine(page: Grayscale, box: DetectedBox): Promise<LineCrop | undefined> {
  const left = Math.floor(box.left);
  const top = Math.floor(box.top);
  const region = {
    left,
    top,
    width: Math.min(page.width, Math.ceil(box.left + box.width)) - left,
    height: Math.min(page.height, Math.ceil(box.top + box.height)) - top,
  };
  if (region.width < 1 || region.height < 1) return undefined;
  const vertical = region.height >= region.width * VERTICAL_ASPECT;
  const aspect = vertical ? region.height / region.width : region.width / region.height;
  const width = Math.max(1, Math.round(LINE_HEIGHT * Math.min(aspect, MAX_ASPECT)));
  const image = await resampleGray(page, {
    region,
    width,
    height: LINE_HEIGHT,
    ...(vertical ? { turn: 270 as const } : {}),
  });
  return { image, vertical };
}
