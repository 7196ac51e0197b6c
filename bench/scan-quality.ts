/**
 * How well OCR keeps invoice tables together on scans, against the native `tesseract` CLI (issue 14).
 *
 * Generated invoices (`invoice-generator.ts`: varied fonts and column orders, 3–15 line items, every
 * third table continuing on page 2) are "scanned": each page rendered with docpipe's own pdf.js renderer
 * at 150, 200 or 300 dpi, then degraded the way a desk scanner does, seeded per page: rotated by −2° to +2°
 * on white, Gaussian noise (σ = 16 grey levels), a 0.6 px blur, and saved as JPEG at quality 70 (libvips
 * through `sharp`; the JPEG records its dpi). The same JPEGs are read, in the same run, by:
 * - docpipe `paddle`, `tesseract` and `auto`, each page its own document, through
 *   `linearPipeline({ stages: [OCR, PARSER] })` with the default `layout-conserved` parser;
 * - the native CLI, `tesseract <page.jpg> - --psm 4` and `--psm 6` (Debian `tesseract-ocr`).
 * A multi-page invoice's page texts are joined by form feeds and scored as one invoice: row integrity (the
 * share of line-item rows whose cells all appear on one output line, in order) and value recall (the share
 * of known values present in the text), as in `parse-quality.ts`. Speed: the median of the per-page times.
 * Targets for docpipe's engines: row integrity ≥ 90%, value recall ≥ 97%, and ahead of both native
 * tesseract modes on both.
 *
 * Run: npx tsx bench/scan-quality.ts [invoices] [seed]   (defaults 12 and 42; needs `tesseract`:
 * apt-get install tesseract-ocr)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { linearPipeline, loadDocument, type OCRConfigOptions, Stage } from '../src/index.js';
import { openPdf, renderPdfPage } from '../src/ocr/pdf/index.js';
import { mulberry32, type Random } from '../tests/support/seeded-random.js';
import { type GeneratedInvoice, generateInvoices } from './invoice-generator.js';
import { percent, type ScoreCounts, score } from './invoice-scoring.js';
import { median } from './stats.js';

const TARGET_ROWS = 0.9;
const TARGET_RECALL = 0.97;
const DPIS = [150, 200, 300] as const;
const NOISE_SIGMA = 16;

interface ScannedInvoice {
  readonly invoice: GeneratedInvoice;
  /** Paths of the page JPEGs, in page order. */
  readonly pages: readonly string[];
}

interface EngineResult extends ScoreCounts {
  readonly name: string;
  readonly pageSeconds: readonly number[];
}

/** A standard normal deviate (Box–Muller). */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Renders, rotates, adds noise, blurs and JPEG-compresses one page; returns its dpi. */
async function scanPage(
  page: Awaited<ReturnType<Awaited<ReturnType<typeof openPdf>>['page']>>,
  random: Random,
  path: string,
): Promise<number> {
  const dpi = DPIS[Math.floor(random() * DPIS.length)] as number;
  const angle = random() * 4 - 2;
  const rendered = await renderPdfPage(page, { dpi, maxPixels: 100_000_000 });
  const png = await rendered.canvas.encode('png');
  const rotated = await sharp(png)
    .greyscale()
    .rotate(angle, { background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = rotated.data;
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = Math.max(
      0,
      Math.min(255, Math.round((pixels[i] as number) + NOISE_SIGMA * gaussian(random))),
    );
  }
  const { width, height, channels } = rotated.info;
  await sharp(pixels, { raw: { width, height, channels } })
    .blur(0.6)
    .withMetadata({ density: dpi })
    .jpeg({ quality: 70 })
    .toFile(path);
  return dpi;
}

async function scanInvoices(invoices: readonly GeneratedInvoice[], seed: number, dir: string) {
  const scanned: ScannedInvoice[] = [];
  const dpis: number[] = [];
  for (const [n, invoice] of invoices.entries()) {
    const pdf = await openPdf(await loadDocument({ data: invoice.pdf, name: invoice.name }));
    const pages: string[] = [];
    try {
      for (let p = 1; p <= pdf.pageCount; p++) {
        const path = join(dir, `${invoice.name.replace(/\.pdf$/, '')}-p${p}.jpg`);
        dpis.push(await scanPage(await pdf.page(p), mulberry32(seed * 1000 + n * 10 + p), path));
        pages.push(path);
      }
    } finally {
      await pdf.close();
    }
    scanned.push({ invoice, pages });
  }
  return { scanned, dpis };
}

/** Reads every page with `read`, timing each, and scores each invoice's joined text. */
async function measure(
  name: string,
  scans: readonly ScannedInvoice[],
  read: (path: string) => Promise<string>,
): Promise<EngineResult> {
  const total = { rowsKept: 0, rows: 0, valuesFound: 0, values: 0 };
  const pageSeconds: number[] = [];
  for (const { invoice, pages } of scans) {
    const texts: string[] = [];
    for (const path of pages) {
      const started = performance.now();
      texts.push(await read(path));
      pageSeconds.push((performance.now() - started) / 1000);
    }
    const s = score(texts.join('\f'), invoice.truth);
    total.rowsKept += s.rowsKept;
    total.rows += s.rows;
    total.valuesFound += s.valuesFound;
    total.values += s.values;
  }
  return { name, ...total, pageSeconds };
}

async function docpipe(provider: OCRConfigOptions['provider'], scans: readonly ScannedInvoice[]) {
  const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr: { provider }, cache: false });
  try {
    return await measure(`docpipe ${provider}`, scans, async (path) => {
      const result = await pipeline.run({
        data: await readFile(path),
        name: path.slice(path.lastIndexOf('/') + 1),
      });
      return result.stages.parser?.text ?? '';
    });
  } finally {
    await pipeline.close();
  }
}

function native(psm: 4 | 6, scans: readonly ScannedInvoice[]) {
  return measure(`tesseract CLI --psm ${psm}`, scans, async (path) => {
    const { stdout } = await promisify(execFile)('tesseract', [path, '-', '--psm', String(psm)], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  });
}

const rowShare = (r: EngineResult) => r.rowsKept / r.rows;
const recallShare = (r: EngineResult) => r.valuesFound / r.values;

const argv = process.argv.slice(2);
const count = Number(argv[0] ?? 12);
const seed = Number(argv[1] ?? 42);
const invoices = await generateInvoices(count, seed);
const dir = await mkdtemp(join(tmpdir(), 'docpipe-scan-quality-'));
const { scanned, dpis } = await scanInvoices(invoices, seed, dir);
const dpiCounts = DPIS.map((dpi) => `${dpis.filter((d) => d === dpi).length}×${dpi}`).join(', ');
console.log(
  `scan quality on ${invoices.length} generated invoices (seed ${seed}; ${dpis.length} scanned pages: ${dpiCounts} dpi; ${invoices.reduce((n, i) => n + i.truth.rows.length, 0)} line items), scans in ${dir}`,
);

const results: EngineResult[] = [];
for (const provider of ['paddle', 'tesseract', 'auto'] as const) {
  try {
    results.push(await docpipe(provider, scanned));
  } catch (error) {
    console.log(`  docpipe ${provider}: not run (${(error as Error).message})`);
  }
}
const natives: EngineResult[] = [];
for (const psm of [4, 6] as const) {
  try {
    natives.push(await native(psm, scanned));
  } catch (error) {
    console.log(
      `  tesseract CLI --psm ${psm}: not run (${(error as Error).message}); apt-get install tesseract-ocr`,
    );
  }
}

const psm4 = natives.find((r) => r.name.endsWith('4'));
const ratio = (ours: number, theirs: number | undefined) =>
  theirs === undefined || theirs === 0 ? '   –' : (ours / theirs).toFixed(2).padStart(4);
console.log(
  `  ${'engine'.padEnd(22)} ${'row integrity'.padEnd(19)} ${'value recall'.padEnd(19)} s/page   vs psm 4 (rows, recall, time)   targets`,
);
for (const r of [...results, ...natives]) {
  const seconds = median(r.pageSeconds);
  const isNative = natives.includes(r);
  const bestNativeRows = Math.max(...natives.map(rowShare));
  const bestNativeRecall = Math.max(...natives.map(recallShare));
  const misses = [
    rowShare(r) < TARGET_ROWS && 'rows < 90%',
    recallShare(r) < TARGET_RECALL && 'recall < 97%',
    natives.length > 0 && rowShare(r) <= bestNativeRows && 'rows not ahead of native',
    natives.length > 0 && recallShare(r) <= bestNativeRecall && 'recall not ahead of native',
  ].filter((miss): miss is string => miss !== false);
  const verdict = isNative ? '(reference)' : misses.length === 0 ? 'PASS' : `MISS: ${misses.join(', ')}`;
  console.log(
    `  ${r.name.padEnd(22)} ${percent(r.rowsKept, r.rows)} (${`${r.rowsKept}/${r.rows})`.padEnd(9)} ${percent(r.valuesFound, r.values)} (${`${r.valuesFound}/${r.values})`.padEnd(9)} ${seconds.toFixed(2).padStart(6)}   ${ratio(rowShare(r), psm4 && rowShare(psm4))}  ${ratio(recallShare(r), psm4 && recallShare(psm4))}  ${ratio(seconds, psm4 && median(psm4.pageSeconds))}         ${verdict}`,
  );
}
console.log(
  `  targets: row integrity ≥ ${TARGET_ROWS * 100}%, value recall ≥ ${TARGET_RECALL * 100}%, both above the better native mode; s/page is the median page time (engine start-up included in the first page)`,
);
