/**
 * Assembling rendered pages into a `ParsedDocument`, and the tidying every page's text gets.
 *
 * @module
 */

import { levelledPage } from '../document/levelled-page.js';
import type {
  OcrDocument,
  OcrPage,
  ParsedDocument,
  ParsedPage,
  ParsingMethodName,
} from '../spec/document.js';

/** Page break in `ParsedDocument.text`, as `pdftotext` writes it. */
export const PAGE_BREAK = '\f';

// In markdown a form feed is no line break: a page ending in a table would take the next page's first line
// for a row of it, and a table opening a page would read as a paragraph. Blank lines keep the pages' blocks
// apart.
const MARKDOWN_PAGE_BREAK = `\n\n${PAGE_BREAK}\n\n`;

/** A parsed document from its rendered pages, their texts parted by {@link PAGE_BREAK}. */
export function joinPages(method: ParsingMethodName, pages: readonly ParsedPage[]): ParsedDocument {
  const pageBreak = method === 'markdown' ? MARKDOWN_PAGE_BREAK : PAGE_BREAK;
  return { method, text: pages.map((page) => page.text).join(pageBreak), pages };
}

/**
 * A parsed document rendering each page of `document` with `renderPage`. A page its engine read tilted (a
 * scan turned by a degree or two, `angle` off a quarter turn) is levelled first, so a table row's cells,
 * which drift apart in height across a tilted page, come out on one line.
 */
export function renderPages(
  method: ParsingMethodName,
  document: OcrDocument,
  renderPage: (page: OcrPage) => string,
): ParsedDocument {
  return joinPages(
    method,
    document.pages.map((page) => ({ pageNumber: page.pageNumber, text: renderPage(levelledPage(page)) })),
  );
}

/**
 * A page's text from its output lines, where `''` stands for a paragraph break: trailing spaces go, and
 * blank lines are kept only singly and between text, since each one costs the model a token and says no more.
 */
export function pageText(lines: readonly string[]): string {
  const kept: string[] = [];
  // True at the start too: no blank line opens a page.
  let afterBlank = true;
  for (const line of lines) {
    const text = line.trimEnd();
    if (text === '' && afterBlank) continue;
    kept.push(text);
    afterBlank = text === '';
  }
  if (afterBlank) kept.pop();
  return kept.join('\n');
}
