/**
 * Textract JSON to text: docpipe (Textract blocks → OcrDocument → LAYOUT_CONSERVED) against
 * amazon-textract-response-parser's `getTextInReadingOrder()`, on every recorded Textract response
 * with blocks in tests/fixtures/textract, in the same run.
 * Targets: ≥ 3× its pages/s; table row integrity (the cells of each table row on one output line,
 * in order) of 100%.
 *
 * It also times two parts of docpipe's side alone, in the same runs: indexing the blocks by id and
 * resolving every relationship (which any mapping of the blocks into an OcrDocument has to do, before it
 * builds anything), and rendering the already mapped documents. Their sum against the time per page the
 * target allows shows how far the target can be reached without skipping part of the conversion.
 *
 * Run: npx tsx bench/textract-parse.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Block } from '@aws-sdk/client-textract';
import { TextractDocument } from 'amazon-textract-response-parser';
import { mapTextractBlocks } from '../src/ocr/textract/map-textract-response.js';
import { renderLayoutConserved } from '../src/parser/layout-conserved.js';
import type { OcrDocument } from '../src/spec/document.js';
import { rowOnOneLine } from '../tests/support/in-order.js';
import { median } from './stats.js';

interface Response {
  readonly name: string;
  readonly json: { Blocks: Block[] };
  readonly pages: number;
  /** Each table row's non-empty cell texts, in column order. */
  readonly rows: readonly (readonly string[])[];
}

const FIXTURES = new URL('../tests/fixtures/textract/', import.meta.url);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function tableRows(blocks: readonly Block[]): string[][] {
  const byId = new Map(blocks.map((block) => [block.Id, block]));
  const childText = (block: Block) =>
    (block.Relationships ?? [])
      .filter((r) => r.Type === 'CHILD')
      .flatMap((r) => r.Ids ?? [])
      .map((id) => byId.get(id))
      .filter((child) => child?.BlockType === 'WORD')
      .map((child) => child?.Text ?? '')
      .join(' ');
  const rows: string[][] = [];
  for (const table of blocks.filter((block) => block.BlockType === 'TABLE')) {
    const cells = (table.Relationships ?? [])
      .filter((r) => r.Type === 'CHILD')
      .flatMap((r) => r.Ids ?? [])
      .map((id) => byId.get(id))
      .filter((cell): cell is Block => cell?.BlockType === 'CELL');
    const byRow = new Map<number, Block[]>();
    for (const cell of cells) byRow.set(cell.RowIndex ?? 0, [...(byRow.get(cell.RowIndex ?? 0) ?? []), cell]);
    for (const row of byRow.values()) {
      const texts = row
        .sort((a, b) => (a.ColumnIndex ?? 0) - (b.ColumnIndex ?? 0))
        .map(childText)
        .map(collapse)
        .filter(Boolean);
      if (texts.length > 1) rows.push(texts);
    }
  }
  return rows;
}

async function loadResponses(): Promise<Response[]> {
  const responses: Response[] = [];
  for (const name of (await readdir(FIXTURES)).filter((file) => file.endsWith('.json')).sort()) {
    const json = JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as { Blocks?: Block[] };
    if (!json.Blocks?.length) continue;
    const pages = json.Blocks.filter((block) => block.BlockType === 'PAGE').length;
    responses.push({ name, json: json as { Blocks: Block[] }, pages, rows: tableRows(json.Blocks) });
  }
  return responses;
}

const ocrDocument = (response: Response): OcrDocument => ({
  provider: 'aws.textract',
  pages: mapTextractBlocks(response.json.Blocks, (pageNumber) => ({
    pageNumber,
    width: 1,
    height: 1,
    unit: 'inch',
  })),
});

const docpipeText = (response: Response) => renderLayoutConserved(ocrDocument(response)).text;

/** The blocks by id, then every relationship looked up: no output, so it returns the blocks it found. */
function resolveRelationships(response: Response): number {
  const byId = new Map<string | undefined, Block>();
  for (const block of response.json.Blocks) byId.set(block.Id, block);
  let found = 0;
  for (const block of response.json.Blocks) {
    for (const relationship of block.Relationships ?? []) {
      for (const id of relationship.Ids ?? []) if (byId.has(id)) found++;
    }
  }
  return found;
}

const trpText = (response: Response) =>
  [...new TextractDocument(response.json as never).iterPages()]
    .map((page) => page.getTextInReadingOrder())
    .join('\f');

// Each run converts every response this many times: one pass over 13 pages is too short to time.
const PASSES = 20;
const RUNS = 15;
const WARM_UP_RUNS = 3;

/** Work timed per response: a whole side of the comparison, or a part of docpipe's. */
interface Timed {
  readonly name: string;
  readonly textOf: (response: Response) => unknown;
}

interface Side extends Timed {
  readonly textOf: (response: Response) => string;
}

/**
 * Pages per second of each side, the median of its runs. The sides take turns run by run, so a busy moment
 * of the machine or a garbage collection lands on both rather than on whichever was measured then; each
 * side is warmed up first, so both are measured compiled.
 */
function measureSpeeds(responses: readonly Response[], sides: readonly Timed[]): number[] {
  const pages = responses.reduce((sum, r) => sum + r.pages, 0) * PASSES;
  const run = (side: Timed) => {
    const started = performance.now();
    for (let i = 0; i < PASSES; i++) for (const response of responses) side.textOf(response);
    return pages / ((performance.now() - started) / 1000);
  };
  for (const side of sides) for (let i = 0; i < WARM_UP_RUNS; i++) run(side);
  const runs = sides.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    sides.forEach((side, s) => {
      runs[s]?.push(run(side));
    });
  }
  return runs.map((sideRuns) => median(sideRuns));
}

/** How many table rows keep their cells on one output line, in order. */
function rowIntegrity(responses: readonly Response[], side: Side) {
  let kept = 0;
  let rows = 0;
  for (const response of responses) {
    const lines = side.textOf(response).split(/\n|\f/).map(collapse);
    rows += response.rows.length;
    kept += response.rows.filter((row) => rowOnOneLine(lines, row)).length;
  }
  return { kept, rows };
}

const responses = await loadResponses();
const pages = responses.reduce((sum, r) => sum + r.pages, 0);
console.log(
  `Textract JSON → text on ${responses.length} recorded responses (${pages} pages × ${PASSES} per run; median of ${RUNS} runs each, the two sides taking turns, after ${WARM_UP_RUNS} warm-up runs each)`,
);
const sides: Side[] = [
  { name: 'docpipe mapper + layout-conserved', textOf: docpipeText },
  { name: 'amazon-textract-response-parser reading order', textOf: trpText },
];
const mapped = new Map(responses.map((response) => [response, ocrDocument(response)]));
const parts: Timed[] = [
  { name: 'id index + every relationship resolved', textOf: resolveRelationships },
  {
    name: 'LAYOUT_CONSERVED rendering of mapped pages',
    textOf: (response) => renderLayoutConserved(mapped.get(response) as OcrDocument).text,
  },
];
const speeds = measureSpeeds(responses, [...sides, ...parts]);
sides.forEach((side, s) => {
  const { kept, rows } = rowIntegrity(responses, side);
  console.log(
    `  ${side.name.padEnd(46)} ${(speeds[s] ?? 0).toFixed(0).padStart(6)} pages/s   row integrity ${((kept / rows) * 100).toFixed(1)}% (${kept}/${rows})`,
  );
});
const [ours = 0, theirs = 1] = speeds;
console.log(`  speed ratio: ${(ours / theirs).toFixed(2)}× (target ≥ 3×)`);

const microsPerPage = (pagesPerSecond = 1) => 1e6 / pagesPerSecond;
const allowed = microsPerPage(theirs) / 3;
console.log(
  `  time per page: docpipe ${microsPerPage(ours).toFixed(1)} µs, the peer ${microsPerPage(theirs).toFixed(1)} µs; 3× allows ${allowed.toFixed(1)} µs`,
);
let floor = 0;
parts.forEach((part, p) => {
  const micros = microsPerPage(speeds[sides.length + p]);
  floor += micros;
  console.log(`    ${part.name.padEnd(44)} ${micros.toFixed(1).padStart(5)} µs`);
});
console.log(
  `    together, before any word, line or cell is built: ${floor.toFixed(1)} µs, at most ${(microsPerPage(theirs) / floor).toFixed(2)}× the peer`,
);
