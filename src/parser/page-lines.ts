/**
 * The OCR lines a parser lays out: the page's text lines, cleaned, and its selection marks as one-character
 * lines, so a checkbox lands next to its label wherever the label goes.
 *
 * @module
 */
import type { OcrLine, OcrPage } from '../document/model.js';
import { collapseWhitespace } from './whitespace.js';

/** The page's lines with collapsed whitespace, without those that hold no text. */
export function textLines(page: OcrPage): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const line of page.lines) {
    const text = collapseWhitespace(line.text);
    if (text !== '') lines.push(text === line.text ? line : { ...line, text });
  }
  return lines;
}

/** The page's selection marks as lines reading `☒` (selected) or `☐` (not selected). */
export function selectionMarkLines(page: OcrPage): OcrLine[] {
  return page.selectionMarks.map((mark, index) => ({
    id: `p${page.pageNumber}-m${index}`,
    text: mark.selected ? '☒' : '☐',
    box: mark.box,
    confidence: mark.confidence ?? 1,
  }));
}
