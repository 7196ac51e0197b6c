/**
 * An open PDF and its pages, wrapping pdf.js so its types stay inside `src/ocr/`.
 *
 * @module
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { unreadablePageError } from './pdf-errors.js';
import { assertPageExists } from './select-pages.js';

/** An open PDF. Close it when done. */
export interface PdfDocument {
  /** The number of pages, at least 1. */
  readonly pageCount: number;
  /**
   * One page, read on demand.
   *
   * @param pageNumber - 1-based.
   * @throws `InputError` when the PDF has no such page, or the page is damaged.
   */
  page(pageNumber: number): Promise<PdfPage>;
  /** Releases pdf.js's memory for the document; its pages must not be used afterwards. */
  close(): Promise<void>;
}

/** One page of a {@link PdfDocument}. */
export interface PdfPage {
  /** 1-based. */
  readonly pageNumber: number;
  /** The width in PDF points, after applying the page's /Rotate. */
  readonly width: number;
  /** The height in PDF points, after applying the page's /Rotate. */
  readonly height: number;
  /** The page's /Rotate: 0, 90, 180 or 270 degrees clockwise. */
  readonly rotation: number;
}

/** What the readers of a page need from pdf.js, kept out of {@link PdfPage}'s public shape. */
export interface PdfPageSource {
  readonly proxy: PDFPageProxy;
  /** The document's name, for error messages. */
  readonly documentName: string;
  /** Whether the document lacks its end-of-file marker, to explain a page that fails to read. */
  readonly truncated: boolean;
}

const sources = new WeakMap<PdfPage, PdfPageSource>();

/**
 * The pdf.js page behind `page`.
 *
 * @throws TypeError when `page` did not come from {@link PdfDocument.page}.
 */
export function pdfPageSource(page: PdfPage): PdfPageSource {
  const source = sources.get(page);
  if (source === undefined)
    throw new TypeError('The page was not opened with openPdf(); get it from PdfDocument.page().');
  return source;
}

/** A {@link PdfDocument} over a document pdf.js has opened. */
export class PdfjsDocument implements PdfDocument {
  readonly pageCount: number;
  readonly #proxy: PDFDocumentProxy;
  readonly #name: string;
  readonly #truncated: boolean;

  constructor(proxy: PDFDocumentProxy, name: string, truncated: boolean) {
    this.#proxy = proxy;
    this.#name = name;
    this.#truncated = truncated;
    this.pageCount = proxy.numPages;
  }

  async page(pageNumber: number): Promise<PdfPage> {
    assertPageExists(this.pageCount, pageNumber, this.#name);
    let proxy: PDFPageProxy;
    try {
      proxy = await this.#proxy.getPage(pageNumber);
    } catch (error) {
      throw unreadablePageError(error, this.#name, pageNumber, this.#truncated);
    }
    const { width, height } = proxy.getViewport({ scale: 1 });
    const page: PdfPage = Object.freeze({ pageNumber, width, height, rotation: proxy.rotate });
    sources.set(page, { proxy, documentName: this.#name, truncated: this.#truncated });
    return page;
  }

  async close(): Promise<void> {
    await this.#proxy.destroy();
  }
}
