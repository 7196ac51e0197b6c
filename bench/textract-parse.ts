/**
 * Textract JSON to text: docpipe (Textract blocks → OcrDocument → LAYOUT_CONSERVED) against
 * amazon-textract-response-parser's `getTextInReadingOrder()`, on every recorded Textract response
 * with blocks in tests/fixtures/textract, in the same run.
 * Targets: ≥ 3× its pages/s; table row integrity (the cells of each table row on one output line,
 * in order) of 100%.
 *
 * Run: npx tsx bench/textract-parse.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Block } from '@aws-sdk/client-textract';
import { TextractDocument } from 'amazon-textract-response-parser';
import { mapTextractBlocks } from '../src/ocr/textract/map-textract-response.js';
import { renderLayoutConserved } from '../src/parser/layout-conserved.js';
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

const docpipeText = (response: Response) =>
  renderLayoutConserved({
    provider: 'aws.textract',
    pages: mapTextractBlocks(response.json.Blocks, (pageNumber) => ({
      pageNumber,
      width: 1,
      height: 1,
      unit: 'inch',
    })),
  }).text;

const trpText = (response: Response) =>
  [...new TextractDocument(response.json as never).iterPages()]
    .map((page) => page.getTextInReadingOrder())
    .join('\f');

// Each run converts every response this many times: one pass over 13 pages is too short to time.
const PASSES = 20;
const RUNS = 15;
const WARM_UP_RUNS = 3;

interface Side {
  readonly name: string;
  readonly textOf: (response: Response) => string;
}

/**
 * Pages per second of each side, the median of its runs. The sides take turns run by run, so a busy moment
 * of the machine or a garbage collection lands on both rather than on whichever was measured then; each
 * side is warmed up first, so both are measured compiled.
 */
function measureSpeeds(responses: readonly Response[], sides: readonly Side[]): number[] {
  const pages = responses.reduce((sum, r) => sum + r.pages, 0) * PASSES;
  const run = (side: Side) => {
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
const speeds = measureSpeeds(responses, sides);
sides.forEach((side, s) => {
  const { kept, rows } = rowIntegrity(responses, side);
  console.log(
    `  ${side.name.padEnd(46)} ${(speeds[s] ?? 0).toFixed(0).padStart(6)} pages/s   row integrity ${((kept / rows) * 100).toFixed(1)}% (${kept}/${rows})`,
  );
});
const [ours = 0, theirs = 1] = speeds;
console.log(`  speed ratio: ${(ours / theirs).toFixed(2)}× (target ≥ 3×)`);
