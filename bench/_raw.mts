import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import { createWorker } from 'tesseract.js';
import { encodePng, openPdf, renderPdfPage } from '../src/ocr/pdf/index.js';
import { generateInvoices } from './invoice-generator.js';

const require = createRequire(import.meta.url);
const { langPath } = require('@tesseract.js-data/eng');
const inv = await generateInvoices(4);
const pngs: Uint8Array[] = [];
for (const i of inv) {
  const pdf = await openPdf({ id: 'x', name: 'x.pdf', mediaType: 'application/pdf', bytes: i.pdf });
  pngs.push(await encodePng(await renderPdfPage(await pdf.page(1), { dpi: 150, maxPixels: 1e8 })));
}
const mk = () => createWorker('eng', 1, { langPath, cacheMethod: 'none', gzip: true });
const w1 = await mk();
const w2 = await mk();
await w1.recognize(Buffer.from(pngs[0]!));
await w2.recognize(Buffer.from(pngs[0]!));
let t = performance.now();
for (const p of [...pngs, ...pngs]) await w1.recognize(Buffer.from(p));
const one = (performance.now() - t) / 8;
t = performance.now();
await Promise.all([
  (async () => {
    for (const p of pngs) await w1.recognize(Buffer.from(p));
  })(),
  (async () => {
    for (const p of pngs) await w2.recognize(Buffer.from(p));
  })(),
]);
const two = (performance.now() - t) / 8;
console.log(
  `raw tesseract.js: 1 worker ${one.toFixed(0)} ms/page, 2 workers ${two.toFixed(0)} ms/page → ${(one / two).toFixed(2)}×`,
);
await w1.terminate();
await w2.terminate();
