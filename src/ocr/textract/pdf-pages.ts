/**
 * The page geometry of a PDF, and single-page PDFs cut from it for Textract's synchronous APIs.
 *
 * @module
 */
import { InputError, messageOf } from '../../spec/errors.js';

/** A PDF opened with pdf-lib: its pages' sizes and single-page copies. */
export interface SplittablePdf {
  readonly pageCount: number;
  /** The size of page `pageNumber` (1-based) as displayed, in points: its crop box, turned by its rotation. */
  size(pageNumber: number): { readonly width: number; readonly height: number };
  /** A PDF holding only page `pageNumber` (1-based). */
  extract(pageNumber: number): Promise<Uint8Array>;
}

/**
 * Opens a PDF with pdf-lib, imported on first use so that loading docpipe stays fast.
 *
 * @throws {@link InputError} when pdf-lib cannot read the PDF or it is encrypted.
 */
export async function openSplittablePdf(bytes: Uint8Array, name: string): Promise<SplittablePdf> {
  const { PDFDocument } = await import('pdf-lib');
  const source = await PDFDocument.load(bytes, { updateMetadata: false }).catch((error: unknown) => {
    throw new InputError(
      `${name} could not be read as a PDF (${messageOf(error)}); decrypt or re-export it, or set OCRConfig.s3 so Textract reads it whole.`,
    );
  });
  const pages = source.getPages();
  return {
    pageCount: pages.length,
    size(pageNumber) {
      const page = pages[pageNumber - 1];
      if (page === undefined) throw new RangeError(`${name} has no page ${pageNumber}.`);
      const { width, height } = page.getCropBox();
      // Textract answers in the displayed orientation, so a page turned a quarter swaps its sides.
      return page.getRotation().angle % 180 === 0 ? { width, height } : { width: height, height: width };
    },
    async extract(pageNumber) {
      const single = await PDFDocument.create({ updateMetadata: false });
      const [copy] = await single.copyPages(source, [pageNumber - 1]);
      if (copy !== undefined) single.addPage(copy);
      return single.save();
    },
  };
}
