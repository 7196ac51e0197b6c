/**
 * Textract geometry in docpipe's terms: boxes as fractions of the page, and the page's rotation.
 *
 * @module
 */
import type { Geometry } from '@aws-sdk/client-textract';
import type { BoundingBox } from '../../document/model.js';
import { clampBox } from '../page-builder.js';

const NO_BOX: BoundingBox = { left: 0, top: 0, width: 0, height: 0 };

/**
 * The box of a Textract geometry, clamped to the page. On rotated pages the polygon follows the text while
 * `BoundingBox` may not, so the polygon's bounds win when there is one.
 */
export function textractBox(geometry: Geometry | undefined): BoundingBox {
  const polygon = geometry?.Polygon ?? [];
  if (polygon.length > 0) {
    // A plain loop: this runs for every block of a response and dominated the mapping's profile.
    let left = 1;
    let top = 1;
    let right = 0;
    let bottom = 0;
    for (const point of polygon) {
      const x = point.X ?? 0;
      const y = point.Y ?? 0;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
    return clampBox({ left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) });
  }
  const box = geometry?.BoundingBox;
  if (box === undefined) return NO_BOX;
  return clampBox({ left: box.Left ?? 0, top: box.Top ?? 0, width: box.Width ?? 0, height: box.Height ?? 0 });
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

/** The baseline's direction in whole quarter turns, or `undefined` without a polygon to measure it on. */
function quarterTurns(geometry: Geometry | undefined): number | undefined {
  const polygon = geometry?.Polygon;
  const first = polygon?.[0];
  const second = polygon?.[1];
  if (first === undefined || second === undefined) return undefined;
  const radians = Math.atan2((second.Y ?? 0) - (first.Y ?? 0), (second.X ?? 0) - (first.X ?? 0));
  // Fractions of a non-square page skew the angle a little; only the quarter turn matters to readers.
  return Math.round((radians * 180) / Math.PI / 90);
}

/** A Textract confidence (0..100) as a docpipe confidence (0..1). */
export function textractConfidence(confidence: number | undefined): number {
  return Math.min(1, Math.max(0, (confidence ?? 0) / 100));
}
