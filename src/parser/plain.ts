/**
 * `PLAIN` parsing: the page's text in reading order, one output line per line of text (OCR lines closer than
 * a space or two are one line), multi-column bands read column by column, a blank line between paragraphs.
 * The rows of OCR tables stay together, one per line, cells joined with ` | `. Page headers come first and
 * page footers (and bottom page numbers) last.
 *
 * @module
 */
import type { OcrDocument, OcrPage, ParsedDocument } from '../spec/document.js';
import { pageText, renderPages } from './pages.js';
import { readPage } from './reading-order.js';
import { tablePlacements } from './table-placement.js';
import { delimitedTableLines } from './table-text.js';

/** Renders each page's text in reading order, pages separated by form feeds. */
export function renderPlain(document: OcrDocument): ParsedDocument {
  return renderPages('plain', document, renderPage);
}

function renderPage(page: OcrPage): string {
  const output: string[] = [];
  for (const item of readPage(page, tablePlacements(page.tables)).items) {
    if (item.breakBefore) output.push('');
    if (item.kind === 'text') output.push(...item.pieces);
    else output.push(...delimitedTableLines(item.value));
  }
  return pageText(output);
}
