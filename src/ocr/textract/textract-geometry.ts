/**
 * Textract geometry in docpipe's terms: boxes as fractions of the page, and the page's rotation.
 *
 * @module
 */
import type { Geometry, Point } from '@aws-sdk/client-textract';
import type { BoundingBox } from '../../spec/document.js';
import { clampBox } from '../page-builder.js';

const NO_BOX: BoundingBox = { left: 0, top: 0, width: 0, height: 0 };

/**
 * The box of a Textract geometry, clamped to the page. On rotated pages the polygon follows the text while
 * `BoundingBox` may not, so the polygon's bounds win when there is one. In a malformed response, a polygon with
 * a coordinate that is no finite number falls back to `BoundingBox`, whose missing or non-finite sides read as
 * 0, so no NaN reaches a box.
 */
export function textractBox(geometry: Geometry | undefined): BoundingBox {
  const polygon = geometry?.Polygon;
  if (Array.isArray(polygon)) {
    // A plain loop: this runs for every block of a response and dominated the mapping's profile, so
    // coordinates are checked once, on the bounds, not point by point. A missing or NaN coordinate fails
    // every comparison and never becomes a bound; anything else that is no finite number fails the check.
    let left = 1;
    let top = 1;
    let right = 0;
    let bottom = 0;
    for (const point of polygon) {
      if (typeof point !== 'object' || point === null) continue;
      const x = point.X as number;
      const y = point.Y as number;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
    if (left <= right && top <= bottom && isFiniteBox(left, top, right, bottom)) {
      return clampBox({ left, top, width: right - left, height: bottom - top });
    }
  }
  const box = geometry?.BoundingBox;
  if (!box) return NO_BOX;
  return clampBox({
    left: finiteOrZero(box.Left),
    top: finiteOrZero(box.Top),
    width: Math.max(0, finiteOrZero(box.Width)),
    height: Math.max(0, finiteOrZero(box.Height)),
  });
}

function isFiniteBox(left: number, top: number, right: number, bottom: number): boolean {
  return Number.isFinite(left) && Number.isFinite(top) && Number.isFinite(right) && Number.isFinite(bottom);
}

function finiteOrZero(value: number | undefined): number {
  return Number.isFinite(value) ? (value as number) : 0;
}

/** Whether `point` has two finite coordinates; a malformed response's may not, or may be no object at all. */
function isFinitePoint(point: Point | undefined): point is Point & { X: number; Y: number } {
  return typeof point === 'object' && point !== null && Number.isFinite(point.X) && Number.isFinite(point.Y);
}

// Quarter turns of a line's baseline run from -2 to 2 (atan2 gives -π..π).
const MIN_QUARTER_TURN = -2;
const QUARTER_TURN_VALUES = 5;

/**
 * The clockwise rotation of a page's text in degrees, [0, 360), from its lines' polygons: Textract gives no
 * page angle, but each polygon starts at the text's top-left corner and runs along its baseline.
 */
export function textractPageAngle(lineGeometries: readonly (Geometry | undefined)[]): number {
  // Counted rather than sorted: rounding to quarter turns keeps the order of the angles, so the median
  // line's quarter turn is the median of the lines' quarter turns.
  const counts = new Array<number>(QUARTER_TURN_VALUES).fill(0);
  let measured = 0;
  for (let i = 0; i < lineGeometries.length; i++) {
    const turn = quarterTurns(lineGeometries[i]);
    if (turn === undefined) continue;
    (counts[turn - MIN_QUARTER_TURN] as number)++;
    measured++;
  }
  if (measured === 0) return 0;
  // Walk the counts up to the middle line (the upper one of two).
  let rank = Math.floor(measured / 2);
  let bucket = 0;
  while (rank >= (counts[bucket] as number)) rank -= counts[bucket++] as number;
  const turns = bucket + MIN_QUARTER_TURN;
  return (((turns * 90) % 360) + 360) % 360;
}

/**
 * The baseline's direction in whole quarter turns, or `undefined` without a polygon to measure it on: one
 * whose first two points lack finite coordinates, in a malformed response, cannot be measured either.
 */
function quarterTurns(geometry: Geometry | undefined): number | undefined {
  const polygon = geometry?.Polygon;
  if (!Array.isArray(polygon)) return undefined;
  const first = polygon[0];
  const second = polygon[1];
  if (!isFinitePoint(first) || !isFinitePoint(second)) return undefined;
  const radians = Math.atan2(second.Y - first.Y, second.X - first.X);
  // Fractions of a non-square page skew the angle a little; only the quarter turn matters to readers.
  return Math.round((radians * 180) / Math.PI / 90);
}

/** A Textract confidence (0..100) as a docpipe confidence (0..1); a missing, NaN or non-numeric one is 0. */
export function textractConfidence(confidence: number | undefined): number {
  if (typeof confidence !== 'number' || Number.isNaN(confidence)) return 0;
  return Math.min(1, Math.max(0, confidence / 100));
}
