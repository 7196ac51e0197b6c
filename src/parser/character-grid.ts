/**
 * Where each line of a page goes on a character grid: at its x position counted in character widths, pushed
 * right where the text on its left would run into it, and everything to its right pushed along with it.
 *
 * @module
 */
import { boxRight } from './box.js';
import { isSeparateGap, type Row } from './rows.js';

/** The grid column of an x coordinate, before the page's left margin is taken off. */
export function toGridColumn(x: number, charWidth: number): number {
  return Math.round(x / charWidth);
}

interface Entry {
  readonly row: number;
  readonly index: number;
  readonly left: number;
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
  const columns = rows.map((row) => new Array<number>(row.lines.length).fill(Number.NEGATIVE_INFINITY));
  const entries: Entry[] = [];
  rows.forEach((row, r) => {
    row.lines.forEach((line, index) => {
      entries.push({ row: r, index, left: line.box.left });
    });
  });
  entries.sort((a, b) => a.left - b.left || a.index - b.index);
  // How far text has been pushed right so far: it moves every later column too, which keeps the distances
  // between columns (right-aligned numbers stay right-aligned).
  let shift = 0;
  const afterPrevious = ({ row, index }: Entry): number => {
    const line = rows[row]?.lines[index];
    const previous = rows[row]?.lines[index - 1];
    if (!line || !previous) return Number.NEGATIVE_INFINITY;
    const gap = isSeparateGap(line.box.left - boxRight(previous.box), charWidth) ? 2 : 1;
    return (columns[row]?.[index - 1] ?? Number.NEGATIVE_INFINITY) + previous.text.length + gap;
  };
  for (let first = 0; first < entries.length; ) {
    const left = (entries[first] as Entry).left;
    const start = toGridColumn(left, charWidth) - margin;
    let last = first;
    while (last < entries.length && (entries[last] as Entry).left - left < SNAP_CHARS * charWidth) last++;
    const group = entries.slice(first, last);
    const column = group.reduce((most, entry) => Math.max(most, afterPrevious(entry)), start + shift);
    for (const entry of group) {
      (columns[entry.row] as number[])[entry.index] = Math.max(column, afterPrevious(entry));
    }
    shift = column - start;
    first = last;
  }
  return columns;
}
