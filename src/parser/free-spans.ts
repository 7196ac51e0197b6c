/**
 * Free horizontal space across rows of text: the stretches no box of a row covers, and the stretches free in
 * several rows at once. Column detection for reading order and table detection both look for such gutters.
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';
import { boxRight } from './box.js';

/** A stretch of x coordinates, `left` up to `right`. */
export interface Span {
  readonly left: number;
  readonly right: number;
}

/** The stretches of `extent` that none of `boxes` (left to right) cover, left to right. */
export function freeSpans(boxes: readonly BoundingBox[], extent: Span): Span[] {
  const free: Span[] = [];
  let cursor = extent.left;
  for (const box of boxes) {
    if (box.left > cursor) free.push({ left: cursor, right: box.left });
    cursor = Math.max(cursor, boxRight(box));
  }
  if (cursor < extent.right) free.push({ left: cursor, right: extent.right });
  return free;
}

/** The stretches free in both `a` and `b` (each left to right), left to right. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const result: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    const left = Math.max(x.left, y.left);
    const right = Math.min(x.right, y.right);
    if (left < right) result.push({ left, right });
    if (x.right < y.right) i++;
    else j++;
  }
  return result;
}

/** Whether a free stretch lies between text, not against either edge of `extent` (a margin). */
export function isInterior(span: Span, extent: Span): boolean {
  return span.left > extent.left && span.right < extent.right;
}
