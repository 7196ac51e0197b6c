/**
 * `MARKDOWN` parsing: headings, lists, paragraphs, key-value pairs and pipe tables, in reading order. Pipe
 * tables come from the OCR provider's tables and from rows the layout shows standing in shared columns. When
 * the OCR provider gave its own markdown (Azure), that is used as it is, its HTML tables made pipe tables.
 *
 * @module
 */
import type { OcrDocument, OcrPage, ParsedDocument } from '../spec/document.js';
import { withLayoutTables } from './layout-tables.js';
import { type MarkdownPlaced, markdownPage } from './markdown-blocks.js';
import { keyValuePlacement } from './markdown-key-values.js';
import type { Placement } from './page-flow.js';
import { joinPages, renderPages } from './pages.js';
import { providerMarkdownPages } from './provider-markdown.js';
import { readPage } from './reading-order.js';
import { tablePlacements } from './table-placement.js';

/** Renders each page as markdown (or passes the provider's markdown through), pages separated by form feeds. */
export function renderMarkdown(document: OcrDocument): ParsedDocument {
  if (document.markdown?.trim())
    return joinPages('markdown', providerMarkdownPages(document.markdown, document.pages));
  return renderPages('markdown', document, renderPage);
}

function renderPage(page: OcrPage): string {
  // Tables first: a key-value pair found inside a table is then left out rather than printed twice.
  const placements: Placement<MarkdownPlaced>[] = [
    ...tablePlacements(page.tables),
    ...page.keyValues.map(keyValuePlacement),
  ];
  // Rows standing in shared columns outside the provider's tables are tables too, rendered the same way.
  return markdownPage(withLayoutTables(readPage(page, placements)));
}
