/**
 * Which line stands below, above and to the left of each line of a page: the paths a value runs on
 * from line to line, and where its label stands.
 *
 * @module
 */

import { boxBottom, boxRight, centreY, overlapsHorizontally } from '../../parser/box.js';
import type { BoundingBox } from '../../spec/document.js';

/** The neighbours of one line, as indexes into the page's lines. */
export interface LineNeighbours {
  /** The nearest line below in the same column, at most {@link MAX_CONTINUATION_GAP} line heights down: where a value that runs over several lines (an address) continues. */
  readonly below?: number;
  /** The nearest line above in the same column, however far: where a column's header stands. */
  readonly above?: number;
  /** The nearest line to the left on the same row: where a label often stands. */
  readonly left?: number;
}

/** The widest blank between two lines of one value, in heights of the upper line: double spacing still joins. */
export const MAX_CONTINUATION_GAP = 1.2;

// The most lines looked through from each line, up and down. A real page has a few hundred lines, so this only
// bounds damaged ones (thousands of lines on one row, or a column with nothing above), where every line would
// otherwise look through all the others.
const MAX_LINES_LOOKED_THROUGH = 500;

/**
 * The neighbours of each of a page's lines, given their boxes. Lines are visited top to bottom, each looking
 * only as far up or down as its neighbours can be, so a page of tabular lines costs about linear time.
 *
 * @example
 * ```ts
 * const [street] = lineNeighbours([streetBox, cityBox]); // street.below === 1 when the city line sits under it
 * ```
 */
export function lineNeighbours(boxes: readonly BoundingBox[]): LineNeighbours[] {
  const order = boxes.map((_, index) => index).sort((a, b) => centreOf(boxes, a) - centreOf(boxes, b));
  const neighbours: LineNeighbours[] = new Array(boxes.length);
  order.forEach((self, rank) => {
    const box = boxes[self] as BoundingBox;
    let below: number | undefined;
    let above: number | undefined;
    let left: number | undefined;
    // Up the page: lines on the same row (which may sit a little higher), then the nearest one in the column.
    const highest = Math.max(0, rank - MAX_LINES_LOOKED_THROUGH);
    for (let i = rank - 1; i >= highest && above === undefined; i--) {
      const index = order[i] as number;
      const other = boxes[index] as BoundingBox;
      if (sameRow(box, other)) {
        if (isLeftOf(other, box) && nearerLeft(other, boxes, left)) left = index;
      } else if (overlapsHorizontally(box, other)) {
        above = index;
      }
    }
    // Down the page: the rest of the row, then the nearest line in the column if it is near enough to continue.
    const lowest = Math.min(order.length, rank + 1 + MAX_LINES_LOOKED_THROUGH);
    for (let i = rank + 1; i < lowest; i++) {
      const index = order[i] as number;
      const other = boxes[index] as BoundingBox;
      if (sameRow(box, other)) {
        if (isLeftOf(other, box) && nearerLeft(other, boxes, left)) left = index;
        continue;
      }
      if (other.top - boxBottom(box) > MAX_CONTINUATION_GAP * box.height) break;
      if (below === undefined && overlapsHorizontally(box, other)) below = index;
    }
    neighbours[self] = {
      ...(below === undefined ? {} : { below }),
      ...(above === undefined ? {} : { above }),
      ...(left === undefined ? {} : { left }),
    };
  });
  return neighbours;
}

function centreOf(boxes: readonly BoundingBox[], index: number): number {
  return centreY(boxes[index] as BoundingBox);
}

// Centres apart by at most half the shorter line's height.
function sameRow(a: BoundingBox, b: BoundingBox): boolean {
  return Math.abs(centreY(a) - centreY(b)) <= Math.min(a.height, b.height) / 2;
}

// By its centre, so that a label whose box the OCR padded into the value's still counts as left of it.
function isLeftOf(other: BoundingBox, box: BoundingBox): boolean {
  return other.left + other.width / 2 < box.left;
}

function nearerLeft(
  candidate: BoundingBox,
  boxes: readonly BoundingBox[],
  best: number | undefined,
): boolean {
  const current = best === undefined ? undefined : boxes[best];
  return current === undefined || boxRight(candidate) > boxRight(current);
}
