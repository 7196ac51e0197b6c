/**
 * How well parsed text keeps invoice tables together, against `pdftotext -layout` (poppler).
 *
 * 36 generated invoice PDFs (varied fonts, column orders, 3–15 line items, every third table
 * continuing on page 2) with known contents, measured three ways in the same run:
 * - docpipe `pdf-text` + `LAYOUT_CONSERVED`;
 * - `pdftotext -layout` (Debian poppler-utils);
 * - docpipe `tesseract` on the same pages rasterized at 200 DPI, + `LAYOUT_CONSERVED`.
 * Scores: row integrity (the share of line-item rows whose cells all appear on one output line,
 * in order) and value recall (the share of known values present in the text).
 * Targets: row integrity ≥ 99% and never below pdftotext's; recall 100% on digital PDFs; recall
 * ≥ 95% on the rasterized ones.
 *
 * Run: npx tsx bench/parse-quality.ts   (needs `pdftotext`: apt-get install poppler-utils)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { linearPipeline, type OCRConfigOptions, Stage } from '../src/index.js';
import { type GeneratedInvoice, generateInvoices } from './invoice-generator.js';
import { percent, type ScoreCounts, score } from './invoice-scoring.js';

interface Score extends ScoreCounts {
  readonly pages: number;
  readonly seconds: number;
}

async function measure(
  invoices: readonly GeneratedInvoice[],
  textOf: (invoice: GeneratedInvoice) => Promise<string>,
): Promise<Score> {
  const total = { rowsKept: 0, rows: 0, valuesFound: 0, values: 0, pages: 0, seconds: 0 };
  const started = performance.now();
  for (const invoice of invoices) {
    const s = score(await textOf(invoice), invoice.truth);
    total.rowsKept += s.rowsKept;
    total.rows += s.rows;
    total.valuesFound += s.valuesFound;
    total.values += s.values;
    total.pages += invoice.pages;
  }
  total.seconds = (performance.now() - started) / 1000;
  return total;
}

function docpipeText(ocr: OCRConfigOptions) {
  const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr });
  return {
    textOf: async (invoice: GeneratedInvoice) =>
      (await pipeline.run({ data: invoice.pdf, name: invoice.name })).stages.parser?.text ?? '',
    close: () => pipeline.close(),
  };
}

async function pdftotextText(dir: string): Promise<(invoice: GeneratedInvoice) => Promise<string>> {
  return async (invoice) => {
    const path = join(dir, invoice.name);
    await writeFile(path, invoice.pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', path, '-']);
    return stdout;
  };
}

function report(name: string, s: Score): void {
  console.log(
    `  ${name.padEnd(34)} ${percent(s.rowsKept, s.rows)} (${s.rowsKept}/${s.rows})   ${percent(s.valuesFound, s.values)} (${s.valuesFound}/${s.values})   ${(s.pages / s.seconds).toFixed(1).padStart(7)} pages/s`,
  );
}

const invoices = await generateInvoices(36);
const dir = await mkdtemp(join(tmpdir(), 'docpipe-parse-quality-'));
console.log(
  `parse quality on ${invoices.length} generated invoices (${invoices.reduce((n, i) => n + i.pages, 0)} pages, ${invoices.reduce((n, i) => n + i.truth.rows.length, 0)} line items)`,
);
console.log(`  ${'method'.padEnd(34)} row integrity         value recall          speed`);

const digital = docpipeText({ provider: 'pdf-text' });
const docpipeScore = await measure(invoices, digital.textOf);
await digital.close();
report('docpipe pdf-text + layout-conserved', docpipeScore);

let popplerScore: Score | undefined;
try {
  popplerScore = await measure(invoices, await pdftotextText(dir));
  report('pdftotext -layout', popplerScore);
} catch (error) {
  console.log(`  pdftotext -layout: not run (${(error as Error).message}); install poppler-utils`);
}

const scanned = docpipeText({ provider: 'tesseract', dpi: 200 });
report('docpipe tesseract @200 dpi + layout', await measure(invoices, scanned.textOf));
await scanned.close();

if (popplerScore) {
  const ours = docpipeScore.rowsKept / docpipeScore.rows;
  const theirs = popplerScore.rowsKept / popplerScore.rows;
  console.log(`  row integrity ratio docpipe / pdftotext: ${(ours / theirs).toFixed(3)}`);
}
