/**
 * Where each line of a page goes on a character grid: at its x position counted in character widths, pushed
 * right where the text on its left would run into it, and everything to its right pushed along with it.
 *
 * @module
 */
import type { OcrLine } from '../spec/document.js';
import { boxRight } from './box.js';
import { isSeparateGap, type Row } from './rows.js';

/** The grid column of an x coordinate, before the page's left margin is taken off. */
export function toGridColumn(x: number, charWidth: number): number {
  return Math.round(x / charWidth);
}

/** Line `index` of row `row`, placed by its left edge. */
interface Entry {
  readonly row: number;
  readonly index: number;
  readonly left: number;
  /** How many columns past its left neighbour's start the line must start at least: its text and a gap. */
  readonly clearance: number;
}

// Lines starting less than this many characters apart start at the same column: OCR boxes of left-aligned
// text jitter by a fraction of a character, which rounding would turn into a ragged margin.
const SNAP_CHARS = 0.6;

/**
 * The grid column of each line of each row (`columns[row][index]`), margin taken off. Lines that start at
 * (nearly) the same x start at the same column whatever row they are on, so table columns stay aligned even
 * where proportional text is longer than its box measured in median characters.
 */
export function gridColumns(rows: readonly Row[], charWidth: number, margin: number): number[][] {
  const columns: number[][] = [];
  for (const row of rows) columns.push(new Array<number>(row.lines.length).fill(Number.NEGATIVE_INFINITY));
  const entries = entriesByLeft(rows, charWidth);
  // How far text has been pushed right so far: it moves every later column too, which keeps the distances
  // between columns (right-aligned numbers stay right-aligned).
  let shift = 0;
  for (let first = 0; first < entries.length; ) {
    const left = (entries[first] as Entry).left;
    const start = toGridColumn(left, charWidth) - margin;
    // The group holds its first entry whatever the comparison says, so a coordinate that compares false with
    // everything (NaN) still moves the loop on.
    let last = first + 1;
    while (last < entries.length && (entries[last] as Entry).left - left < SNAP_CHARS * charWidth) last++;
    // The group's column clears every line of the group from its left neighbour, as placed before the group.
    let column = start + shift;
    for (let i = first; i < last; i++) column = Math.max(column, afterPrevious(columns, entries[i] as Entry));
    for (let i = first; i < last; i++) {
      const entry = entries[i] as Entry;
      (columns[entry.row] as number[])[entry.index] = Math.max(column, afterPrevious(columns, entry));
    }
    shift = column - start;
    first = last;
  }
  return columns;
}

/** The first column a line may take: past the text of its left neighbour, as placed so far. */
function afterPrevious(columns: readonly (readonly number[])[], { row, index, clearance }: Entry): number {
  return index === 0
    ? Number.NEGATIVE_INFINITY
    : ((columns[row] as number[])[index - 1] as number) + clearance;
}

/** Every line of every row, left to right; lines starting at the same x in the order they stand in their rows. */
function entriesByLeft(rows: readonly Row[], charWidth: number): Entry[] {
  const entries: Entry[] = [];
  for (let row = 0; row < rows.length; row++) {
    const { lines } = rows[row] as Row;
    for (let index = 0; index < lines.length; index++) {
      const { box } = lines[index] as OcrLine;
      const previous = lines[index - 1];
      // One space after the neighbour's text, two where the page shows them visually apart.
      const gap = previous && isSeparateGap(box.left - boxRight(previous.box), charWidth) ? 2 : 1;
      entries.push({ row, index, left: box.left, clearance: (previous?.text.length ?? 0) + gap });
    }
  }
  return entries.sort((a, b) => a.left - b.left || a.index - b.index);
}
