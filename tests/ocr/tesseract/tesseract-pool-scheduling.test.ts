import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TesseractPool } from '../../../src/ocr/tesseract/index.js';
import { ConfigError, InputError, ProviderError } from '../../../src/spec/errors.js';
import { fixture } from './test-images.js';

// Counts what the pool does with tesseract.js: workers created and terminated, and readings in flight.
const tesseract = vi.hoisted(() => ({ created: 0, terminated: 0, reading: 0, mostReading: 0, readsDone: 0 }));

vi.mock('tesseract.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('tesseract.js')>();
  const createWorker: typeof original.createWorker = async (...args) => {
    tesseract.created += 1;
    const worker = await original.createWorker(...args);
    const { recognize, terminate } = worker;
    worker.recognize = async (...recognizeArgs) => {
      tesseract.reading += 1;
      tesseract.mostReading = Math.max(tesseract.mostReading, tesseract.reading);
      try {
        return await recognize(...recognizeArgs);
      } finally {
        tesseract.reading -= 1;
        tesseract.readsDone += 1;
      }
    };
    worker.terminate = (...terminateArgs) => {
      tesseract.terminated += 1;
      return terminate(...terminateArgs);
    };
    return worker;
  };
  return { ...original, createWorker };
});

let multicolumn: Uint8Array;
let titlePage: Uint8Array;

beforeAll(async () => {
  multicolumn = await fixture('images/multicol-test-document.png');
  titlePage = await fixture('documents/single-page-1.png');
});

beforeEach(() => {
  Object.assign(tesseract, { created: 0, terminated: 0, reading: 0, mostReading: 0, readsDone: 0 });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('TesseractPool scheduling', () => {
  it('starts workers on first use, runs at most `size` at once, and reuses them', async () => {
    const pool = new TesseractPool({ size: 2 });
    try {
      expect(tesseract.created).toBe(0);

      const pages = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((pageNumber) => pool.recognize(multicolumn, { pageNumber })),
      );
      await pool.recognize(multicolumn, { pageNumber: 7 });

      expect(pages.map(({ page }) => page.lines[0]?.id)).toEqual([
        'p1-l0',
        'p2-l0',
        'p3-l0',
        'p4-l0',
        'p5-l0',
        'p6-l0',
      ]);
      expect(tesseract.created).toBe(2);
      expect(tesseract.mostReading).toBe(2);
    } finally {
      await pool.close();
    }
    expect(tesseract.terminated).toBe(2);
  });

  it('rejects with the abort reason at once, and keeps the worker for the next image', async () => {
    const pool = new TesseractPool({ size: 1 });
    try {
      const controller = new AbortController();
      const recognition = pool.recognize(titlePage, { pageNumber: 1, signal: controller.signal });
      await until(() => tesseract.reading === 1);
      const reason = new Error('stopped by the test');

      controller.abort(reason);

      await expect(recognition).rejects.toBe(reason);
      expect(tesseract.readsDone).toBe(0);
      const { page } = await pool.recognize(multicolumn, { pageNumber: 2 });
      expect(page.lines[0]?.text).toBe('Multi-column test document');
      expect(tesseract.created).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('stops a reading that overruns its time budget, naming the page and the limit, and replaces its worker', async () => {
    const pool = new TesseractPool({ size: 1 });
    try {
      const recognition = pool.recognize(titlePage, { pageNumber: 3, maxMs: 50 });

      await expect(recognition).rejects.toThrow(InputError);
      await expect(recognition).rejects.toThrow(
        /^OCR of page 3 took longer than the limit of 0\.05 s per page, so it was stopped; .*raise limits\.maxPageMs, otherwise/,
      );
      await until(() => tesseract.terminated === 1);
      const { page } = await pool.recognize(multicolumn, { pageNumber: 4 });
      expect(page.lines[0]?.text).toBe('Multi-column test document');
      expect(tesseract.created).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('drops a queued recognition whose signal aborts, without running it', async () => {
    const pool = new TesseractPool({ size: 1 });
    try {
      const running = pool.recognize(multicolumn, { pageNumber: 1 });
      const controller = new AbortController();
      const queued = pool.recognize(titlePage, { pageNumber: 2, signal: controller.signal });

      controller.abort();

      await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
      await running;
      expect(tesseract.readsDone).toBe(1);
      await expect(
        pool.recognize(multicolumn, { pageNumber: 3, signal: AbortSignal.abort() }),
      ).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await pool.close();
    }
  });

  it('rejects queued and running recognitions on close(), terminates its workers, and refuses new ones', async () => {
    const pool = new TesseractPool({ size: 1 });
    const running = pool.recognize(titlePage, { pageNumber: 1 });
    const queued = pool.recognize(multicolumn, { pageNumber: 2 });
    await until(() => tesseract.reading === 1);

    await pool.close();

    await expect(running).rejects.toThrow(ProviderError);
    await expect(queued).rejects.toThrow(/pool is closed/);
    await expect(pool.recognize(multicolumn, { pageNumber: 3 })).rejects.toThrow(/pool is closed/);
    expect(tesseract.terminated).toBe(1);
  });
});

describe('TesseractPool options', () => {
  it('names the package to install for a language that is not installed', () => {
    expect(() => new TesseractPool({ languages: ['deu'] })).toThrow(ConfigError);
    expect(() => new TesseractPool({ languages: ['deu'] })).toThrow(/npm install @tesseract\.js-data\/deu/);
  });

  it('refuses a language code that is not one', () => {
    expect(() => new TesseractPool({ languages: ['../eng'] })).toThrow(ConfigError);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => new TesseractPool({ size: 0 })).toThrow(ConfigError);
    expect(() => new TesseractPool({ size: 1.5 })).toThrow(/positive whole number/);
  });
});
