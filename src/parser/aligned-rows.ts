/**
 * Tables found from the layout alone: runs of consecutive rows whose pieces stand in shared columns, as a
 * line-item table does when the OCR provider found no table (pdf text, tesseract).
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';
import { boxBottom, unionBox } from './box.js';
import { freeSpans, intersectSpans, isInterior, type Span } from './free-spans.js';
import type { Segment } from './rows.js';

/** A row as its segments left to right, or `undefined` for an item that can be no table row (a heading). */
export type CandidateRow = readonly Segment[] | undefined;

/** Rows `start` up to `end` (exclusive) that stand in shared columns, the columns split at `gutters`. */
export interface AlignedRun {
  readonly start: number;
  readonly end: number;
  /** The vertical gaps, left to right, that are free in every row of the run and have text on both sides. */
  readonly gutters: readonly Span[];
  /**
   * The table's rows as the indexes of the rows each joins, top to bottom: a row with text in three columns
   * or more, and the rows around it that only continue its cells (a description wrapped over two lines).
   */
  readonly tableRows: readonly (readonly number[])[];
}

// A row of a table shares at least this many column boundaries with the others, so holds three cells or
// more: a row of two pieces is a label and its value, or two columns of text, far more often than a table.
const MIN_SHARED_BOUNDARIES = 2;
// Rows with fewer cells (a cell's wrapped lines, a row with empty cells) stay in a table when no more than
// this many come in a row and a full row follows them; more of them are the text after the table.
const MAX_PARTIAL_ROWS = 2;
// A cell that is only a number, an amount, a percentage or a date: a row holding one is data, not a header.
const NUMERIC_CELL = /^[\p{Sc}+\-−(]*\d[\d\s.,:/%\-−]*\)?[\p{Sc}%]?$/u;
// A year heads a column in financial statements ("2024 | 2023") without being data.
const YEAR = /^(?:19|20)\d\d$/;
// A cell reading `Label:` or `Label: value`. A row of these is a form's key-value block, not a table.
const KEY_VALUE_CELL = /^[^:]{1,40}:(?:\s|$)/;

/**
 * The runs of rows that stand in shared columns, `extent` being the page's text from left to right. A run
 * starts where two rows agree on two column boundaries or more, with only partial rows between them, and
 * grows while the rows keep every column; each visually separate piece of a row takes a column of its own. A
 * run whose first row is data rather than a header is not taken for a table: side by side, an address and
 * a block of labelled values line up as a table would, and nothing would name its columns.
 */
export function alignedRuns(rows: readonly CandidateRow[], extent: Span): AlignedRun[] {
  const free = rows.map((row) => row && freeSpans(lineBoxes(row), extent));
  const runs: AlignedRun[] = [];
  let index = 0;
  while (index < rows.length) {
    const run = runFrom(index, rows, free, extent);
    if (!run) index++;
    else {
      if (isHeaderRow(rows[run.start] ?? [])) runs.push(run);
      index = run.end;
    }
  }
  return runs;
}

/** The column (0 for the leftmost) a box stands in, between `gutters`. */
export function columnOf(box: BoundingBox, gutters: readonly Span[]): number {
  return gutters.filter((gutter) => gutter.right <= box.left).length;
}

function runFrom(
  start: number,
  rows: readonly CandidateRow[],
  free: readonly (Span[] | undefined)[],
  extent: Span,
): AlignedRun | undefined {
  const first = rows[start];
  let shared = free[start];
  if (!first || !shared) return undefined;
  const full = [start];
  let gutterCount: number | undefined;
  let end = start + 1;
  let sharedAtEnd = shared;
  // Partial rows since the last full row, with the free space shared up to each.
  const partial: { readonly index: number; readonly shared: Span[] }[] = [];
  for (let index = start + 1; index < rows.length && partial.length <= MAX_PARTIAL_ROWS; index++) {
    const row = rows[index];
    const rowFree = free[index];
    if (!row || !rowFree) break;
    const narrowed = intersectSpans(shared, rowFree);
    const gutters = interiorSpans(narrowed, extent);
    if (gutters.length < MIN_SHARED_BOUNDARIES || (gutterCount ?? gutters.length) !== gutters.length) break;
    if (!hasSeparateColumns(row, gutters)) break;
    shared = narrowed;
    if (isFullRow(row, gutters) && (gutterCount !== undefined || isFullRow(first, gutters))) {
      gutterCount = gutters.length;
      full.push(index);
      end = index + 1;
      sharedAtEnd = shared;
      partial.length = 0;
    } else partial.push({ index, shared });
  }
  if (gutterCount === undefined) return undefined;
  // The wrapped lines of the last row's cells come after it, with no full row to close them.
  const last = full.at(-1) ?? start;
  for (const { index, shared: sharedThere } of partial) {
    if (!continuesCells(rows, index, last, interiorSpans(sharedThere, extent))) break;
    end = index + 1;
    sharedAtEnd = sharedThere;
  }
  const gutters = interiorSpans(sharedAtEnd, extent);
  const tableRows = joinPartialRows(rows, start, end, full, gutters);
  return { start, end, gutters: dividingGutters(rows, tableRows, gutters), tableRows };
}

/**
 * Whether a row holds text in three columns or more, no two visually separate pieces in one column, and
 * does not read as key-value pairs.
 */
function isFullRow(row: readonly Segment[], gutters: readonly Span[]): boolean {
  if (!hasSeparateColumns(row, gutters)) return false;
  const columns = new Set(lineBoxes(row).map((box) => columnOf(box, gutters)));
  if (columns.size < MIN_SHARED_BOUNDARIES + 1) return false;
  const keyValueCells = row.filter((segment) => KEY_VALUE_CELL.test(segment.text)).length;
  return keyValueCells * 2 < row.length;
}

/** Whether each visually separate piece of a row stands in a column of its own. */
function hasSeparateColumns(row: readonly Segment[], gutters: readonly Span[]): boolean {
  return new Set(row.map((segment) => columnOf(segment.box, gutters))).size === row.length;
}

function isHeaderRow(row: readonly Segment[]): boolean {
  return row.every((segment) => YEAR.test(segment.text) || !NUMERIC_CELL.test(segment.text));
}

/**
 * Whether the partial row at `index` continues the cells of the full row at `target`: it has text only in
 * columns that row leaves empty and stands no further below the row before it than its own height.
 */
function continuesCells(
  rows: readonly CandidateRow[],
  index: number,
  target: number,
  gutters: readonly Span[],
): boolean {
  const box = rowBox(rows[index]);
  return (
    !shareAColumn(rows[index], rows[target], gutters) &&
    box !== undefined &&
    gap(box, rowBox(rows[index - 1])) <= box.height
  );
}

/** Whether two rows both have text in one of the columns between `gutters`. */
function shareAColumn(a: CandidateRow, b: CandidateRow, gutters: readonly Span[]): boolean {
  const columns = new Set(lineBoxes(a ?? []).map((box) => columnOf(box, gutters)));
  return lineBoxes(b ?? []).some((box) => columns.has(columnOf(box, gutters)));
}

/**
 * The table's rows: each full row with the partial rows that continue its cells. A partial row joins the
 * nearer of the full rows around it that has no text in its columns, or else stays a row of its own (a
 * subtotal between the items). The first row, the header, takes none: wrapped lines below it belong to the
 * first item.
 */
function joinPartialRows(
  rows: readonly CandidateRow[],
  start: number,
  end: number,
  full: readonly number[],
  gutters: readonly Span[],
): number[][] {
  const joined = new Map<number, number[]>(full.map((index) => [index, [index]]));
  const own: number[][] = [];
  // `full` is in order: `next` points at the first full row below the row in question.
  let next = 0;
  for (let index = start; index < end; index++) {
    while (next < full.length && (full[next] as number) <= index) next++;
    if (joined.has(index)) continue;
    const box = rowBox(rows[index]);
    const above = next > 1 ? full[next - 1] : undefined;
    const below = full[next];
    const candidates = [above, below].filter(
      (row): row is number => row !== undefined && !shareAColumn(rows[index], rows[row], gutters),
    );
    const target = candidates.sort((a, b) => gap(box, rowBox(rows[a])) - gap(box, rowBox(rows[b])))[0];
    if (target === undefined) own.push([index]);
    else joined.get(target)?.push(index);
  }
  return [...joined.values(), ...own]
    .map((indexes) => indexes.sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** The vertical distance between two boxes, 0 when they overlap. */
function gap(a: BoundingBox | undefined, b: BoundingBox | undefined): number {
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return Math.max(0, a.top - boxBottom(b), b.top - boxBottom(a));
}

/**
 * The gutters that divide text from text in some table row. Where no row has text on both sides of a gutter,
 * its two columns are one whose cells are aligned differently (a header set left over numbers set right), so
 * the gutter goes; two columns that some row fills both (a header naming each) stay apart however sparse.
 */
function dividingGutters(
  rows: readonly CandidateRow[],
  tableRows: readonly (readonly number[])[],
  gutters: readonly Span[],
): Span[] {
  const filled = tableRows.map(
    (indexes) =>
      new Set(indexes.flatMap((index) => lineBoxes(rows[index] ?? []).map((box) => columnOf(box, gutters)))),
  );
  const rowsFilling = (column: number) =>
    new Set(filled.flatMap((columns, row) => (columns.has(column) ? [row] : [])));
  const kept: Span[] = [];
  // The table rows with text in the column built up left of the gutter in question.
  let left = rowsFilling(0);
  gutters.forEach((gutter, index) => {
    const right = rowsFilling(index + 1);
    if ([...right].some((row) => left.has(row))) {
      kept.push(gutter);
      left = right;
    } else left = new Set([...left, ...right]);
  });
  return kept;
}

function rowBox(row: CandidateRow): BoundingBox | undefined {
  return unionBox((row ?? []).map((segment) => segment.box));
}

function interiorSpans(spans: readonly Span[], extent: Span): Span[] {
  return spans.filter((span) => isInterior(span, extent));
}

function lineBoxes(row: readonly Segment[]): BoundingBox[] {
  return row.flatMap((segment) => segment.lines.map((line) => line.box));
}
