/**
 * A table's cells laid on a grid of rows and columns, spans included, for the table renderers. Built once per
 * table and page: placing the table and rendering it both read it.
 *
 * @module
 */
import type { OcrTable, OcrTableCell } from '../spec/document.js';
import { collapseWhitespace } from './whitespace.js';

/** One position of a table's grid and the cell covering it. */
export interface GridSlot {
  readonly cell: OcrTableCell;
  /** The cell's text on one line. */
  readonly text: string;
  /** The column after the cell's last one. */
  readonly end: number;
}

/** A cell (or an empty position) in one grid row: columns `start` up to `end`, exclusive. */
export interface RowPiece {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A table's grid: `rows[r][c]` is the slot at row `r`, column `c`, or `undefined` where no cell is. */
export interface TableGrid {
  readonly table: OcrTable;
  readonly rows: readonly (readonly (GridSlot | undefined)[])[];
  readonly columnCount: number;
  /**
   * Each row's pieces, left to right: every cell starting on the row or reaching it by a row span once (with
   * its text only where it starts), and every empty position.
   */
  readonly pieces: readonly (readonly RowPiece[])[];
}

/** Lays a table's cells on its grid; a grid larger than `rowCount` × `columnCount` holds out-of-range cells. */
export function tableGrid(table: OcrTable): TableGrid {
  let rowCount = table.rowCount;
  let columnCount = table.columnCount;
  // A cell at a negative index has no place on the grid; its text would have nowhere to go.
  const cells = table.cells.filter((cell) => cell.rowIndex >= 0 && cell.columnIndex >= 0);
  for (const cell of cells) {
    rowCount = Math.max(rowCount, cell.rowIndex + span(cell.rowSpan));
    columnCount = Math.max(columnCount, cell.columnIndex + span(cell.columnSpan));
  }
  // A loop rather than Array.from({ length }): V8 builds those through its slow generic path.
  const rows: (GridSlot | undefined)[][] = [];
  for (let r = 0; r < rowCount; r++) rows.push(new Array<GridSlot | undefined>(columnCount).fill(undefined));
  for (const cell of cells) {
    const slot: GridSlot = {
      cell,
      text: collapseWhitespace(cell.text),
      end: cell.columnIndex + span(cell.columnSpan),
    };
    for (let r = cell.rowIndex; r < cell.rowIndex + span(cell.rowSpan); r++) {
      for (let c = cell.columnIndex; c < slot.end; c++) (rows[r] as (GridSlot | undefined)[])[c] = slot;
    }
  }
  const pieces = rows.map((row, index) => rowPieces(row, index, columnCount));
  return { table, rows, columnCount, pieces };
}

/**
 * The pieces of one grid row, left to right: each cell starting on this row or reaching it by a row span
 * once (with its text only where it starts), and each empty position.
 */
function rowPieces(
  row: readonly (GridSlot | undefined)[],
  rowIndex: number,
  columnCount: number,
): RowPiece[] {
  const pieces: RowPiece[] = [];
  for (let c = 0; c < columnCount; ) {
    const slot = row[c];
    const end = Math.max(slot?.end ?? 0, c + 1);
    pieces.push({ start: c, end, text: slot && slot.cell.rowIndex === rowIndex ? slot.text : '' });
    c = end;
  }
  return pieces;
}

// Providers give 0 or leave spans out for ordinary cells.
function span(value: number): number {
  return Math.max(1, Math.floor(value) || 1);
}
