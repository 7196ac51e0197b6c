/**
 * Azure geometry in docpipe's terms: polygons in the page's unit become boxes as fractions of the page, and
 * angles become clockwise degrees in [0, 360).
 *
 * @module
 */
import type { BoundingBox } from '../../spec/document.js';
import { clampBox } from '../page-builder.js';
import type { AnalyzedPage, BoundingRegion, Polygon } from './analyze-result.js';

/** A page's size in its own unit, which every polygon on it is measured in. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The size of `page`; a page without one cannot place anything, so it is `undefined`, as is one whose size a
 * malformed result gives as something other than two positive numbers.
 */
export function pageSize(page: AnalyzedPage | undefined): PageSize | undefined {
  const width = page?.width;
  const height = page?.height;
  if (!isPositive(width) || !isPositive(height)) return undefined;
  return { width, height };
}

function isPositive(value: number | undefined): value is number {
  return Number.isFinite(value) && (value as number) > 0;
}

/**
 * The box around `polygon` as fractions of the page; `undefined` when there is no point to place. A malformed
 * result's points with a coordinate that is no finite number are left out, as is the last x of a polygon of
 * odd length.
 */
export function polygonBox(
  polygon: Polygon | undefined,
  size: PageSize | undefined,
): BoundingBox | undefined {
  if (!Array.isArray(polygon) || !size) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  // A loop, not Math.min(...xs): spreading a long polygon into arguments overflows the stack.
  for (let i = 0; i + 1 < polygon.length; i += 2) {
    const x = polygon[i];
    const y = polygon[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    // Clamped to the page first: a huge coordinate over a small page would overflow to ±Infinity, and the
    // box's left plus its width, -Infinity + Infinity, is NaN.
    const onPageX = Math.min(size.width, Math.max(0, x as number));
    const onPageY = Math.min(size.height, Math.max(0, y as number));
    if (onPageX < left) left = onPageX;
    if (onPageX > right) right = onPageX;
    if (onPageY < top) top = onPageY;
    if (onPageY > bottom) bottom = onPageY;
  }
  if (right < left) return undefined;
  return clampBox({
    left: left / size.width,
    top: top / size.height,
    width: (right - left) / size.width,
    height: (bottom - top) / size.height,
  });
}

/** The box of the first of `regions` that lies on page `pageNumber`. */
export function regionBox(
  regions: readonly BoundingRegion[] | undefined,
  pageNumber: number,
  size: PageSize | undefined,
): BoundingBox | undefined {
  if (!Array.isArray(regions)) return undefined;
  return polygonBox(regions.find((region) => region?.pageNumber === pageNumber)?.polygon, size);
}

/**
 * Azure's angle (−180..180, counter-clockwise negative) as docpipe's clockwise degrees in [0, 360); no angle, or
 * one that is no finite number in a malformed result, is no rotation.
 */
export function normalizeAngle(angle: number | null | undefined): number {
  if (!Number.isFinite(angle)) return 0;
  const degrees = ((angle as number) % 360) + 360;
  return degrees % 360;
}
