/**
 * Speed of `docpipe eval`: 10,000 items of 30 fields (26 values and a 4-column line-item table of 20 rows)
 * against their truth, with errors injected as an extractor makes them (about 5% of values wrong or missing,
 * rows out of order, a row dropped or added now and then), each value with a confidence.
 *
 * Two measures, median of several runs each:
 * 1. scoring in memory (`DocumentScorer`): the comparison rules, row assignment and tallies alone;
 * 2. `evaluateRun` from disk: a run version of the 10,000 items and a folder of 10,000 truth files, read,
 *    scored and stored as eval.json — what `docpipe eval` does. Target: under 5 s.
 *
 * Run: npx tsx bench/eval.ts [--items 10000] [--runs 5]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentScorer } from '../src/eval/evaluate-documents.js';
import { evaluateRun } from '../src/eval/evaluate-run.js';
import { FieldRules } from '../src/eval/field-rules.js';
import { shapeOfSchema } from '../src/eval/schema-shape.js';
import { type JSONSchema, RunStore } from '../src/index.js';
import { mulberry32 } from '../tests/support/seeded-random.js';
import { median } from './stats.js';

const ITEMS = numberArgument('--items', 10_000);
const RUNS = numberArgument('--runs', 5);
const ROWS = 20;
const STRING_FIELDS = 10;
const NUMBER_FIELDS = 8;
const DATE_FIELDS = 4;
const ERROR_RATE = 0.05;
const WORDS = [
  'North',
  'wind',
  'Harbour',
  'Lane',
  'Kestrel',
  'Office',
  'Supply',
  'Paper',
  'Toner',
  'Desk',
  'Lamp',
];

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

const SCHEMA: JSONSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(range(STRING_FIELDS).map((i) => [`text_${i}`, { type: 'string' }])),
    ...Object.fromEntries(range(NUMBER_FIELDS).map((i) => [`amount_${i}`, { type: 'number' }])),
    ...Object.fromEntries(range(DATE_FIELDS).map((i) => [`date_${i}`, { type: 'string', format: 'date' }])),
    currency: { enum: ['USD', 'EUR', 'GBP'] },
    status: { enum: ['draft', 'sent', 'paid'] },
    paid: { type: 'boolean' },
    taxable: { type: 'boolean' },
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          description: { type: 'string' },
          quantity: { type: 'number' },
          unit_price: { type: 'number' },
          amount: { type: 'number' },
        },
      },
    },
  },
};

interface Generated {
  readonly id: string;
  readonly truth: Record<string, unknown>;
  readonly extracted: Record<string, unknown>;
  readonly confidences: Map<string, number>;
}

function generate(count: number, seed = 7): Generated[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const phrase = () => `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(next() * 1000)}`;
  const amount = () => Math.round(next() * 100_000) / 100;
  const day = () =>
    `2024-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  // A value as an extractor returns it: mostly right, sometimes off or missing.
  const extract = (value: unknown, wrong: () => unknown) => {
    const roll = next();
    return roll < ERROR_RATE / 2 ? wrong() : roll < ERROR_RATE ? null : value;
  };
  return range(count).map((index) => {
    const truth: Record<string, unknown> = {
      ...Object.fromEntries(range(STRING_FIELDS).map((i) => [`text_${i}`, phrase()])),
      ...Object.fromEntries(range(NUMBER_FIELDS).map((i) => [`amount_${i}`, amount()])),
      ...Object.fromEntries(range(DATE_FIELDS).map((i) => [`date_${i}`, day()])),
      currency: pick(['USD', 'EUR', 'GBP']),
      status: pick(['draft', 'sent', 'paid']),
      paid: next() < 0.5,
      taxable: next() < 0.5,
      line_items: range(ROWS).map(() => {
        const quantity = 1 + Math.floor(next() * 20);
        const unitPrice = amount();
        return { description: phrase(), quantity, unit_price: unitPrice, amount: quantity * unitPrice };
      }),
    };
    const extracted: Record<string, unknown> = Object.fromEntries(
      Object.entries(truth).map(([key, value]) => [
        key,
        key === 'line_items'
          ? value
          : extract(typeof value === 'string' ? value.toUpperCase() : value, phrase),
      ]),
    );
    const rows = (truth.line_items as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, extract(value, amount)])),
    );
    // Rows out of order in a third of the documents, a row dropped or one added in a tenth.
    if (next() < 0.33) rows.reverse();
    if (next() < 0.1) rows.splice(Math.floor(next() * rows.length), 1);
    if (next() < 0.1)
      rows.push({ description: phrase(), quantity: 1, unit_price: amount(), amount: amount() });
    extracted.line_items = rows;
    const confidences = new Map<string, number>();
    for (const key of Object.keys(extracted)) if (key !== 'line_items') confidences.set(`/${key}`, next());
    rows.forEach((row, r) => {
      for (const key of Object.keys(row)) confidences.set(`/line_items/${r}/${key}`, next());
    });
    return { id: `doc-${String(index).padStart(5, '0')}`, truth, extracted, confidences };
  });
}

function scoreInMemory(documents: readonly Generated[]): number {
  const shape = shapeOfSchema(SCHEMA);
  const rules = new FieldRules({}, { absolute: 0, relative: 0, similarity: 1, dayFirst: false });
  const started = performance.now();
  const scorer = new DocumentScorer(shape, rules);
  for (const document of documents) {
    scorer.add({
      id: document.id,
      truth: document.truth,
      extracted: document.extracted,
      confidences: document.confidences,
      truthSource: document.id,
    });
  }
  const evaluation = scorer.finish();
  const elapsed = performance.now() - started;
  if (evaluation.documents.length !== documents.length) throw new Error('not every document was scored');
  return elapsed;
}

/** A run `bench` (v0) holding the documents' extractions, and a truth folder; under a fresh folder. */
async function writeRun(
  documents: readonly Generated[],
): Promise<{ root: string; store: RunStore; truthDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'docpipe-bench-eval-'));
  const store = new RunStore(join(root, 'runs'));
  const version = await store.createVersion('bench', {
    mode: 'initial',
    config: { jsonSchema: SCHEMA },
    itemIds: documents.map((document) => document.id),
  });
  const truthDir = join(root, 'truth');
  await mkdir(truthDir);
  const metrics = {
    pages: 1,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0,
    durationMs: 0,
    stages: {},
  };
  for (let start = 0; start < documents.length; start += 100) {
    await Promise.all(
      documents.slice(start, start + 100).map(async (document) => {
        const fields = [...document.confidences].map(([path, confidence]) => ({ path, confidence }));
        await version.writeResult(document.id, { data: document.extracted, fields }, metrics);
        await writeFile(join(truthDir, `${document.id}.json`), JSON.stringify(document.truth));
      }),
    );
  }
  await version.collate();
  await version.updateMetadata({ state: 'completed' });
  await version.release();
  return { root, store, truthDir };
}

function numberArgument(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const documents = generate(ITEMS);
const values = documents.reduce(
  (sum, document) => sum + Object.keys(document.truth).length - 1 + ROWS * 4,
  0,
);
console.log(`eval: ${ITEMS} items × 30 fields (26 values + a ${ROWS}-row table of 4), ${values} true values`);

const inMemory = Array.from({ length: RUNS }, () => scoreInMemory(documents));
console.log(
  `  scoring in memory:   median ${(median(inMemory) / 1000).toFixed(2)} s over ${RUNS} runs (${inMemory.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`,
);

const { root, store, truthDir } = await writeRun(documents);
try {
  const fromDisk: number[] = [];
  for (let run = 0; run < Math.max(3, Math.ceil(RUNS / 2)); run++) {
    const started = performance.now();
    const report = await evaluateRun(store, 'bench', 'v0', truthDir);
    fromDisk.push(performance.now() - started);
    if (run === 0) {
      console.log(
        `  (accuracy ${(100 * (report.overall.accuracy ?? 0)).toFixed(1)}% of ${report.overall.scored} values scored)`,
      );
    }
  }
  const seconds = median(fromDisk) / 1000;
  console.log(
    `  evaluateRun on disk: median ${seconds.toFixed(2)} s over ${fromDisk.length} runs (${fromDisk.map((ms) => (ms / 1000).toFixed(2)).join(', ')}); target < 5 s: ${seconds < 5 ? 'met' : 'MISSED'}`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
