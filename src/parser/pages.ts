/**
 * Assembling rendered pages into a `ParsedDocument`, and the tidying every page's text gets.
 *
 * @module
 */
import type {
  OcrDocument,
  OcrPage,
  ParsedDocument,
  ParsedPage,
  ParsingMethodName,
} from '../document/model.js';

/** Page break in `ParsedDocument.text`, as `pdftotext` writes it. */
export const PAGE_BREAK = '\f';

/** A parsed document from its rendered pages. */
export function joinPages(method: ParsingMethodName, pages: readonly ParsedPage[]): ParsedDocument {
  return { method, text: pages.map((page) => page.text).join(PAGE_BREAK), pages };
}

/** A parsed document rendering each page of `document` with `renderPage`. */
export function renderPages(
  method: ParsingMethodName,
  document: OcrDocument,
  renderPage: (page: OcrPage) => string,
): ParsedDocument {
  return joinPages(
    method,
    document.pages.map((page) => ({ pageNumber: page.pageNumber, text: renderPage(page) })),
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
