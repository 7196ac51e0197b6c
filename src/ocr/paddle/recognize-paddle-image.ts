/**
 * Recognising one page image on a paddle worker: decode and level it here, read it on the worker's thread, map
 * the result back onto the image as given.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import { InputError, messageOf } from '../../spec/errors.js';
import type { PageReading } from '../engine-pool.js';
import { deskew } from '../image-prep/deskew.js';
import { pageOnOriginal } from '../image-prep/page-on-original.js';
import { withSelectionMarks } from '../marks/index.js';
import type { PageImage, RecognizedPage } from '../paged-recognition.js';
import { pageGrayscale } from '../tesseract/page-image.js';
import { paddlePage } from './map-paddle-page.js';
import type { PaddleWorker } from './paddle-worker.js';

/**
 * The page the paddle engine reads in `image`, upright, with its boxes on the image as given.
 *
 * @throws `InputError` when the image is not readable or too large; `ProviderError` when the engine fails;
 * `signal.reason` when the signal aborts before the reading.
 */
export async function recognizePaddleImage(
  worker: PaddleWorker,
  image: PageImage,
  options: PageReading,
): Promise<RecognizedPage> {
  const { pageNumber, signal, label } = options;
  const decoded = await pageGrayscale(image, {
    label,
    maxPixels: options.maxPixels,
    bmpToPng: (bmp) => bmpToPng(bmp, label),
  });
  // Detection boxes are upright rectangles: they fit level lines best.
  const level = await deskew(decoded);
  // Checked right before the worker is used: it may have been terminated while the image was prepared.
  signal?.throwIfAborted();
  const reading = await worker.read(level.raster);
  const read = pageOnOriginal(paddlePage(reading, pageNumber), level, reading.quarterTurns);
  // Checkboxes are looked for on the raster as given, whose frame the page's boxes are in unless the page was
  // read turned a quarter or more (then its boxes are in the turned frame, which no raster here holds).
  const page = reading.quarterTurns === 0 ? withSelectionMarks(read, decoded) : read;
  return { page, warnings: page.words === 0 ? [blankPage(pageNumber)] : [] };
}

// libvips reads no BMP; skia (through the canvas) does. The tesseract engine converts with leptonica instead.
async function bmpToPng(bmp: Uint8Array, label: string): Promise<Uint8Array> {
  try {
    // Imported here: the native canvas costs startup time that only BMP pages need.
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(Buffer.from(bmp.buffer, bmp.byteOffset, bmp.byteLength));
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    return await canvas.encode('png');
  } catch (error) {
    throw new InputError(`${label} cannot be decoded (${messageOf(error)}); convert it to PNG.`, {
      cause: error,
    });
  }
}

function blankPage(pageNumber: number): Warning {
  return {
    code: 'blank-page',
    message: `Page ${pageNumber} has no text the paddle engine could read, so it is empty; if it should have text, check that the image is not too faint or too small.`,
    page: pageNumber,
  };
}
