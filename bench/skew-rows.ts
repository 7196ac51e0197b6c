/**
 * Table rows on slightly turned scans, with and without deskewing: generated one-page invoices rendered at
 * 200 dpi, turned by −2…+2° with sharp as a crooked scan, read by tesseract and laid out by the
 * layout-conserved parser. Four ways, from two readings of each page (the turned page, and the page levelled
 * by `deskew`):
 * - `as scanned`: the turned page's reading laid out as it is (docpipe before this change, and today's parser);
 * - `levelled, parser as is`: the levelled page's reading with its boxes mapped back onto the page as given
 *   (grounding exact), laid out by today's parser, which groups rows by height and splits tilted rows again;
 * - `levelled + levelled layout`: the same, laid out after `levelledPage`;
 * - `as scanned + levelled layout`: the turned page's reading with the estimated tilt as its angle, laid out
 *   after `levelledPage` — what the tesseract provider now reports, once the parser levels pages.
 * Row integrity: the share of line-item rows whose cells all stand on one output line, in order, each cell
 * whole (`2,482.05`, not `2,482.  05`); `$`-blind ignores whether OCR read the currency sign. Also: the error of
 * the projection-profile skew estimate against one from tesseract's baselines, and the cost per page
 * (median of the runs).
 *
 * Run: npx tsx bench/skew-rows.ts [invoices=6] [seed=7] [angles=-2,-1,-0.5,0,0.5,1,2]
 */
import sharp from 'sharp';
import { loadDocument } from '../src/document/load.js';
import { deskew, estimateSkew, levelledPage, pageOnOriginal } from '../src/ocr/image-prep/index.js';
import { openPdf, renderPdfPage } from '../src/ocr/pdf/index.js';
import { resolveLanguageData } from '../src/ocr/tesseract/language-data.js';
import { tesseractPage } from '../src/ocr/tesseract/map-tesseract-page.js';
import { decodePageImage, toPgm } from '../src/ocr/tesseract/page-image.js';
import { type TesseractReading, TesseractWorker } from '../src/ocr/tesseract/tesseract-worker.js';
import { renderLayoutConserved } from '../src/parser/layout-conserved.js';
import type { OcrDocument, OcrPage } from '../src/spec/document.js';
import { inOrder } from '../tests/support/in-order.js';
import { generateInvoices } from './invoice-generator.js';
import { median } from './stats.js';

const ANGLES = (process.argv[4] ?? '-2,-1,-0.5,0,0.5,1,2').split(',').map(Number);
const WAYS = [
  'as scanned',
  'levelled, parser as is',
  'levelled + levelled layout',
  'as scanned + levelled layout',
] as const;
type Way = (typeof WAYS)[number];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const withoutCurrency = (text: string) => text.replace(/\$/g, '');

function rowsKept(
  text: string,
  rows: readonly (readonly string[])[],
  normalise: (text: string) => string,
): number {
  const lines = text.split(/\n|\f/).map((line) => normalise(collapse(line)));
  return rows.filter((row) =>
    lines.some((line) =>
      inOrder(
        line,
        row.map((cell) => normalise(collapse(cell))),
      ),
    ),
  ).length;
}

/** The clockwise tilt tesseract's baselines show: the median slope of the lines, longest lines counted most. */
function baselineSkew(reading: TesseractReading): number {
  const slopes: number[] = [];
  for (const line of reading.lines) {
    const { x0, y0, x1, y1 } = line.baseline;
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length < 50) continue;
    const degrees = (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
    for (let weight = 0; weight < Math.round(length / 50); weight++) slopes.push(degrees);
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

const layout = (page: OcrPage) =>
  renderLayoutConserved({ provider: 'tesseract', pages: [page] } as OcrDocument).text;

const count = Number(process.argv[2] ?? 6);
const seed = Number(process.argv[3] ?? 7);
const invoices = (await generateInvoices(count * 2, seed))
  .filter((invoice) => invoice.pages === 1)
  .slice(0, count);
const worker = await TesseractWorker.start(['eng'], resolveLanguageData(['eng']));
const kept = new Map<string, { strict: number; loose: number; rows: number }>();
const estimateErrors = { projection: [] as number[], baselines: [] as number[] };
const costs = { estimate: [] as number[], deskew: [] as number[], read: [] as number[] };

console.log(
  `skewed rows on ${invoices.length} generated invoices (${invoices.reduce((n, i) => n + i.truth.rows.length, 0)} line items each angle), 200 dpi`,
);
for (const invoice of invoices) {
  const pdf = await openPdf(await loadDocument({ data: invoice.pdf, name: invoice.name }), {});
  const rendered = await renderPdfPage(await pdf.page(1), { dpi: 200, maxPixels: 100_000_000 });
  const png = await rendered.canvas.encode('png');
  await pdf.close();
  for (const angle of ANGLES) {
    const scan = await sharp(png).rotate(angle, { background: '#ffffff' }).png().toBuffer();
    const raster = await decodePageImage(scan, {
      label: 'scan',
      maxPixels: 100_000_000,
      bmpToPng: async (b) => b,
    });
    let started = performance.now();
    const estimate = estimateSkew(raster);
    costs.estimate.push(performance.now() - started);
    started = performance.now();
    const level = await deskew(raster);
    costs.deskew.push(performance.now() - started);
    started = performance.now();
    const scanned = await worker.read(toPgm(raster));
    costs.read.push(performance.now() - started);
    const levelledReading = await worker.read(toPgm(level.raster));
    estimateErrors.projection.push(Math.abs(estimate - angle));
    estimateErrors.baselines.push(Math.abs(baselineSkew(scanned) - angle));

    const asScanned = tesseractPage(
      { reading: scanned, quarterTurns: 0, width: raster.width, height: raster.height },
      1,
    );
    const read = tesseractPage(
      { reading: levelledReading, quarterTurns: 0, width: level.raster.width, height: level.raster.height },
      1,
    );
    const deskewed = pageOnOriginal(read, level, 0);
    const texts: Record<Way, string> = {
      'as scanned': layout(asScanned),
      'levelled, parser as is': layout(deskewed),
      'levelled + levelled layout': layout(levelledPage(deskewed)),
      'as scanned + levelled layout': layout(levelledPage({ ...asScanned, angle: (estimate + 360) % 360 })),
    };
    for (const way of WAYS) {
      const key = `${way}@${angle}`;
      const total = kept.get(key) ?? { strict: 0, loose: 0, rows: 0 };
      total.strict += rowsKept(texts[way], invoice.truth.rows, (text) => text);
      total.loose += rowsKept(texts[way], invoice.truth.rows, withoutCurrency);
      total.rows += invoice.truth.rows.length;
      kept.set(key, total);
    }
  }
}
await worker.terminate();

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`.padStart(4);
console.log(
  `  ${'row integrity (exact | $-blind)'.padEnd(30)} ${ANGLES.map((angle) => `${angle}°`.padStart(13)).join('')}`,
);
for (const way of WAYS) {
  const cells = ANGLES.map((angle) => {
    const total = kept.get(`${way}@${angle}`) as { strict: number; loose: number; rows: number };
    return `${percent(total.strict, total.rows)} | ${percent(total.loose, total.rows)}`.padStart(13);
  });
  console.log(`  ${way.padEnd(30)} ${cells.join('')}`);
}
const describe = (errors: number[]) =>
  `median ${median(errors).toFixed(3)}°, max ${Math.max(...errors).toFixed(3)}°`;
console.log(
  `  skew estimate error: projection profile ${describe(estimateErrors.projection)}; tesseract baselines ${describe(estimateErrors.baselines)}`,
);
console.log(
  `  ms per page (median): estimate ${median(costs.estimate).toFixed(0)}, deskew (estimate + rotate) ${median(costs.deskew).toFixed(0)}, one tesseract reading ${median(costs.read).toFixed(0)}`,
);
