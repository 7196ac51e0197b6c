/**
 * Recognising one page image on a tesseract worker: decode, measure its tilt, find which way up it is, map the
 * result, and find its selection marks.
 *
 * A tilted page is read as it is, not levelled first: tesseract finds the text lines of a page tilted by a few
 * degrees itself, while on a level page it splits a table into column blocks and drops narrow columns.
 * Generated invoices turned −5…+5° kept more table rows whole read as scanned than levelled by sharp at every
 * angle (87% against 40% at −3.5°; `bench/skew-rows.ts`). The tilt goes into the page's `angle`, so a parser
 * can line the boxes up; they stay on the image as given, where grounding needs them.
 *
 * @module
 */
import type { OcrPage, Warning } from '../../spec/document.js';
import type { PageReading } from '../engine-pool.js';
import { estimateSkew, NEGLIGIBLE_SKEW } from '../image-prep/estimate-skew.js';
import { withSelectionMarks } from '../marks/index.js';
import type { PageImage } from '../paged-recognition.js';
import { tesseractPage } from './map-tesseract-page.js';
import { readUpright } from './orientation.js';
import { pageGrayscale, toPgm, turnGrayscale } from './page-image.js';
import type { TesseractWorker } from './tesseract-worker.js';

/** What recognising one image yields. */
export interface TesseractPageResult {
  readonly page: OcrPage;
  /** `blank-page` when no text was found. */
  readonly warnings: readonly Warning[];
}

export type { PageImage } from '../paged-recognition.js';

/**
 * The page tesseract reads in `image`, upright, with its tilt in its `angle` and its checkboxes found among the
 * text.
 *
 * @throws `InputError` when the image is not readable or too large; `ProviderError` when tesseract fails;
 * `signal.reason` when the signal aborts before a reading.
 */
export async function recognizeImage(
  worker: TesseractWorker,
  image: PageImage,
  options: PageReading,
): Promise<TesseractPageResult> {
  const { pageNumber, signal, label } = options;
  const decoded = await pageGrayscale(image, {
    label,
    maxPixels: options.maxPixels,
    bmpToPng: (bmp) => worker.toPng(bmp, label),
  });
  // Measured before the page is turned upright: the estimate follows the text lines whichever way they run, and
  // a tilt stays the same under quarter turns.
  const skew = estimateSkew(decoded);
  const tilt = Math.abs(skew) < NEGLIGIBLE_SKEW ? 0 : skew;
  const upright = await readUpright(async (quarterTurns) => {
    const turned = await turnGrayscale(decoded, quarterTurns);
    // Checked right before the worker is used: it may have been terminated while the image was turned.
    signal?.throwIfAborted();
    return {
      reading: await worker.read(toPgm(turned)),
      quarterTurns,
      width: turned.width,
      height: turned.height,
      image: turned,
    };
  });
  const page = withSelectionMarks(tesseractPage(upright, pageNumber, tilt), upright.image);
  return { page, warnings: page.words === 0 ? [blankPage(pageNumber)] : [] };
}

function blankPage(pageNumber: number): Warning {
  return {
    code: 'blank-page',
    message: `Page ${pageNumber} has no text tesseract could read, so it is empty; if it should have text, check that the scan is not too faint or too small.`,
    page: pageNumber,
  };
}
