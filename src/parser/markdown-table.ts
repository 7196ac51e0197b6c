/**
 * OCR tables as markdown pipe tables.
 *
 * @module
 */
import type { TableGrid } from './table-grid.js';
import { collapseWhitespace } from './whitespace.js';

/**
 * A pipe table with the table's title before it and footer after it, or `''` for a table without text. The
 * header row joins the leading rows that hold header cells (spanning headers repeated over their columns),
 * or is the first row when no cell is marked as a header.
 */
export function markdownTable(grid: TableGrid): string {
  if (!grid.rows.some((_, index) => rowTexts(grid, index).some((text) => text !== ''))) return '';
  const headerRows = Math.max(1, countHeaderRows(grid));
  const header = Array.from({ length: grid.columnCount }, (_, column) =>
    headerText(grid, headerRows, column),
  );
  const body = grid.rows
    .map((_, index) => rowTexts(grid, index))
    .slice(headerRows)
    .filter((texts) => texts.some((text) => text !== ''));
  const lines = [pipeRow(header), `|${header.map(() => '---').join('|')}|`, ...body.map(pipeRow)];
  return [grid.table.title, lines.join('\n'), grid.table.footer]
    .map((text) => (text === undefined ? '' : text.trim()))
    .filter((text) => text !== '')
    .join('\n\n');
}

function countHeaderRows(grid: TableGrid): number {
  let count = 0;
  while (grid.rows[count]?.some((slot) => slot?.cell.isHeader && slot.cell.rowIndex === count)) count++;
  return count;
}

/** A header column's text: the texts of the header rows over it, each once, top down. */
function headerText(grid: TableGrid, headerRows: number, column: number): string {
  const texts: string[] = [];
  for (let row = 0; row < headerRows; row++) {
    const text = grid.rows[row]?.[column]?.text ?? '';
    if (text !== '' && texts.at(-1) !== text) texts.push(text);
  }
  return texts.join(' ');
}

/** One text per column: a cell's text in its first column and row, empty elsewhere. */
function rowTexts(grid: TableGrid, rowIndex: number): string[] {
  const texts: string[] = [];
  for (const piece of grid.pieces[rowIndex] ?? []) {
    texts.push(piece.text, ...new Array<string>(piece.end - piece.start - 1).fill(''));
  }
  return texts;
}

function pipeRow(texts: readonly string[]): string {
  return `| ${texts.map(escapeCell).join(' | ')} |`;
}

/**
 * A cell's text on one line with its pipes escaped, so that it stays one cell. Backslashes right before a pipe
 * are escaped too: left alone, one would escape the pipe's escape and the pipe would split the cell.
 */
function escapeCell(text: string): string {
  return collapseWhitespace(text)
    .replace(/\\+(?=\|)/g, (backslashes) => backslashes.repeat(2))
    .replaceAll('|', '\\|');
}
