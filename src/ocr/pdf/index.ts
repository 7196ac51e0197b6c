/**
 * Opening, paging and rendering PDFs with pdf.js, for the local OCR providers.
 *
 * @module
 */

export { type MapPagesOptions, mapPages } from './map-pages.js';
export { type OpenPdfOptions, openPdf } from './open-pdf.js';
export type { PdfDocument, PdfPage } from './pdf-document.js';
export { encodePng, type RenderedPdfPage, type RenderPdfPageOptions, renderPdfPage } from './render-page.js';
export { type PageSelection, selectPages } from './select-pages.js';
