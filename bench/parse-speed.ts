/**
 * How fast the parsers render OCR output into text, with no OCR or model call in the way.
 *
 * 200 synthetic pages (50 documents × 4 pages) shaped like real OCR output: 40–60 lines each, with a page
 * header and footer, paragraphs, a two-column stretch on some pages, and on every other page an invoice
 * block whose 10-row line-item table comes as separate cell lines on shared baselines (half of those
 * pages also carry the table as an OCR `tables` entry). Boxes jitter like OCR boxes do.
 * Measured: pages per second for `LAYOUT_CONSERVED` (target ≥ 2,000), `PLAIN` and `MARKDOWN`, each the
 * median of 9 runs over all pages after 2 warm-up runs.
 *
 * Run: npx tsx bench/parse-speed.ts
 */
import type { OcrDocument, OcrLine, OcrPage, OcrTable, OcrTableCell } from '../src/index.js';
import { resolveParser } from '../src/parser/index.js';
import { median } from './stats.js';

const DOCUMENTS = 50;
const PAGES_PER_DOCUMENT = 4;
const RUNS = 9;
const WARM_UP_RUNS = 2;

const WORDS = (
  'the invoice amount payment due date services period account customer order delivery terms net total ' +
  'tax rate shipping address reference number contract annual report section results revenue growth ' +
  'quarter market operations summary balance statement notes item description quantity price unit'
).split(' ');

/** A small deterministic generator, so every run measures the same pages. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

interface PageBuilder {
  readonly lines: OcrLine[];
  readonly tables: OcrTable[];
  top: number;
}

const CHAR = 0.0095;
const HEIGHT = 0.012;
const PITCH = 0.016;

function buildPage(pageNumber: number, next: () => number): OcrPage {
  const page: PageBuilder = { lines: [], tables: [], top: 0.04 };
  const words = (count: number) =>
    Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  // A line of a two-column stretch: as many words as fit a column.
  const columnLine = () => {
    let text = words(1);
    for (let word = words(1); text.length + word.length < 38; word = words(1)) text += ` ${word}`;
    return text;
  };
  const add = (text: string, left: number, top = page.top) => {
    // Proportional fonts: a line's box is a little wider or narrower than its length in median characters.
    const width = text.length * CHAR * (0.9 + next() * 0.2);
    const jitter = (next() - 0.5) * 0.002;
    page.lines.push({
      id: `p${pageNumber}-l${page.lines.length}`,
      text,
      box: { left: left + jitter, top: top + jitter, width, height: HEIGHT },
      confidence: 0.97,
    });
  };
  const row = () => {
    page.top += PITCH;
  };
  add(`ACME Corporation ${words(2)}`, 0.08);
  add(`Page ${pageNumber}`, 0.85);
  page.top += 2 * PITCH;
  add(words(4).toUpperCase(), 0.08);
  page.top += 2 * PITCH;
  if (pageNumber % 2 === 0) addInvoice(page, pageNumber, add, words, next);
  else if (pageNumber % 3 === 0) {
    for (let i = 0; i < 16; i++, row()) {
      add(columnLine(), 0.08);
      if (i !== 7) add(columnLine(), 0.52);
    }
    page.top += PITCH;
  }
  while (page.lines.length < 40 + (pageNumber % 20)) {
    for (let i = 0; i < 4 + Math.floor(next() * 4); i++, row()) add(words(12 + Math.floor(next() * 3)), 0.08);
    page.top += PITCH;
  }
  add(`Confidential — ${words(3)}`, 0.08, 0.95);
  return {
    pageNumber,
    width: 8.5,
    height: 11,
    unit: 'inch',
    angle: 0,
    lines: page.lines,
    words: page.lines.reduce((count, line) => count + line.text.split(' ').length, 0),
    tables: page.tables,
    keyValues: [],
    selectionMarks: [],
    layout: [],
  };
}

function addInvoice(
  page: PageBuilder,
  pageNumber: number,
  add: (text: string, left: number) => void,
  words: (count: number) => string,
  next: () => number,
): void {
  for (const [key, value] of [
    ['Invoice number:', `INV-${1000 + pageNumber}`],
    ['Date:', '2024-03-31'],
    ['Customer:', words(3)],
  ]) {
    add(key as string, 0.08);
    add(value as string, 0.3);
    page.top += PITCH;
  }
  page.top += PITCH;
  const lefts = [0.08, 0.5, 0.62, 0.78];
  const header = ['Description', 'Qty', 'Unit price', 'Amount'];
  const tableTop = page.top;
  const cells: OcrTableCell[] = [];
  for (let r = 0; r < 11; r++) {
    const texts =
      r === 0
        ? header
        : [
            words(3 + Math.floor(next() * 3)),
            String(1 + Math.floor(next() * 9)),
            (next() * 500).toFixed(2),
            (next() * 5000).toFixed(2),
          ];
    texts.forEach((text, c) => {
      add(text, lefts[c] as number);
      cells.push({
        id: `p${pageNumber}-t0-r${r}-c${c}`,
        rowIndex: r,
        columnIndex: c,
        rowSpan: 1,
        columnSpan: 1,
        text,
        isHeader: r === 0,
      });
    });
    page.top += PITCH;
  }
  if (pageNumber % 4 === 0) {
    page.tables.push({
      id: `p${pageNumber}-t0`,
      rowCount: 11,
      columnCount: 4,
      cells,
      box: { left: 0.07, top: tableTop - 0.002, width: 0.86, height: page.top - tableTop },
    });
  }
  add('Total', 0.62);
  add((next() * 20_000).toFixed(2), 0.78);
  page.top += 2 * PITCH;
}

function buildDocuments(): OcrDocument[] {
  const next = random(42);
  return Array.from({ length: DOCUMENTS }, (_, d) => ({
    provider: 'bench',
    pages: Array.from({ length: PAGES_PER_DOCUMENT }, (_, p) =>
      buildPage(d * PAGES_PER_DOCUMENT + p + 1, next),
    ),
  }));
}

function pagesPerSecond(
  documents: readonly OcrDocument[],
  method: 'layout-conserved' | 'plain' | 'markdown',
): number {
  const parse = resolveParser(method);
  const pages = documents.reduce((count, document) => count + document.pages.length, 0);
  const run = () => {
    const started = performance.now();
    for (const document of documents) parse(document);
    return (performance.now() - started) / 1000;
  };
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  return pages / median(Array.from({ length: RUNS }, run));
}

const documents = buildDocuments();
const pages = documents.reduce((count, document) => count + document.pages.length, 0);
const lines = documents.reduce(
  (count, document) => count + document.pages.reduce((n, page) => n + page.lines.length, 0),
  0,
);
console.log(
  `parser speed (${pages} pages, ${(lines / pages).toFixed(0)} lines per page; median of ${RUNS} runs)`,
);
for (const [label, method, target] of [
  ['LAYOUT_CONSERVED', 'layout-conserved', ' (target ≥ 2,000)'],
  ['PLAIN', 'plain', ''],
  ['MARKDOWN', 'markdown', ''],
] as const) {
  console.log(
    `  ${label.padEnd(17)}: ${Math.round(pagesPerSecond(documents, method)).toLocaleString('en-US')} pages/s${target}`,
  );
}
