/**
 * Azure geometry in docpipe's terms: polygons in the page's unit become boxes as fractions of the page, and
 * angles become clockwise degrees in [0, 360).
 *
 * @module
 */
import type { BoundingBox } from '../../document/model.js';
import { clampBox } from '../page-builder.js';
import type { AnalyzedPage, BoundingRegion, Polygon } from './analyze-result.js';

/** A page's size in its own unit, which every polygon on it is measured in. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** The size of `page`; a page without one cannot place anything, so it is `undefined`. */
export function pageSize(page: AnalyzedPage | undefined): PageSize | undefined {
  if (!page?.width || !page.height) return undefined;
  return { width: page.width, height: page.height };
}

/** The box around `polygon` as fractions of the page; `undefined` when there is no polygon to place. */
export function polygonBox(
  polygon: Polygon | undefined,
  size: PageSize | undefined,
): BoundingBox | undefined {
  if (!polygon || polygon.length < 2 || !size) return undefined;
  const xs = polygon.filter((_, i) => i % 2 === 0);
  const ys = polygon.filter((_, i) => i % 2 === 1);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return clampBox({
    left: left / size.width,
    top: top / size.height,
    width: (Math.max(...xs) - left) / size.width,
    height: (Math.max(...ys) - top) / size.height,
  });
}

/** The box of the first of `regions` that lies on page `pageNumber`. */
export function regionBox(
  regions: readonly BoundingRegion[] | undefined,
  pageNumber: number,
  size: PageSize | undefined,
): BoundingBox | undefined {
  return polygonBox(regions?.find((region) => region.pageNumber === pageNumber)?.polygon, size);
}

/** Azure's angle (−180..180, counter-clockwise negative) as docpipe's clockwise degrees in [0, 360). */
export function normalizeAngle(angle: number | null | undefined): number {
  const degrees = ((angle ?? 0) % 360) + 360;
  return degrees % 360;
}
