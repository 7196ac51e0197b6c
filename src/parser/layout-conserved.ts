/**
 * `LAYOUT_CONSERVED` parsing: a character grid that keeps each line where it stands on the page,
 * so columns, indentation and row alignment survive into the text a model reads.
 *
 * @module
 */
import type { OcrDocument, OcrLine, OcrPage, ParsedDocument } from '../document/model.js';
import { joinPages } from './pages.js';

/** Renders every page as a character grid. */
export function renderLayoutConserved(document: OcrDocument): ParsedDocument {
  return joinPages(
    'layout-conserved',
    document.pages.map((page) => ({ pageNumber: page.pageNumber, text: renderPage(page) })),
  );
}

interface Row {
  readonly lines: OcrLine[];
  top: number;
  bottom: number;
}

function renderPage(page: OcrPage): string {
  const lines = page.lines.filter((line) => line.text.trim() !== '');
  if (lines.length === 0) return '';
  const charWidth = median(lines.map((line) => line.box.width / Math.max(line.text.length, 1)));
  const lineHeight = median(lines.map((line) => line.box.height));
  const rows = groupIntoRows(lines, lineHeight);
  const column = (line: OcrLine) => Math.round(line.box.left / charWidth);
  const margin = Math.min(...lines.map(column));
  const output: string[] = [];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    // One blank line stands for any vertical gap taller than a line: it marks the gap without
    // spending tokens on its exact height.
    if (previous && row.top - previous.bottom > lineHeight) output.push('');
    output.push(renderRow(row, (line) => column(line) - margin));
  });
  return output.join('\n');
}

/** Lines whose vertical centres lie within half a line height share a row. */
function groupIntoRows(lines: readonly OcrLine[], lineHeight: number): Row[] {
  const byCentre = [...lines].sort((a, b) => centre(a) - centre(b));
  const rows: Row[] = [];
  for (const line of byCentre) {
    const row = rows.at(-1);
    if (row && Math.abs(centre(line) - (row.top + row.bottom) / 2) <= lineHeight / 2) {
      row.lines.push(line);
      row.top = Math.min(row.top, line.box.top);
      row.bottom = Math.max(row.bottom, line.box.top + line.box.height);
    } else {
      rows.push({ lines: [line], top: line.box.top, bottom: line.box.top + line.box.height });
    }
  }
  return rows;
}

function renderRow(row: Row, column: (line: OcrLine) => number): string {
  let text = '';
  for (const line of [...row.lines].sort((a, b) => a.box.left - b.box.left)) {
    // Keep at least one space between neighbours that would otherwise touch or overlap.
    const start = Math.max(column(line), text === '' ? 0 : text.length + 1);
    text = text.padEnd(start) + line.text.trim();
  }
  return text.trimEnd();
}

function centre(line: OcrLine): number {
  return line.box.top + line.box.height / 2;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return value && value > 0 ? value : 1;
}
