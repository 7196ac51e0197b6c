/**
 * One tesseract.js worker (a worker thread running tesseract compiled to WebAssembly), configured for
 * documents and offline use, with its output reduced to the lines docpipe maps.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { Line, Worker } from 'tesseract.js';
import { InputError, ProviderError } from '../../spec/errors.js';

/** A line tesseract read, with pixel boxes in the image it was given. */
export type TesseractLine = Pick<Line, 'baseline' | 'bbox' | 'confidence' | 'words'>;

/** What tesseract read in one image. */
export interface TesseractReading {
  readonly lines: readonly TesseractLine[];
}

const PROVIDER = 'tesseract';

type TesseractModule = typeof import('tesseract.js');

let loading: Promise<TesseractModule> | undefined;

// Imported on first use, so that `import 'docpipe'` does not load tesseract.js.
function loadTesseract(): Promise<TesseractModule> {
  loading ??= import('tesseract.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** A started tesseract.js worker; one image at a time. */
export class TesseractWorker {
  readonly #worker: Worker;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /**
   * Starts a worker thread and loads the languages from `langPath`.
   *
   * @throws {@link ProviderError} when tesseract.js cannot start or load the language data.
   */
  static async start(languages: readonly string[], langPath: string): Promise<TesseractWorker> {
    const tesseract = await loadTesseract();
    const worker = await createWorker(tesseract, languages, langPath).catch((error: unknown) => {
      throw startError(error);
    });
    try {
      // tesseract.js's default is one uniform block of text (PSM 6), which drops headings and table cells;
      // PSM 3 segments the page as the tesseract CLI does. debug_file silences "Estimating resolution" on stderr.
      await worker.setParameters({ tessedit_pageseg_mode: tesseract.PSM.AUTO, debug_file: '/dev/null' });
    } catch (error) {
      await worker.terminate();
      throw startError(error);
    }
    return new TesseractWorker(worker);
  }

  /**
   * Reads the text of an image (here always a PGM docpipe made).
   *
   * @throws {@link ProviderError} when tesseract fails.
   */
  async read(image: Uint8Array): Promise<TesseractReading> {
    const { data } = await this.#worker
      .recognize(toBuffer(image), {}, { text: false, blocks: true })
      .catch((error: unknown) => {
        throw new ProviderError(`tesseract failed to read the image (${reason(error)}).`, {
          provider: PROVIDER,
          cause: error,
        });
      });
    const lines = (data.blocks ?? []).flatMap((block) =>
      block.paragraphs.flatMap((paragraph) => paragraph.lines),
    );
    return { lines };
  }

  /**
   * The image re-encoded as PNG by leptonica, for formats libvips cannot decode (BMP).
   *
   * @throws {@link InputError} when leptonica cannot read the image.
   */
  async toPng(image: Uint8Array, label: string): Promise<Uint8Array> {
    // With every recognition output off, tesseract.js only decodes the image and returns the requested copy.
    const { data } = await this.#worker
      .recognize(toBuffer(image), {}, { text: false, imageColor: true })
      .catch((error: unknown) => {
        throw new InputError(`${label} cannot be decoded (${reason(error)}); convert it to PNG.`, {
          cause: error,
        });
      });
    const dataUrl = data.imageColor ?? '';
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  }

  /** Stops the worker thread; a job in progress never settles. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

// tesseract.js reports a failed start only to errorHandler, and its promise then never settles; the thread it
// started stays alive out of reach, which is why resolveLanguageData checks the data exists beforehand.
function createWorker(
  tesseract: TesseractModule,
  languages: readonly string[],
  langPath: string,
): Promise<Worker> {
  return new Promise<Worker>((resolve, reject) => {
    tesseract
      .createWorker([...languages], tesseract.OEM.LSTM_ONLY, {
        // A path: tesseract.js only downloads (from a CDN, which fails offline) when langPath is unset or a URL.
        langPath,
        cacheMethod: 'none',
        gzip: true,
        // Later jobs' failures arrive here too, once their own promises have rejected; reject is then a no-op.
        // Without a handler, tesseract.js rethrows each of them, uncaught, from its message listener. `logger`
        // stays unset: tesseract.js calls it for every progress message, so an explicit undefined would throw.
        errorHandler: reject,
      })
      .then(resolve, reject);
  });
}

function startError(error: unknown): ProviderError {
  return new ProviderError(`tesseract.js could not start a worker (${reason(error)}).`, {
    provider: PROVIDER,
    cause: error,
  });
}

// tesseract.js's types ask for a Buffer; a view over the same bytes satisfies them without a copy.
function toBuffer(image: Uint8Array): Buffer {
  return Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
}

// tesseract.js rejects with the worker's message as a string, not an Error.
function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Error: /, '').replace(/\.$/, '');
}
