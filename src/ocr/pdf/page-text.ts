/**
 * A page's text layer as pdf.js reports it, in plain types, so the `pdf-text` mapping needs no pdf.js types.
 *
 * @module
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { type PdfPage, pdfPageSource } from './pdf-document.js';
import { unreadablePageError } from './pdf-errors.js';

/** A run of text drawn with one font, positioned in PDF user space. */
export interface TextRun {
  /** The text, with spaces pdf.js inferred from gaps between glyphs. */
  readonly str: string;
  /** The text-space-to-user-space matrix `[a, b, c, d, e, f]`: the origin is on the baseline, at the start. */
  readonly transform: readonly number[];
  /** The advance width along the baseline, in user-space units. */
  readonly width: number;
  /** The key of the run's font in {@link PageText.fonts}. */
  readonly fontName: string;
}

/** How far a font reaches above and below its baseline, as fractions of the font size. */
export interface FontExtent {
  readonly ascent: number;
  /** Negative below the baseline. */
  readonly descent: number;
}

/** The text layer of one page. */
export interface PageText {
  readonly runs: readonly TextRun[];
  readonly fonts: Readonly<Record<string, FontExtent | undefined>>;
  /** User space to the upright page (its /Rotate applied): points, origin top left, y down. */
  readonly transform: readonly number[];
  /** The upright page's width in points. */
  readonly width: number;
  /** The upright page's height in points. */
  readonly height: number;
}

/**
 * Reads the text layer of a page.
 *
 * @throws `InputError` when pdf.js cannot read the page's content.
 */
export async function readPageText(page: PdfPage): Promise<PageText> {
  const { proxy, documentName, truncated } = pdfPageSource(page);
  const content = await proxy.getTextContent().catch((error: unknown) => {
    throw unreadablePageError(error, documentName, page.pageNumber, truncated);
  });
  const { transform, width, height } = proxy.getViewport({ scale: 1 });
  const runs = content.items.filter((item): item is TextItem => 'str' in item);
  return { runs, fonts: content.styles, transform, width, height };
}
