/**
 * Offline selection marks against human labels: the five labelled "Project Statement" PDFs (three labelled
 * checkboxes each) read by the `tesseract` provider as scans, and a phone photo of a filled-in paper form
 * (bcgov HR0081) against the 28 checkboxes Azure's prebuilt-layout model reports on it (a reference, not
 * ground truth). Before the marks module the offline engines found none of them.
 *
 * Found: labelled checkboxes with a mark over them; correct: found with the labelled state; extra: marks
 * over no labelled checkbox. Cost: milliseconds per page of finding the marks (median of the runs), next to a
 * tesseract reading of the same page.
 *
 * Run: npx tsx bench/selection-marks.ts
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { loadDocument } from '../src/document/load.js';
import type { Grayscale } from '../src/ocr/image-prep/index.js';
import { findSelectionMarks } from '../src/ocr/marks/index.js';
import { createTesseractOcr } from '../src/ocr/tesseract/index.js';
import type { BoundingBox, OcrSelectionMark } from '../src/spec/document.js';
import {
  centreInside,
  fixturePath,
  labelledCheckboxes,
  renderedPage,
  STATEMENT_NAMES,
  statementPath,
} from '../tests/ocr/marks/labelled-statements.js';
import { median } from './stats.js';

interface Truth {
  readonly selected: boolean;
  readonly box: BoundingBox;
}

const RUNS = 5;

function score(marks: readonly OcrSelectionMark[], truth: readonly Truth[]) {
  const matched = truth.map((checkbox) => marks.find((mark) => centreInside(checkbox.box, mark.box)));
  return {
    found: matched.filter(Boolean).length,
    correct: matched.filter((mark, index) => mark?.selected === truth[index]?.selected).length,
    extra: marks.filter((mark) => !truth.some((checkbox) => centreInside(checkbox.box, mark.box))).length,
    of: truth.length,
  };
}

async function msPerPage(
  raster: Grayscale,
  lines?: Parameters<typeof findSelectionMarks>[1],
): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    findSelectionMarks(raster, lines);
    times.push(performance.now() - started);
  }
  return median(times);
}

async function azureMarks(): Promise<Truth[]> {
  const result = JSON.parse(
    await readFile(
      fixturePath('azure-di/bcgov-hr0081/1_81.jpg.prebuilt-layout.2024-11-30.markdown.json'),
      'utf8',
    ),
  );
  const page = (result.analyzeResult ?? result).pages[0];
  return page.selectionMarks.map((mark: { state: string; polygon: number[] }) => {
    const [x0, y0, , , x2, y2] = mark.polygon as [number, number, number, number, number, number];
    return {
      selected: mark.state === 'selected',
      box: {
        left: x0 / page.width,
        top: y0 / page.height,
        width: (x2 - x0) / page.width,
        height: (y2 - y0) / page.height,
      },
    };
  });
}

const ocr = createTesseractOcr({ workers: 1 });
console.log('selection marks, offline (tesseract provider, 300 dpi renders)');
console.log(`  ${'document'.padEnd(34)} found  correct  extra   marks ms/page   tesseract ms/page`);
const totals = { found: 0, correct: 0, extra: 0, of: 0 };
const report = async (
  name: string,
  marks: readonly OcrSelectionMark[],
  truth: readonly Truth[],
  raster: Grayscale,
  ocrMs: number,
) => {
  const s = score(marks, truth);
  totals.found += s.found;
  totals.correct += s.correct;
  totals.extra += s.extra;
  totals.of += s.of;
  console.log(
    `  ${name.padEnd(34)} ${`${s.found}/${s.of}`.padStart(5)}  ${`${s.correct}/${s.of}`.padStart(7)}  ${String(s.extra).padStart(5)}   ${(await msPerPage(raster)).toFixed(0).padStart(13)}   ${ocrMs.toFixed(0).padStart(17)}`,
  );
};
for (const name of STATEMENT_NAMES) {
  const started = performance.now();
  const { document } = await ocr.recognize(await loadDocument(statementPath(name)), {});
  const ocrMs = performance.now() - started;
  await report(
    name,
    document.pages[0]?.selectionMarks ?? [],
    await labelledCheckboxes(name),
    await renderedPage(statementPath(name)),
    ocrMs,
  );
}
const photo = fixturePath('azure-di/bcgov-hr0081/1_81.jpg');
const started = performance.now();
const { document } = await ocr.recognize(await loadDocument(photo), {});
const ocrMs = performance.now() - started;
const { data, info } = await sharp(photo).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
await report(
  'bcgov HR0081 photo (vs Azure)',
  document.pages[0]?.selectionMarks ?? [],
  await azureMarks(),
  { pixels: data, width: info.width, height: info.height },
  ocrMs,
);
await ocr.close?.();
console.log(
  `  ${'all'.padEnd(34)} ${`${totals.found}/${totals.of}`.padStart(5)}  ${`${totals.correct}/${totals.of}`.padStart(7)}  ${String(totals.extra).padStart(5)}`,
);
console.log('  before the marks module: 0 found offline');
