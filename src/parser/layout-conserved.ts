/**
 * `LAYOUT_CONSERVED` parsing: a character grid that keeps each line where it stands on the page, so columns,
 * indentation and row alignment survive into the text a model reads. OCR tables are drawn as aligned
 * columns, one table row per line, where the table stands among the other lines.
 *
 * @module
 */
import type { OcrDocument, OcrLine, OcrPage, ParsedDocument } from '../spec/document.js';
import { boxBottom, unionBox } from './box.js';
import { gridColumns, toGridColumn } from './character-grid.js';
import { measureLines } from './metrics.js';
import { type FlowPart, flowRows, type PlacedPart, pageFlow } from './page-flow.js';
import { selectionMarkLines, textLines } from './page-lines.js';
import { pageText, renderPages } from './pages.js';
import { paragraphGap, type Row } from './rows.js';
import type { TableGrid } from './table-grid.js';
import { tablePlacements } from './table-placement.js';
import { alignedTableLines } from './table-text.js';

/** Renders every page as a character grid, pages separated by form feeds. */
export function renderLayoutConserved(document: OcrDocument): ParsedDocument {
  return renderPages('layout-conserved', document, renderPage);
}

function renderPage(page: OcrPage): string {
  const text = textLines(page);
  const metrics = measureLines(text);
  const parts = pageFlow([...text, ...selectionMarkLines(page)], tablePlacements(page.tables), metrics);
  const rows = flowRows(parts);
  const margin = leftMargin(parts, metrics.charWidth);
  const columns = gridColumns(rows, metrics.charWidth, margin);
  const gapLimit = paragraphGap(rows, metrics.lineHeight);
  const output: string[] = [];
  let previousBottom: number | undefined;
  let rowIndex = 0;
  for (const part of parts) {
    if (part.kind === 'rows') {
      for (const row of part.rows) {
        if (isParagraphBreak(row.top, previousBottom, gapLimit)) output.push('');
        previousBottom = row.bottom;
        output.push(rowText(row, columns[rowIndex++] ?? []));
      }
    } else {
      if (isParagraphBreak(part.box?.top, previousBottom, gapLimit)) output.push('');
      previousBottom = part.box && boxBottom(part.box);
      const left = tableLeft(part);
      const indent =
        left === undefined ? '' : ' '.repeat(Math.max(0, toGridColumn(left, metrics.charWidth) - margin));
      for (const line of alignedTableLines(part.value)) output.push(indent + line);
    }
  }
  return pageText(output);
}

/**
 * Whether a blank line goes before text starting at `top`: one blank line stands for any gap taller than the
 * usual one, marking the gap without spending tokens on its exact height. Blocks without a position get one.
 */
function isParagraphBreak(
  top: number | undefined,
  previousBottom: number | undefined,
  gapLimit: number,
): boolean {
  return top === undefined || (previousBottom !== undefined && top - previousBottom > gapLimit);
}

/** The grid column of the leftmost text or table, which every line is shifted left by. */
function leftMargin(parts: readonly FlowPart<TableGrid>[], charWidth: number): number {
  let margin = Number.POSITIVE_INFINITY;
  for (const part of parts) {
    if (part.kind === 'rows') {
      for (const row of part.rows) margin = leftmostColumn(margin, row.lines[0]?.box.left, charWidth);
    } else margin = leftmostColumn(margin, tableLeft(part), charWidth);
  }
  return Number.isFinite(margin) ? margin : 0;
}

function leftmostColumn(margin: number, left: number | undefined, charWidth: number): number {
  return left === undefined ? margin : Math.min(margin, toGridColumn(left, charWidth));
}

/** Where a table's text starts: at its leftmost cell line, since table boxes include the cells' padding. */
function tableLeft(part: PlacedPart<TableGrid>): number | undefined {
  return (unionBox(part.lines.map((line) => line.box)) ?? part.box)?.left;
}

// The furthest column padding may reach. Text is pushed right past the text on its left, and every later
// column with it; on a real page that is a few characters, but a damaged page with thousands of words on one
// baseline would push each later row's text out by the length of all of them.
const MAX_PADDED_COLUMN = 1_000;

function rowText({ lines }: Row, columns: readonly number[]): string {
  let text = '';
  for (let index = 0; index < lines.length; index++) {
    const column = Math.min(columns[index] ?? text.length + 1, MAX_PADDED_COLUMN);
    text =
      text.padEnd(index === 0 ? column : Math.max(column, text.length + 1)) + (lines[index] as OcrLine).text;
  }
  return text;
}
