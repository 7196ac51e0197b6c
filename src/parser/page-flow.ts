/**
 * A page as a top-to-bottom flow of text rows and placed blocks (tables, key-value pairs): each block takes
 * the OCR lines it covers, so its text is not printed twice, and stands where it stands on the page.
 *
 * @module
 */
import type { BoundingBox, OcrLine } from '../spec/document.js';
import { boxBottom, boxRight, containsCentre, unionBox } from './box.js';
import type { PageMetrics } from './metrics.js';
import { groupIntoRows, type Row } from './rows.js';
import { collapseWhitespace } from './whitespace.js';

/** Something rendered in place of the OCR lines it covers. */
export interface Placement<T> {
  readonly value: T;
  /** Where it stands; lines whose centre falls inside one of these boxes are its own. */
  readonly boxes: readonly BoundingBox[];
  /** Whether a line's text is part of it: decides for lines at the edge of its boxes, or anywhere without boxes. */
  readonly owns: (text: string) => boolean;
}

/** A stretch of consecutive text rows. */
export interface RowsPart {
  readonly kind: 'rows';
  readonly rows: readonly Row[];
}

/** A placed block, with the box it takes on the page when that is known and the OCR lines it took. */
export interface PlacedPart<T> {
  readonly kind: 'placed';
  readonly value: T;
  readonly box: BoundingBox | undefined;
  readonly lines: readonly OcrLine[];
}

/** One part of a page's flow. */
export type FlowPart<T> = RowsPart | PlacedPart<T>;

/** Lays out `lines` and `placements` top to bottom; placements without any position come last. */
export function pageFlow<T>(
  lines: readonly OcrLine[],
  placements: readonly Placement<T>[],
  metrics: PageMetrics,
): FlowPart<T>[] {
  let free = lines;
  const placed: PlacedPart<T>[] = [];
  for (const placement of placements) {
    const region = unionBox(placement.boxes);
    // A block inside one already placed (a key-value pair inside a table) would repeat its text.
    if (region && placed.some((other) => other.box && containsCentre(other.box, region))) continue;
    const near = region && expand(region, metrics);
    const taken: OcrLine[] = [];
    const remaining: OcrLine[] = [];
    for (const line of free) (takes(placement, near, line) ? taken : remaining).push(line);
    free = remaining;
    placed.push({
      kind: 'placed',
      value: placement.value,
      box: region ?? unionBox(taken.map((line) => line.box)),
      lines: taken,
    });
  }
  placed.sort((a, b) => (a.box?.top ?? Number.POSITIVE_INFINITY) - (b.box?.top ?? Number.POSITIVE_INFINITY));
  return interleave(groupIntoRows(free), placed);
}

/** Whether a placement takes a line: its centre lies in one of its boxes, or it is near and holds its text. */
function takes<T>(placement: Placement<T>, near: BoundingBox | undefined, line: OcrLine): boolean {
  for (const box of placement.boxes) if (containsCentre(box, line.box)) return true;
  return (!near || touches(near, line.box)) && placement.owns(line.text);
}

/** The text rows of a flow, top to bottom, without the placed blocks between them. */
export function flowRows<T>(parts: readonly FlowPart<T>[]): Row[] {
  const rows: Row[] = [];
  for (const part of parts) if (part.kind === 'rows') rows.push(...part.rows);
  return rows;
}

function interleave<T>(rows: readonly Row[], placed: readonly PlacedPart<T>[]): FlowPart<T>[] {
  const parts: FlowPart<T>[] = [];
  let next = 0;
  for (const block of placed) {
    const top = block.box?.top ?? Number.POSITIVE_INFINITY;
    let end = next;
    while (end < rows.length && (rows[end] as Row).top < top) end++;
    if (end > next) parts.push({ kind: 'rows', rows: rows.slice(next, end) });
    parts.push(block);
    next = end;
  }
  if (next < rows.length) parts.push({ kind: 'rows', rows: rows.slice(next) });
  return parts;
}

// A line half a line above or below a table's box, or a character beside it, may still be one of its cells:
// providers draw table boxes around the cell borders, not around the text.
function expand(box: BoundingBox, metrics: PageMetrics): BoundingBox {
  return {
    left: box.left - metrics.charWidth,
    top: box.top - metrics.lineHeight / 2,
    width: box.width + 2 * metrics.charWidth,
    height: box.height + metrics.lineHeight,
  };
}

function touches(region: BoundingBox, box: BoundingBox): boolean {
  return (
    box.left < boxRight(region) &&
    boxRight(box) > region.left &&
    box.top < boxBottom(region) &&
    boxBottom(box) > region.top
  );
}

/**
 * A {@link Placement.owns} test: a line is owned when its text equals one of `texts()`, ignoring case and
 * spacing. Only whole texts count: a line "Total" is not taken for a cell "Running total", since dropping
 * text costs more than printing a wrapped cell's line twice. The texts are gathered on the first question:
 * lines inside a placement's boxes are taken without asking, so most placements are never asked.
 */
export function ownsTexts(texts: () => Iterable<string>): (text: string) => boolean {
  let owned: Set<string> | undefined;
  return (text) => {
    if (owned === undefined) {
      owned = new Set<string>();
      for (const ownText of texts()) owned.add(normalize(ownText));
    }
    return owned.has(normalize(text));
  };
}

function normalize(text: string): string {
  return collapseWhitespace(text).toLowerCase();
}
