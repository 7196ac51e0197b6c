/**
 * Recognising one page image on a tesseract worker: decode, find which way up it is, map the result.
 *
 * @module
 */
import type { OcrPage, Warning } from '../../document/model.js';
import type { RenderedPdfPage } from '../pdf/index.js';
import { tesseractPage } from './map-tesseract-page.js';
import { readUpright } from './orientation.js';
import { canvasGrayscale, decodePageImage, toPgm, turnGrayscale } from './page-image.js';
import type { TesseractWorker } from './tesseract-worker.js';

/** What recognising one image yields. */
export interface TesseractPageResult {
  readonly page: OcrPage;
  /** `blank-page` when no text was found. */
  readonly warnings: readonly Warning[];
}

/** An image file's bytes (PNG, JPEG, TIFF, BMP, WEBP, GIF), or a PDF page already rendered to pixels. */
export type PageImage = Uint8Array | RenderedPdfPage;

/** Options of {@link recognizeImage}. */
export interface RecognizeImageOptions {
  readonly pageNumber: number;
  /** How error messages name the image. */
  readonly label: string;
  readonly maxPixels: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The page tesseract reads in `image`, upright.
 *
 * @throws `InputError` when the image is not readable or too large; `ProviderError` when tesseract fails;
 * `signal.reason` when the signal aborts before a reading.
 */
export async function recognizeImage(
  worker: TesseractWorker,
  image: PageImage,
  options: RecognizeImageOptions,
): Promise<TesseractPageResult> {
  const { pageNumber, signal, label } = options;
  const decoded =
    image instanceof Uint8Array
      ? await decodePageImage(image, {
          label,
          maxPixels: options.maxPixels,
          bmpToPng: (bmp) => worker.toPng(bmp, label),
        })
      : canvasGrayscale(image.canvas);
  const upright = await readUpright(async (quarterTurns) => {
    const turned = await turnGrayscale(decoded, quarterTurns);
    // Checked right before the worker is used: it may have been terminated while the image was turned.
    signal?.throwIfAborted();
    return {
      reading: await worker.read(toPgm(turned)),
      quarterTurns,
      width: turned.width,
      height: turned.height,
    };
  });
  const page = tesseractPage(upright, pageNumber);
  return { page, warnings: page.words === 0 ? [blankPage(pageNumber)] : [] };
}

function blankPage(pageNumber: number): Warning {
  return {
    code: 'blank-page',
    message: `Page ${pageNumber} has no text tesseract could read, so it is empty; if it should have text, check that the scan is not too faint or too small.`,
    page: pageNumber,
  };
}
