import type { ParsedDocument, ParsedPage, ParsingMethodName } from '../document/model.js';

/** Page break in `ParsedDocument.text`, as `pdftotext` writes it. */
export const PAGE_BREAK = '\f';

/** A parsed document from its rendered pages. */
export function joinPages(method: ParsingMethodName, pages: readonly ParsedPage[]): ParsedDocument {
  return { method, text: pages.map((page) => page.text).join(PAGE_BREAK), pages };
}
