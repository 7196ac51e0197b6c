/**
 * Whether a blob of ink is the outline of a checkbox (a square) or of a radio button (a circle).
 *
 * Both are thin closed outlines a little taller than lowercase letters. What separates a checkbox from the
 * letters `O`, `0` or `D` is that its outline runs along all four sides of its bounding box into sharp corners;
 * a radio button, unlike an `O` or a `0`, is round (its width equals its height) and its stroke is thin
 * against its size. Letters that pass these tests anyway are caught later by the text around them.
 *
 * @module
 */
import type { PixelBounds } from './ink-components.js';
import type { InkMask } from './ink-mask.js';

/** A checkbox or radio button outline, in pixels. */
export interface MarkOutline extends PixelBounds {
  readonly kind: 'square' | 'circle';
  /** The outline's stroke width in pixels. */
  readonly stroke: number;
  /** How completely the outline is drawn, 0..1: the least covered side of a square, the ring of a circle. */
  readonly fit: number;
}

// A box is square within this ratio of its sides (a scan stretches a little; a `0` is far narrower).
const MAX_ASPECT = 1.25;
const MAX_CIRCLE_ASPECT = 1.15;
// An outline's stroke is at most this share of its side: thicker is a filled blob (a bullet, a bold glyph).
const MAX_STROKE_SHARE = 0.22;
// Each side of a checkbox, or the ring of a radio button, is inked along at least this share of its length.
const MIN_FIT = 0.9;
// A radio button's ring is thin against its size; the bowl of an `o` or `O` is thicker.
const MAX_CIRCLE_STROKE_SHARE = 0.13;
// A circle's corners (squares this share of its side) are paper; a square's are ink.
const CORNER_SHARE = 0.18;
const MAX_CORNER_INK = 0.08;
const RING_SAMPLES = 72;

/** The outline drawn in `blob`'s bounds, or `undefined` when it is neither a square nor a circle outline. */
export function markOutline(mask: InkMask, blob: PixelBounds): MarkOutline | undefined {
  const width = blob.right - blob.left;
  const height = blob.bottom - blob.top;
  if (Math.max(width, height) > MAX_ASPECT * Math.min(width, height)) return undefined;
  const stroke = strokeWidth(mask, blob);
  if (stroke === undefined || stroke > MAX_STROKE_SHARE * Math.min(width, height)) return undefined;
  const square = squareFit(mask, blob, stroke);
  if (square >= MIN_FIT) return { kind: 'square', ...bounds(blob), stroke, fit: square };
  if (Math.max(width, height) > MAX_CIRCLE_ASPECT * Math.min(width, height)) return undefined;
  if (stroke > MAX_CIRCLE_STROKE_SHARE * Math.min(width, height)) return undefined;
  const circle = circleFit(mask, blob, stroke);
  if (circle >= MIN_FIT) return { kind: 'circle', ...bounds(blob), stroke, fit: circle };
  return undefined;
}

function bounds({ left, top, right, bottom }: PixelBounds): PixelBounds {
  return { left, top, right, bottom };
}

/**
 * The median length of the first ink run met walking in from each side at a quarter, half and three quarters
 * of it: the outline's stroke. `undefined` when the runs reach the middle (a solid blob).
 */
function strokeWidth(mask: InkMask, blob: PixelBounds): number | undefined {
  const { left, top, right, bottom } = blob;
  const runs: number[] = [];
  for (const share of [0.25, 0.5, 0.75]) {
    const y = Math.floor(top + share * (bottom - top));
    const x = Math.floor(left + share * (right - left));
    runs.push(
      firstInkRun(mask, left, y, 1, 0, (right - left) / 2),
      firstInkRun(mask, right - 1, y, -1, 0, (right - left) / 2),
      firstInkRun(mask, x, top, 0, 1, (bottom - top) / 2),
      firstInkRun(mask, x, bottom - 1, 0, -1, (bottom - top) / 2),
    );
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] as number;
  return median === 0 || median >= Math.min(right - left, bottom - top) / 2 - 1 ? undefined : median;
}

/**
 * The length of the first run of ink walking from (x, y) in direction (dx, dy), paper before it skipped (a
 * circle's edge curves away from its bounding box), going no further than `limit` steps.
 */
function firstInkRun(mask: InkMask, x: number, y: number, dx: number, dy: number, limit: number): number {
  let step = 0;
  while (step < limit && !mask.isInk(x + dx * step, y + dy * step)) step++;
  const start = step;
  while (step < limit && mask.isInk(x + dx * step, y + dy * step)) step++;
  return step - start;
}

/**
 * The least share of any side of the box that has ink within a stroke (and a pixel of slack) of the edge; 0
 * when a corner is round (no ink within that distance of it), as in a `D`, a `0` or an `O`.
 */
function squareFit(mask: InkMask, blob: PixelBounds, stroke: number): number {
  const { left, top, right, bottom } = blob;
  const band = stroke + 1;
  const sharpCorners =
    mask.inkIn(left, top, left + band, top + band) > 0 &&
    mask.inkIn(right - band, top, right, top + band) > 0 &&
    mask.inkIn(left, bottom - band, left + band, bottom) > 0 &&
    mask.inkIn(right - band, bottom - band, right, bottom) > 0;
  if (!sharpCorners) return 0;
  let topInk = 0;
  let bottomInk = 0;
  for (let x = left; x < right; x++) {
    if (mask.inkIn(x, top, x + 1, top + band) > 0) topInk++;
    if (mask.inkIn(x, bottom - band, x + 1, bottom) > 0) bottomInk++;
  }
  let leftInk = 0;
  let rightInk = 0;
  for (let y = top; y < bottom; y++) {
    if (mask.inkIn(left, y, left + band, y + 1) > 0) leftInk++;
    if (mask.inkIn(right - band, y, right, y + 1) > 0) rightInk++;
  }
  const width = right - left;
  const height = bottom - top;
  return Math.min(topInk / width, bottomInk / width, leftInk / height, rightInk / height);
}

/** The share of the ring, at the outline's radius, that is inked; 0 when the corners hold ink. */
function circleFit(mask: InkMask, blob: PixelBounds, stroke: number): number {
  const { left, top, right, bottom } = blob;
  const corner = Math.max(1, Math.round(CORNER_SHARE * Math.min(right - left, bottom - top)));
  const cornerInk =
    mask.inkIn(left, top, left + corner, top + corner) +
    mask.inkIn(right - corner, top, right, top + corner) +
    mask.inkIn(left, bottom - corner, left + corner, bottom) +
    mask.inkIn(right - corner, bottom - corner, right, bottom);
  if (cornerInk > MAX_CORNER_INK * 4 * corner * corner) return 0;
  const centreX = (left + right) / 2;
  const centreY = (top + bottom) / 2;
  const radiusX = (right - left - stroke) / 2;
  const radiusY = (bottom - top - stroke) / 2;
  const slack = Math.ceil(stroke / 2) + 1;
  let inked = 0;
  for (let i = 0; i < RING_SAMPLES; i++) {
    const angle = (2 * Math.PI * i) / RING_SAMPLES;
    const x = Math.round(centreX - 0.5 + radiusX * Math.cos(angle));
    const y = Math.round(centreY - 0.5 + radiusY * Math.sin(angle));
    if (mask.inkIn(x - slack, y - slack, x + slack + 1, y + slack + 1) > 0) inked++;
  }
  return inked / RING_SAMPLES;
}
