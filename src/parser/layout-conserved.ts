/**
 * `LAYOUT_CONSERVED` parsing: a character grid that keeps each line where it stands on the page, so columns,
 * indentation and row alignment survive into the text a model reads. OCR tables are drawn as aligned
 * columns, one table row per line, where the table stands among the other lines.
 *
 * @module
 */
import type { OcrDocument, OcrPage, OcrTable, ParsedDocument } from '../document/model.js';
import { boxBottom, unionBox } from './box.js';
import { gridColumns, toGridColumn } from './character-grid.js';
import { measureLines } from './metrics.js';
import { type FlowPart, type PlacedPart, pageFlow } from './page-flow.js';
import { selectionMarkLines, textLines } from './page-lines.js';
import { pageText, renderPages } from './pages.js';
import { paragraphGap, type Row } from './rows.js';
import { tablePlacement } from './table-placement.js';
import { alignedTableLines } from './table-text.js';

/** Renders every page as a character grid, pages separated by form feeds. */
export function renderLayoutConserved(document: OcrDocument): ParsedDocument {
  return renderPages('layout-conserved', document, renderPage);
}

function renderPage(page: OcrPage): string {
  const text = textLines(page);
  const metrics = measureLines(text);
  const parts = pageFlow([...text, ...selectionMarkLines(page)], page.tables.map(tablePlacement), metrics);
  const rows = parts.flatMap((part) => (part.kind === 'rows' ? part.rows : []));
  const margin = leftMargin(parts, metrics.charWidth);
  const columns = gridColumns(rows, metrics.charWidth, margin);
  const gapLimit = paragraphGap(rows, metrics.lineHeight);
  const output: string[] = [];
  let previousBottom: number | undefined;
  // One blank line stands for any gap taller than the usual one: it marks the gap without spending tokens
  // on its exact height.
  const advance = (top: number | undefined, bottom: number | undefined) => {
    if (top === undefined || (previousBottom !== undefined && top - previousBottom > gapLimit))
      output.push('');
    previousBottom = bottom;
  };
  let rowIndex = 0;
  for (const part of parts) {
    if (part.kind === 'rows') {
      for (const row of part.rows) {
        advance(row.top, row.bottom);
        output.push(rowText(row, columns[rowIndex++] ?? []));
      }
    } else {
      advance(part.box?.top, part.box && boxBottom(part.box));
      const left = tableLeft(part);
      const indent =
        left === undefined ? '' : ' '.repeat(Math.max(0, toGridColumn(left, metrics.charWidth) - margin));
      for (const line of alignedTableLines(part.value)) output.push(indent + line);
    }
  }
  return pageText(output);
}

/** The grid column of the leftmost text or table, which every line is shifted left by. */
function leftMargin(parts: readonly FlowPart<OcrTable>[], charWidth: number): number {
  let margin = Number.POSITIVE_INFINITY;
  const include = (left: number | undefined) => {
    if (left !== undefined) margin = Math.min(margin, toGridColumn(left, charWidth));
  };
  for (const part of parts) {
    if (part.kind === 'rows') for (const row of part.rows) include(row.lines[0]?.box.left);
    else include(tableLeft(part));
  }
  return Number.isFinite(margin) ? margin : 0;
}

/** Where a table's text starts: at its leftmost cell line, since table boxes include the cells' padding. */
function tableLeft(part: PlacedPart<OcrTable>): number | undefined {
  return (unionBox(part.lines.map((line) => line.box)) ?? part.box)?.left;
}

function rowText(row: Row, columns: readonly number[]): string {
  let text = '';
  row.lines.forEach((line, index) => {
    text = text.padEnd(columns[index] ?? text.length + 1) + line.text;
  });
  return text;
}
