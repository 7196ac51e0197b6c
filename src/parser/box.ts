/**
 * Arithmetic on page boxes (fractions of the page, origin top left) shared by the parsers.
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';

/** The x coordinate of a box's right edge. */
export function boxRight(box: BoundingBox): number {
  return box.left + box.width;
}

/** The y coordinate of a box's bottom edge, which for a text line is close to its baseline. */
export function boxBottom(box: BoundingBox): number {
  return box.top + box.height;
}

/** The y coordinate of a box's vertical centre. */
export function centreY(box: BoundingBox): number {
  return box.top + box.height / 2;
}

/** Whether the centre of `inner` lies within `outer`. */
export function containsCentre(outer: BoundingBox, inner: BoundingBox): boolean {
  const x = inner.left + inner.width / 2;
  const y = centreY(inner);
  return x >= outer.left && x <= boxRight(outer) && y >= outer.top && y <= boxBottom(outer);
}

/** Whether two boxes overlap horizontally by more than half of the narrower one. */
export function overlapsHorizontally(a: BoundingBox, b: BoundingBox): boolean {
  const overlap = Math.min(boxRight(a), boxRight(b)) - Math.max(a.left, b.left);
  // Half the narrower width, so boxes padded by the OCR engine that merely touch still count as apart.
  return overlap > Math.min(a.width, b.width) / 2;
}

/** The smallest box holding all `boxes`, or `undefined` when there are none. */
export function unionBox(boxes: readonly BoundingBox[]): BoundingBox | undefined {
  if (boxes.length === 0) return undefined;
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const box of boxes) {
    left = Math.min(left, box.left);
    top = Math.min(top, box.top);
    right = Math.max(right, boxRight(box));
    bottom = Math.max(bottom, boxBottom(box));
  }
  return { left, top, width: right - left, height: bottom - top };
}
