/**
 * Box arithmetic every layer needs on page fractions.
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';

/** A box clipped to the page, so rounding or a skewed scan never yields fractions outside [0, 1]. */
export function clampBox(box: BoundingBox): BoundingBox {
  const left = clamp(box.left);
  const top = clamp(box.top);
  return { left, top, width: clamp(box.left + box.width) - left, height: clamp(box.top + box.height) - top };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
