/**
 * HTML tables in a provider's markdown (Azure writes `<table>` with `<th>`, `<td>`, `colspan`, `rowspan`
 * and `<caption>`) read back into OCR tables, so that they can be rendered as pipe tables.
 *
 * @module
 */
import type { OcrTable, OcrTableCell } from '../spec/document.js';
import { markdownTable } from './markdown-table.js';
import { tableGrid } from './table-grid.js';

// The markup is machine-written and flat (no nested tables), so patterns read it; a table whose markup they
// do not match is left as the provider wrote it.
const TABLE = /<table\b[^>]*>([\s\S]*?)<\/table>/gi;
const CAPTION = /<caption\b[^>]*>([\s\S]*?)<\/caption>/i;
const ROW = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
const CELL = /<(th|td)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;
const LINE_BREAK = /<br\s*\/?>/gi;
const TAG = /<[^>]*>/g;
const ENTITY = /&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
// HTML's own limit on `colspan`; a row span ends with the table's last row, as in a browser.
const MAX_COLUMN_SPAN = 1000;

/** `markdown` with each HTML table replaced by a pipe table of the same cells. */
export function htmlTablesToPipeTables(markdown: string): string {
  let count = 0;
  return markdown.replace(TABLE, (html, body: string) => {
    const table = htmlTable(`html-t${count++}`, body);
    // Blank lines around it: a pipe table right under a line of text would read as part of its paragraph.
    return table ? `\n\n${markdownTable(tableGrid(table))}\n\n` : html;
  });
}

/** The table in an HTML table's body, or `undefined` when it holds no row of cells. */
function htmlTable(id: string, body: string): OcrTable | undefined {
  const cells: OcrTableCell[] = [];
  // Which positions cells from rows above already cover through their row spans.
  const covered = new Set<string>();
  const position = (row: number, column: number) => `${row}:${column}`;
  const rows = [...body.matchAll(ROW)];
  let rowIndex = 0;
  for (const [, row = ''] of rows) {
    let columnIndex = 0;
    for (const [, tag = '', attributes = '', content = ''] of row.matchAll(CELL)) {
      while (covered.has(position(rowIndex, columnIndex))) columnIndex++;
      const rowSpan = Math.min(spanAttribute(attributes, 'rowspan'), rows.length - rowIndex);
      const columnSpan = Math.min(spanAttribute(attributes, 'colspan'), MAX_COLUMN_SPAN);
      for (let r = rowIndex; r < rowIndex + rowSpan; r++) {
        for (let c = columnIndex; c < columnIndex + columnSpan; c++) covered.add(position(r, c));
      }
      const text = cellText(content);
      const isHeader = tag.toLowerCase() === 'th';
      const cellId = `${id}-r${rowIndex}-c${columnIndex}`;
      cells.push({ id: cellId, rowIndex, columnIndex, rowSpan, columnSpan, text, isHeader });
      columnIndex += columnSpan;
    }
    rowIndex++;
  }
  if (cells.length === 0) return undefined;
  const columnCount = cells.reduce((most, cell) => Math.max(most, cell.columnIndex + cell.columnSpan), 0);
  const caption = CAPTION.exec(body)?.[1];
  return {
    id,
    rowCount: rows.length,
    columnCount,
    cells,
    ...(caption === undefined ? {} : { title: cellText(caption) }),
  };
}

// A span the markup leaves out, or gives as nonsense, is one position.
function spanAttribute(attributes: string, name: 'rowspan' | 'colspan'): number {
  const value = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(attributes)?.[1];
  return Math.max(1, Number(value ?? 1) || 1);
}

/** A cell's text: its markup gone (a line break read as a space) and its character references decoded. */
function cellText(html: string): string {
  return html.replace(LINE_BREAK, ' ').replace(TAG, '').replace(ENTITY, decodeReference);
}

function decodeReference(reference: string, decimal?: string, hex?: string, name?: string): string {
  if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? reference;
  const codePoint = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  // A number past Unicode's last code point names no character: the reference stays as written.
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
}
