/**
 * Finding a checkbox's square inside a bigger blob of ink: a tick drawn past the box, or a cross running into
 * the label beside it, joins box and stroke into one blob whose bounds are no square.
 *
 * The box's top and bottom edges are the only long straight horizontal runs in such a blob: handwriting and
 * letters run diagonally or briefly. Each pair of them a box's height apart, spanning about that width and
 * lying on the blob's bounds on two sides at least, bounds a candidate the outline test then accepts or not.
 *
 * @module
 */
import type { PixelBounds } from './ink-components.js';
import type { InkMask } from './ink-mask.js';

/** The range of sides, in pixels, a checkbox may have. */
export interface SideRange {
  readonly min: number;
  readonly max: number;
}

/** A horizontal edge: consecutive rows whose longest ink run is long, and the longest of those runs. */
interface Edge {
  readonly top: number;
  readonly bottom: number;
  readonly start: number;
  readonly end: number;
}

// Both edges span the box within this share of its side.
const SPAN_TOLERANCE = 0.25;
// A tick leaves at least two sides of its box on the blob's bounds (it runs out past one corner or two); the
// thick bowl of an `O` or `D` holds straight runs inset from its bounds on every side.
const MIN_FLUSH_SIDES = 2;
const FLUSH_PIXELS = 1;
// The box's left and right sides are straight too: some column near each holds ink along this share of the
// side, and no longer than this share either, since a box's sides end at its corners. The bowl of a `P`,
// `B` or `R` has a round right side, or a left side that runs on down its stem.
const STRAIGHT_SIDE = 0.85;
const MAX_SIDE_RUN = 1.3;
const SIDE_BAND_SHARE = 0.15;

/**
 * The bounds of each square a box's size could have inside `blob`, between a pair of long horizontal edges,
 * most compact first.
 */
export function squareFrames(mask: InkMask, blob: PixelBounds, sides: SideRange): PixelBounds[] {
  const edges = horizontalEdges(mask, blob, sides.min);
  const frames: PixelBounds[] = [];
  for (let upper = 0; upper < edges.length; upper++) {
    for (let lower = upper + 1; lower < edges.length; lower++) {
      const top = (edges[upper] as Edge).top;
      const bottom = (edges[lower] as Edge).bottom;
      const side = bottom - top;
      if (side < sides.min || side > sides.max) continue;
      // The overlap of both edges: a stroke running on from one edge lengthens that edge only.
      const left = Math.max((edges[upper] as Edge).start, (edges[lower] as Edge).start);
      const right = Math.min((edges[upper] as Edge).end, (edges[lower] as Edge).end);
      const frame = { left, top, right, bottom };
      if (
        Math.abs(right - left - side) <= SPAN_TOLERANCE * side &&
        flushSides(frame, blob) >= MIN_FLUSH_SIDES &&
        hasStraightSides(mask, frame)
      ) {
        frames.push(frame);
      }
    }
  }
  return frames.sort((a, b) => a.bottom - a.top - (b.bottom - b.top));
}

function flushSides(frame: PixelBounds, blob: PixelBounds): number {
  return [
    frame.left - blob.left,
    frame.top - blob.top,
    blob.right - frame.right,
    blob.bottom - frame.bottom,
  ].filter((inset) => inset <= FLUSH_PIXELS).length;
}

function hasStraightSides(mask: InkMask, frame: PixelBounds): boolean {
  const side = frame.bottom - frame.top;
  const band = Math.max(2, Math.round(SIDE_BAND_SHARE * side));
  // Looked for half a side above and below the frame as well, to see whether a side runs on past its corners.
  const longest = (from: number, to: number) => {
    let best = 0;
    for (let x = from; x < to; x++) {
      best = Math.max(best, longestColumnRun(mask, x, frame.top - side / 2, frame.bottom + side / 2));
    }
    return best;
  };
  return [longest(frame.left, frame.left + band), longest(frame.right - band, frame.right)].every(
    (run) => run >= STRAIGHT_SIDE * side && run <= MAX_SIDE_RUN * side,
  );
}

function longestColumnRun(mask: InkMask, x: number, from: number, to: number): number {
  let best = 0;
  let run = 0;
  for (let y = Math.floor(from); y < to; y++) {
    run = mask.isInk(x, y) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

function horizontalEdges(mask: InkMask, blob: PixelBounds, minLength: number): Edge[] {
  const edges: Edge[] = [];
  let open: { top: number; bottom: number; start: number; end: number } | undefined;
  for (let y = blob.top; y < blob.bottom; y++) {
    const run = longestRun(mask, y, blob.left, blob.right);
    if (run.end - run.start < minLength) {
      if (open) edges.push(open);
      open = undefined;
      continue;
    }
    if (open === undefined) open = { top: y, bottom: y + 1, ...run };
    else {
      open.bottom = y + 1;
      if (run.end - run.start > open.end - open.start) Object.assign(open, run);
    }
  }
  if (open) edges.push(open);
  return edges;
}

function longestRun(mask: InkMask, y: number, from: number, to: number): { start: number; end: number } {
  let best = { start: from, end: from };
  for (let x = from; x < to; x++) {
    if (!mask.isInk(x, y)) continue;
    const start = x;
    while (x < to && mask.isInk(x, y)) x++;
    if (x - start > best.end - best.start) best = { start, end: x };
  }
  return best;
}
