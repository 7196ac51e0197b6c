/**
 * OCR tables as text: aligned columns for `LAYOUT_CONSERVED`, cells joined with ` | ` for `PLAIN`. Either
 * way each table row is one output line, between the table's title and footer.
 *
 * @module
 */
import type { RowPiece, TableGrid } from './table-grid.js';
import { collapseWhitespace } from './whitespace.js';

// Two spaces between cells, so that a reader can tell a column break from the space between two words.
const CELL_GAP = '  ';

/** One line per row, each cell padded to its column's width (the longest text in it), cells two spaces apart. */
export function alignedTableLines(grid: TableGrid): string[] {
  const widths = columnWidths(grid);
  return captioned(grid, (pieces) =>
    pieces
      .map((piece) => piece.text.padEnd(spanWidth(widths, piece.start, piece.end)))
      .join(CELL_GAP)
      .trimEnd(),
  );
}

/** One line per row, cells joined with ` | `, empty cells kept so that cells stay under their column. */
export function delimitedTableLines(grid: TableGrid): string[] {
  return captioned(grid, (pieces) =>
    pieces
      .map((piece) => piece.text)
      .join(' | ')
      .trimEnd(),
  );
}

function columnWidths(grid: TableGrid): number[] {
  const widths = new Array<number>(grid.columnCount).fill(0);
  const spanning: RowPiece[] = [];
  for (const pieces of grid.pieces) {
    for (const piece of pieces) {
      if (piece.end - piece.start === 1)
        widths[piece.start] = Math.max(widths[piece.start] ?? 0, piece.text.length);
      else spanning.push(piece);
    }
  }
  // A spanning cell longer than the columns it covers widens the last of them, once the single cells have
  // set every column's own width.
  for (const { start, end, text } of spanning) {
    const missing = text.length - spanWidth(widths, start, end);
    if (missing > 0) widths[end - 1] = (widths[end - 1] ?? 0) + missing;
  }
  return widths;
}

function spanWidth(widths: readonly number[], start: number, end: number): number {
  let width = CELL_GAP.length * (end - start - 1);
  for (let column = start; column < end; column++) width += widths[column] ?? 0;
  return width;
}

function captioned(grid: TableGrid, renderRow: (pieces: readonly RowPiece[]) => string): string[] {
  const { table } = grid;
  const lines: string[] = [];
  const title = collapseWhitespace(table.title ?? '');
  const footer = collapseWhitespace(table.footer ?? '');
  if (title !== '') lines.push(title);
  for (const pieces of grid.pieces) {
    // A row of empty cells (a spacer or a rule) carries nothing to read.
    if (pieces.some((piece) => piece.text !== '')) lines.push(renderRow(pieces));
  }
  if (footer !== '') lines.push(footer);
  return lines;
}
