/**
 * The OCR provider's own markdown (Azure's `outputContentFormat: markdown`), split into pages, its HTML
 * tables turned into pipe tables.
 *
 * @module
 */
import type { OcrPage, ParsedPage } from '../spec/document.js';
import { htmlTablesToPipeTables } from './html-tables.js';

// Azure marks page ends with this comment; whitespace around it belongs to neither page.
const PAGE_BREAK_COMMENT = /\s*<!--\s*PageBreak\s*-->\s*/;

/**
 * The provider's markdown as pages: one per `<!-- PageBreak -->`-separated part, numbered like the OCR pages
 * (or from 1); without page breaks, the whole text is one page, numbered like the first OCR page. Its HTML
 * tables become pipe tables, which is what `MARKDOWN` output promises and what markdown readers render.
 */
export function providerMarkdownPages(markdown: string, pages: readonly OcrPage[]): ParsedPage[] {
  return markdown.split(PAGE_BREAK_COMMENT).map((text, index) => ({
    pageNumber: pages[index]?.pageNumber ?? index + 1,
    text: htmlTablesToPipeTables(text).trim(),
  }));
}
