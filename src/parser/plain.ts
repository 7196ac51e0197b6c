/**
 * `PLAIN` parsing: the page's lines in the provider's reading order.
 *
 * @module
 */
import type { OcrDocument, ParsedDocument } from '../document/model.js';
import { joinPages } from './pages.js';

/** Renders each page's lines, one per output line, in the order the OCR provider read them. */
export function renderPlain(document: OcrDocument): ParsedDocument {
  return joinPages(
    'plain',
    document.pages.map((page) => ({
      pageNumber: page.pageNumber,
      text: page.lines.map((line) => line.text.trim()).join('\n'),
    })),
  );
}
