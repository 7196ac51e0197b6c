/**
 * Mutation fuzzing of `docpipe parse`: damaged copies of the PDFs and images in tests/fixtures (byte flips,
 * truncations, inserted garbage, zeroed blocks, broken PNG chunks, JPEG segments, PDF xref tables, stream
 * lengths and `endobj`s; see tests/support/mutations.ts), each parsed in a child process of its own with a
 * 30 s deadline, two at a time. PDFs run with `pdf-text` and `auto`, images with `tesseract`; tesseract
 * takes seconds an image, so about one mutant in six is an image, which keeps 500 mutants near 15 minutes
 * on 2 cores.
 *
 * Target: every mutant ends as `ok` or `typed` (a DocpipeError saying what is wrong with the input);
 * `untyped` (a bug's TypeError, say), `crash` (a signal, a non-zero exit) and `hang` are failures, printed
 * with their mutation, run once more alone to see whether they reproduce, and kept in a folder, to be
 * reproduced with the command printed beside them.
 *
 * Run: npx tsx bench/fuzz.ts [--count 500] [--seed 1] [--concurrency 2]
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { mutate } from '../tests/support/mutations.js';
import { type ParseChildResult, runParseChild } from '../tests/support/parse-child.js';
import { mapConcurrent } from './stats.js';

const DEADLINE_MS = 30_000;
const FIXTURES = 'tests/fixtures';

type Kind = 'pdf' | 'image';

interface Target {
  readonly file: string;
  readonly kind: Kind;
  readonly provider: string;
  /** Relative share of the mutants. */
  readonly weight: number;
}

// geofinder-scanned-form.pdf is a 2-page 300 DPI scan that `auto` OCRs in ~15 s unharmed, so only its
// text-layer path is fuzzed; a damaged copy would hit the deadline for being slow, not for hanging.
const TARGETS: readonly Target[] = [
  ...pdf('pdfs/bcgov-monthly-report.pdf', ['pdf-text', 'auto']),
  ...pdf('pdfs/contoso-invoice-1.pdf', ['pdf-text', 'auto']),
  ...pdf('pdfs/gpt4v-invoice.pdf', ['pdf-text', 'auto']),
  ...pdf('pdfs/geofinder-scanned-form.pdf', ['pdf-text']),
  ...pdf('documents/reading_order.pdf', ['pdf-text', 'auto']),
  ...pdf('documents/textractor-multipage-doc.pdf', ['pdf-text', 'auto']),
  ...pdf('textract/sample-invoice.pdf', ['pdf-text', 'auto']),
  image('images/multicol-test-document.png'),
  image('documents/single-page-1.png'),
  image('textract/default_invoice_1.png'),
  image('documents/receipt.jpg'),
  image('textract/paystub.jpg'),
];

function pdf(file: string, providers: readonly string[]): Target[] {
  return providers.map((provider) => ({ file: `${FIXTURES}/${file}`, kind: 'pdf', provider, weight: 12 }));
}

function image(file: string): Target {
  return { file: `${FIXTURES}/${file}`, kind: 'image', provider: 'tesseract', weight: 6 };
}

interface Case {
  readonly index: number;
  readonly target: Target;
  readonly seed: number;
  readonly mutation: string;
  readonly path: string;
  result?: ParseChildResult;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2' },
  },
});
const count = Number(values.count);
const baseSeed = Number(values.seed);
const concurrency = Number(values.concurrency);

const workDir = await mkdtemp(join(tmpdir(), `docpipe-fuzz-seed${baseSeed}-`));
const failuresDir = join(workDir, 'failures');
const originals = new Map<string, Uint8Array>();
for (const target of TARGETS) originals.set(target.file, await readFile(target.file));

// Mutant i of seed s is always the same file: targets are dealt by weight in a fixed order, and the
// mutation's seed depends on s and i only.
const cases: Case[] = [];
const deck = TARGETS.flatMap((target) => Array.from({ length: target.weight }, () => target));
for (let index = 0; index < count; index++) {
  const target = deck[(index * 7919) % deck.length] as Target; // 7919 is prime: spreads kinds over the run
  const seed = baseSeed * 1_000_003 + index;
  const mutant = mutate(originals.get(target.file) as Uint8Array, seed);
  const path = join(workDir, `${String(index).padStart(4, '0')}-seed${seed}-${basename(target.file)}`);
  await writeFile(path, mutant.bytes);
  cases.push({ index, target, seed, mutation: mutant.description, path });
}

const failed = (c: Case) => !['ok', 'typed'].includes(c.result?.outcome ?? 'crash');

console.log(
  `fuzzing docpipe parse: ${count} mutants, seed ${baseSeed}, ${concurrency} at a time, ${DEADLINE_MS / 1000} s deadline`,
);
const started = performance.now();
let finished = 0;
await mapConcurrent(cases, concurrency, async (item) => {
  item.result = await runParseChild(item.path, item.target.provider, { deadlineMs: DEADLINE_MS });
  finished++;
  // Said as soon as it happens: a long run's failures are worth looking at before it ends.
  if (failed(item)) console.log(`  ${item.result.outcome}: ${basename(item.path)} ${item.target.provider}`);
  if (finished % 25 === 0 || finished === cases.length) {
    const minutes = (performance.now() - started) / 60_000;
    console.log(`  ${finished}/${cases.length} done, ${minutes.toFixed(1)} min`);
  }
});
const totalMinutes = (performance.now() - started) / 60_000;

const OUTCOMES = ['ok', 'typed', 'untyped', 'crash', 'hang'] as const;

function counts(subset: readonly Case[]): string {
  return OUTCOMES.map((outcome) => {
    const n = subset.filter((c) => c.result?.outcome === outcome).length;
    return `${outcome} ${String(n).padStart(3)}`;
  }).join('   ');
}

console.log(`\nresults (${totalMinutes.toFixed(1)} min)`);
console.log(`  ${'all'.padEnd(24)} (${String(cases.length).padStart(3)}): ${counts(cases)}`);
for (const kind of ['pdf', 'image'] as const) {
  for (const provider of [...new Set(TARGETS.filter((t) => t.kind === kind).map((t) => t.provider))]) {
    const subset = cases.filter((c) => c.target.kind === kind && c.target.provider === provider);
    const label = `${kind}, ${provider}`.padEnd(24);
    console.log(`  ${label} (${String(subset.length).padStart(3)}): ${counts(subset)}`);
  }
}
console.log('  per fixture');
for (const target of TARGETS) {
  const subset = cases.filter((c) => c.target === target);
  const label = `${basename(target.file)} ${target.provider}`.padEnd(44);
  console.log(`    ${label} (${String(subset.length).padStart(3)}): ${counts(subset)}`);
}

const typedCodes = new Map<string, number>();
for (const c of cases) {
  if (c.result?.outcome !== 'typed') continue;
  const key = `${c.result.code}${c.result.causeCode ? `/${c.result.causeCode}` : ''}`;
  typedCodes.set(key, (typedCodes.get(key) ?? 0) + 1);
}
console.log(
  `  typed errors by code: ${[...typedCodes].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`,
);

// The CLI prints an error's message as one `docpipe: …` line; a message with line breaks (a native
// decoder's log, say) spills over several.
const multiline = cases.filter((c) => c.result?.outcome === 'typed' && c.result.message.includes('\n'));
console.log(`  typed errors whose message is not one line: ${multiline.length}`);
for (const c of multiline.slice(0, 5)) {
  const first = c.result?.message.split('\n')[0];
  console.log(`    ${relative('.', c.target.file)} ${c.target.provider}, seed ${c.seed}: ${first}⏎…`);
}

console.log('\nslowest 5');
for (const c of [...cases].sort((a, b) => (b.result?.ms ?? 0) - (a.result?.ms ?? 0)).slice(0, 5)) {
  console.log(
    `  ${String(c.result?.ms).padStart(6)} ms  ${c.result?.outcome.padEnd(7)} ${relative('.', c.target.file)} ${c.target.provider}, seed ${c.seed}: ${c.mutation}`,
  );
}

const failures = cases.filter(failed);
console.log(`\nfailures: ${failures.length}`);
if (failures.length > 0) {
  await mkdir(failuresDir, { recursive: true });
  for (const c of failures) {
    const kept = join(failuresDir, basename(c.path));
    await copyFile(c.path, kept);
    const result = c.result as ParseChildResult;
    const name = 'name' in result && result.name ? `${result.name}: ` : '';
    console.log(
      `  ${result.outcome} after ${result.ms} ms: ${relative('.', c.target.file)} ${c.target.provider}`,
    );
    console.log(`    mutation: ${c.mutation} (seed ${c.seed})`);
    console.log(`    message : ${name}${result.message}`);
    if (result.outcome === 'crash' && result.stderr.trim()) {
      console.log(`    stderr  : ${result.stderr.trim().split('\n').slice(-8).join('\n              ')}`);
    }
    // Run alone, on a quiet machine: a hang under load or a checkout mid-edit does not reproduce.
    const again = await runParseChild(kept, c.target.provider, { deadlineMs: DEADLINE_MS });
    const reproduced = again.outcome === result.outcome;
    console.log(
      `    rerun   : ${again.outcome} after ${again.ms} ms${reproduced ? '' : ' (did not reproduce)'}`,
    );
    console.log(`    repro   : node --import tsx tests/support/parse-child.ts ${kept} ${c.target.provider}`);
  }
  console.log(`  failing mutants kept in ${failuresDir}`);
}
// The passing mutants are reproducible from their seeds; only the failures are worth the disk space.
if (failures.length === 0) await rm(workDir, { recursive: true, force: true });
else for (const c of cases) await rm(c.path, { force: true });
