/**
 * Column detection for reading order: a band of rows with a vertical gutter that no line crosses, whose
 * sides both read as running text, is read column by column; everything else is read row by row.
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';
import { boxBottom, boxRight, unionBox } from './box.js';
import { freeSpans, intersectSpans, isInterior, type Span } from './free-spans.js';
import { median } from './metrics.js';
import type { Segment } from './rows.js';

/** A row's segments (left to right) with their vertical extent. */
export interface SegmentRow {
  readonly top: number;
  readonly bottom: number;
  readonly segments: readonly Segment[];
}

/** Rows to read one after another: a stretch read row by row, or one column of a multi-column band. */
export interface ReadingRun {
  readonly rows: readonly SegmentRow[];
  /** Whether the run is a column after the first of its band, so reading jumps back up the page. */
  readonly newColumn: boolean;
}

// Each side of a gutter must hold at least two lines averaging four words or so: key-value pairs, address
// blocks and table columns (short texts) are then read row by row, which keeps a label next to its value.
const MIN_COLUMN_SEGMENTS = 2;
const MIN_COLUMN_TEXT_CHARS = 20;
// A gap wider than this share of the text's width is the space between a row's pieces (a title and a page
// number), not a gutter between columns; counting it would pull such a row into the columns below it.
const MAX_GUTTER_SHARE = 0.25;

/** Splits rows (top to bottom) into the runs to read in order; `minGutter` is the narrowest column gap. */
export function readingRuns(rows: readonly SegmentRow[], minGutter: number): ReadingRun[] {
  const box = unionBox(rows.flatMap((row) => row.segments.map((segment) => segment.box)));
  if (!box) return [];
  const extent: Span = { left: box.left, right: boxRight(box) };
  const maxGutter = MAX_GUTTER_SHARE * (extent.right - extent.left);
  // Free space touching the page's text edges is a margin, not a gutter between two columns.
  const gutters = (free: readonly Span[]) =>
    free.filter((span) => {
      const width = span.right - span.left;
      return width >= minGutter && width <= maxGutter && isInterior(span, extent);
    });
  const runs: ReadingRun[] = [];
  let band: SegmentRow[] = [];
  let free: Span[] = [];
  for (const row of rows) {
    const rowFree = freeSpans(
      row.segments.map((segment) => segment.box),
      extent,
    );
    const merged = intersectSpans(free, rowFree);
    // A band with a gutter grows while the gutter survives; a band without one (full-width text) grows
    // until a row opens a gutter.
    const grows =
      band.length > 0 &&
      (gutters(free).length > 0 ? gutters(merged).length > 0 : gutters(rowFree).length === 0);
    if (grows) {
      band.push(row);
      free = merged;
    } else {
      if (band.length > 0) runs.push(...bandRuns(band, gutters(free)));
      band = [row];
      free = rowFree;
    }
  }
  if (band.length > 0) runs.push(...bandRuns(band, gutters(free)));
  return runs;
}

function bandRuns(rows: readonly SegmentRow[], gutters: readonly Span[]): ReadingRun[] {
  if (gutters.length === 0) return [{ rows, newColumn: false }];
  const columns: SegmentRow[][] = Array.from({ length: gutters.length + 1 }, () => []);
  for (const row of rows) {
    const parts: Segment[][] = columns.map(() => []);
    for (const segment of row.segments) {
      parts[gutters.filter((gutter) => gutter.left < segment.box.left).length]?.push(segment);
    }
    parts.forEach((segments, index) => {
      if (segments.length === 0) return;
      const box = unionBox(segments.map((segment) => segment.box)) as BoundingBox;
      columns[index]?.push({ top: box.top, bottom: boxBottom(box), segments });
    });
  }
  if (!columns.every(isRunningText)) return [{ rows, newColumn: false }];
  return columns.map((column, index) => ({ rows: column, newColumn: index > 0 }));
}

function isRunningText(column: readonly SegmentRow[]): boolean {
  const lengths = column.flatMap((row) => row.segments.map((segment) => segment.text.length));
  return lengths.length >= MIN_COLUMN_SEGMENTS && (median(lengths) ?? 0) >= MIN_COLUMN_TEXT_CHARS;
}
