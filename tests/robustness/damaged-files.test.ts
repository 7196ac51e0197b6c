/**
 * Broken and hostile inputs (issue 20): damaged copies of real PDFs and images, made by seeded mutations
 * of the fixtures, each parsed as `docpipe parse` does in a child process of its own. Each must end within
 * 30 s with text or a DocpipeError saying what is wrong: no crash, no hang, no bug's TypeError. The seeds
 * are fixed, so a failure here reproduces; bench/fuzz.ts runs hundreds more.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate } from '../support/mutations.js';
import { type ParseChildResult, runParseChild } from '../support/parse-child.js';
import { runCliChild } from '../support/run-cli.js';

const DEADLINE_MS = 30_000;
// The machine has 2 cores, and each child runs pdf.js or tesseract flat out.
const CONCURRENCY = 2;

interface DamagedCase {
  readonly fixture: string;
  readonly provider: 'pdf-text' | 'auto' | 'tesseract';
  readonly seed: number;
}

// Seeds picked so the corpus holds every kind of damage (see each mutant's description in a failure).
const CORPUS: readonly DamagedCase[] = [
  { fixture: 'pdfs/contoso-invoice-1.pdf', provider: 'pdf-text', seed: 2 },
  { fixture: 'pdfs/contoso-invoice-1.pdf', provider: 'auto', seed: 8 },
  { fixture: 'pdfs/gpt4v-invoice.pdf', provider: 'pdf-text', seed: 9 },
  { fixture: 'pdfs/gpt4v-invoice.pdf', provider: 'auto', seed: 11 },
  { fixture: 'pdfs/bcgov-monthly-report.pdf', provider: 'pdf-text', seed: 3 },
  { fixture: 'documents/reading_order.pdf', provider: 'pdf-text', seed: 5 },
  { fixture: 'documents/reading_order.pdf', provider: 'auto', seed: 4 },
  { fixture: 'documents/textractor-multipage-doc.pdf', provider: 'pdf-text', seed: 7 },
  { fixture: 'documents/textractor-multipage-doc.pdf', provider: 'auto', seed: 19 },
  { fixture: 'pdfs/geofinder-scanned-form.pdf', provider: 'pdf-text', seed: 10 },
  { fixture: 'images/multicol-test-document.png', provider: 'tesseract', seed: 8 },
  { fixture: 'images/multicol-test-document.png', provider: 'tesseract', seed: 9 },
  { fixture: 'images/multicol-test-document.png', provider: 'tesseract', seed: 12 },
  { fixture: 'textract/default_invoice_1.png', provider: 'tesseract', seed: 2 },
  { fixture: 'documents/receipt.jpg', provider: 'tesseract', seed: 7 },
  { fixture: 'documents/receipt.jpg', provider: 'tesseract', seed: 9 },
  { fixture: 'documents/receipt.jpg', provider: 'tesseract', seed: 12 },
  { fixture: 'textract/paystub.jpg', provider: 'tesseract', seed: 6 },
  // Mutants that hung (pdf.js text with NaN boxes, which the layout renderer looped on) or crashed the process
  // (a segmentation fault in the canvas image decoder) before issue 20, found by `bench/fuzz.ts --seed 1`.
  { fixture: 'documents/reading_order.pdf', provider: 'pdf-text', seed: 1_000_023 },
  { fixture: 'pdfs/contoso-invoice-1.pdf', provider: 'pdf-text', seed: 1_000_231 },
  { fixture: 'textract/default_invoice_1.png', provider: 'tesseract', seed: 1_000_015 },
  { fixture: 'textract/paystub.jpg', provider: 'tesseract', seed: 1_000_036 },
];

// Every child may take its full deadline in the worst case; then the assertions, not the hook, report it.
const CORPUS_TIMEOUT_MS = Math.ceil(CORPUS.length / CONCURRENCY) * (DEADLINE_MS + 2_000);

let workDir: string;
const results = new Map<DamagedCase, { readonly mutation: string; readonly result: ParseChildResult }>();

/** Writes the mutant of `fixture` with `seed` to the work directory; returns its path and mutation. */
async function damagedCopy(fixture: string, seed: number): Promise<{ path: string; mutation: string }> {
  const mutant = mutate(await readFile(join('tests/fixtures', fixture)), seed);
  const path = join(workDir, `seed${seed}-${basename(fixture)}`);
  await writeFile(path, mutant.bytes);
  return { path, mutation: mutant.description };
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'docpipe-damaged-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('docpipe parse of a damaged file', () => {
  beforeAll(async () => {
    await inParallel(CORPUS, async (item) => {
      const { path, mutation } = await damagedCopy(item.fixture, item.seed);
      results.set(item, {
        mutation,
        result: await runParseChild(path, item.provider, { deadlineMs: DEADLINE_MS }),
      });
    });
  }, CORPUS_TIMEOUT_MS);

  it.each(CORPUS)('$fixture, seed $seed, --ocr $provider: ends with text or a typed error', (item) => {
    const { mutation, result } = results.get(item) ?? expect.unreachable('the child did not run');
    const name = 'name' in result && result.name ? `${result.name}: ` : '';
    const story = `${mutation}: ${result.outcome} after ${result.ms} ms: ${name}${result.message}\n${result.stderr}`;
    expect(['ok', 'typed'], story).toContain(result.outcome);
    expect(result.ms, story).toBeLessThan(DEADLINE_MS);
  });
});

describe('the docpipe CLI on a damaged file', () => {
  it(
    'reads what it can, or fails with one line saying what is wrong, and exits',
    async () => {
      const cases = [
        { fixture: 'pdfs/contoso-invoice-1.pdf', seed: 4, ocr: 'pdf-text' }, // truncated to 8% of its bytes
        { fixture: 'images/multicol-test-document.png', seed: 12, ocr: 'tesseract' }, // an IDAT chunk's CRC, then garbage
        { fixture: 'documents/receipt.jpg', seed: 7, ocr: 'tesseract' }, // libvips reports it on three lines
        { fixture: 'documents/single-page-1.png', seed: 14, ocr: 'tesseract' },
      ];
      const runs = await Promise.all(
        cases.map(async ({ fixture, seed, ocr }) => {
          const { path, mutation } = await damagedCopy(fixture, seed);
          return {
            mutation,
            ...(await runCliChild(['parse', path, '--ocr', ocr, '--no-cache'], { deadlineMs: DEADLINE_MS })),
          };
        }),
      );
      for (const { mutation, code, signal, stderr } of runs) {
        const story = `${mutation}: exit ${code ?? signal}, stderr:\n${stderr}`;
        expect([0, 1], story).toContain(code);
        if (code === 0) continue;
        // Leptonica may print a line of its own while reading a damaged image; docpipe's is one line.
        const ours = stderr.split('\n').filter((line) => line.startsWith('docpipe: '));
        expect(ours, story).toHaveLength(1);
        expect(ours[0], story).not.toMatch(/unexpected error/);
      }
      // Some damage is too much to read past: the command says so, on one line.
      expect(runs.map((run) => run.code)).toContain(1);
    },
    DEADLINE_MS + 10_000,
  );
});
