/**
 * The `paddle` OCR provider against `tesseract`, in the same run:
 *
 * 1. Speed per image: median of several runs per A4 page image and per receipt or form photo, one worker each,
 *    and the ratio tesseract / paddle.
 * 2. Accuracy on real photos: how many of each photo's ground-truth values appear in the text read (the
 *    HR0081 forms' `.gt.json`; Textract's recorded answers for the receipt and paystub, which are a reference,
 *    not human labels).
 * 3. Throughput on a batch of 20 photos: a pool of 2 workers against 1.
 * 4. Peak memory reading a ~100-megapixel photo (a form photo upscaled with sharp): the largest resident set of
 *    this process and of the worker process.
 *
 * Run: npx tsx bench/paddle-speed.ts [--runs 3] [--skip-speed] [--skip-batch] [--skip-large]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { loadDocument } from '../src/index.js';
import { createPaddleOcr } from '../src/ocr/paddle/index.js';
import { createTesseractOcr } from '../src/ocr/tesseract/index.js';
import type { LoadedDocument } from '../src/spec/document.js';
import type { OcrProvider } from '../src/spec/ocr-provider.js';
import { median, repeat } from './stats.js';

// The real photos of the shared fixtures, beside the repository (not copied in: about 13 MB).
const SHARED = fileURLToPath(new URL('../../shared/fixtures', import.meta.url));
const HR0081 = join(SHARED, 'kie/bcgov-hr0081-forms');
const TEXTRACTOR = join(SHARED, 'textract/textractor');
const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || 3);

const pageImages = [
  'tests/fixtures/documents/single-page-1.png',
  'tests/fixtures/images/multicol-test-document.png',
];
const photos = [
  join(TEXTRACTOR, 'receipt.jpg'),
  join(TEXTRACTOR, 'paystub.jpg'),
  ...readdirSync(HR0081)
    .filter((name) => name.endsWith('.jpg'))
    .map((name) => join(HR0081, name)),
];

type Engine = 'paddle' | 'tesseract';
const make: Record<Engine, (workers: number) => OcrProvider> = {
  paddle: (workers) => createPaddleOcr({ workers }),
  tesseract: (workers) => createTesseractOcr({ workers }),
};

async function load(path: string): Promise<LoadedDocument> {
  return loadDocument({ data: await readFile(path), name: basename(path) });
}

async function textOf(provider: OcrProvider, document: LoadedDocument): Promise<string> {
  const { document: ocr } = await provider.recognize(document, {});
  return ocr.pages.flatMap((page) => page.lines.map((line) => line.text)).join('\n');
}

const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Each value a list of acceptable spellings; checkbox states and zeros, which are not text, are left out. */
function groundTruth(photo: string): string[][] {
  const name = basename(photo);
  if (name === 'receipt.jpg') {
    const expense = JSON.parse(readFileSync(`${photo}.AnalyzeExpense.json`, 'utf8'));
    return expense.ExpenseDocuments.flatMap(
      (document: { SummaryFields: { ValueDetection?: { Text?: string } }[] }) =>
        document.SummaryFields.map((field) => [field.ValueDetection?.Text ?? '']),
    ).filter(([value]: string[]) => normalized(value ?? '').length > 1);
  }
  if (name === 'paystub.jpg') {
    const analysis = JSON.parse(readFileSync(`${photo}.AnalyzeDocument.LAYOUT_TABLES_FORMS.json`, 'utf8'));
    type Block = {
      Id: string;
      BlockType: string;
      Text?: string;
      EntityTypes?: string[];
      Relationships?: { Type: string; Ids: string[] }[];
    };
    const blocks = new Map<string, Block>(analysis.Blocks.map((block: Block) => [block.Id, block]));
    return (analysis.Blocks as Block[])
      .filter((block) => block.BlockType === 'KEY_VALUE_SET' && block.EntityTypes?.includes('VALUE'))
      .map((block) => [
        (block.Relationships ?? [])
          .filter((relation) => relation.Type === 'CHILD')
          .flatMap((relation) => relation.Ids.map((id) => blocks.get(id)))
          .filter((child) => child?.BlockType === 'WORD')
          .map((child) => child?.Text)
          .join(' '),
      ])
      .filter(([value]) => normalized(value ?? '').length > 1);
  }
  const truth = JSON.parse(readFileSync(photo.replace(/\.jpg$/, '.gt.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return Object.values(truth)
    .map((value) => (Array.isArray(value) ? value : [value]).map(String))
    .filter(
      ([first]) => first !== undefined && first !== '' && !['selected', 'unselected', '0'].includes(first),
    );
}

function found(values: readonly string[][], text: string): number {
  const haystack = normalized(text);
  return values.filter((spellings) =>
    spellings.some((value) => normalized(value) !== '' && haystack.includes(normalized(value))),
  ).length;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function speedAndRecall(): Promise<void> {
  const providers = { paddle: make.paddle(1), tesseract: make.tesseract(1) };
  try {
    console.log(`\n1. Seconds per image, median of ${RUNS} runs, 1 worker each (after a warm-up read)`);
    console.log(
      'image'.padEnd(26),
      'size'.padEnd(11),
      'paddle'.padStart(7),
      'tesseract'.padStart(10),
      'tess/paddle'.padStart(12),
    );
    const recall: { name: string; total: number; paddle: number; tesseract: number }[] = [];
    const ratios: number[] = [];
    let warmedUp = false;
    for (const path of [...pageImages, ...photos]) {
      const document = await load(path);
      const timings = {} as Record<Engine, number>;
      const texts = {} as Record<Engine, string>;
      for (const engine of ['paddle', 'tesseract'] as const) {
        if (!warmedUp) await textOf(providers[engine], document);
        timings[engine] = median(
          await repeat(RUNS, async () => {
            const started = performance.now();
            texts[engine] = await textOf(providers[engine], document);
            return performance.now() - started;
          }),
        );
      }
      warmedUp = true;
      const ratio = timings.tesseract / timings.paddle;
      ratios.push(ratio);
      const size = `${document.imageSize?.width}×${document.imageSize?.height}`;
      console.log(
        basename(path).padEnd(26),
        size.padEnd(11),
        seconds(timings.paddle).padStart(7),
        seconds(timings.tesseract).padStart(10),
        `${ratio.toFixed(2)}×`.padStart(12),
      );
      if (photos.includes(path)) {
        const values = groundTruth(path);
        recall.push({
          name: basename(path),
          total: values.length,
          paddle: found(values, texts.paddle),
          tesseract: found(values, texts.tesseract),
        });
      }
    }
    console.log(
      `median tesseract/paddle time ratio: ${median(ratios).toFixed(2)}× (above 1: paddle is faster)`,
    );

    console.log('\n2. Ground-truth values found in the text read, per photo');
    console.log('photo'.padEnd(26), 'values'.padStart(6), 'paddle'.padStart(7), 'tesseract'.padStart(10));
    for (const row of recall) {
      console.log(
        row.name.padEnd(26),
        String(row.total).padStart(6),
        String(row.paddle).padStart(7),
        String(row.tesseract).padStart(10),
      );
    }
    const sum = (key: 'total' | 'paddle' | 'tesseract') => recall.reduce((total, row) => total + row[key], 0);
    const percent = (key: 'paddle' | 'tesseract') => ((100 * sum(key)) / sum('total')).toFixed(1);
    console.log(
      `all photos: paddle ${sum('paddle')}/${sum('total')} (${percent('paddle')}%), tesseract ${sum('tesseract')}/${sum('total')} (${percent('tesseract')}%)`,
    );
  } finally {
    await Promise.all([providers.paddle.close?.(), providers.tesseract.close?.()]);
  }
}

async function batchSpeedUp(): Promise<void> {
  const batch = await Promise.all([...photos, ...pageImages].slice(0, 20).map(load));
  console.log(`\n3. A batch of ${batch.length} images, all submitted at once (paddle)`);
  const elapsed: Record<number, number> = {};
  for (const workers of [1, 2]) {
    const provider = make.paddle(workers);
    try {
      await textOf(provider, batch[0] as LoadedDocument); // starts a worker
      const started = performance.now();
      await Promise.all(batch.map((document) => textOf(provider, document)));
      elapsed[workers] = performance.now() - started;
      console.log(`pool of ${workers}: ${seconds(elapsed[workers])} s`);
    } finally {
      await provider.close?.();
    }
  }
  console.log(`speed-up with 2 workers: ${((elapsed[1] ?? 0) / (elapsed[2] ?? 1)).toFixed(2)}×`);
}

/** The peak resident set (VmHWM) of this process's child processes, in MB, read from /proc. */
function childPeakRssMb(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peak = Math.max(peak, Number(hwm ?? 0) / 1024);
    } catch {
      // exited while listed
    }
  }
  return peak;
}

async function largePhotoMemory(): Promise<void> {
  const source = join(HR0081, '1_81.jpg');
  const { width = 0, height = 0 } = await sharp(source).metadata();
  const scale = Math.sqrt(99_000_000 / (width * height));
  const large = await sharp(source)
    .resize({ width: Math.round(width * scale) })
    .jpeg({ quality: 90 })
    .toBuffer();
  const document = await loadDocument({ data: large, name: 'large.jpg' });
  console.log(
    `\n4. A ${document.imageSize?.width}×${document.imageSize?.height} photo (${(((document.imageSize?.width ?? 0) * (document.imageSize?.height ?? 0)) / 1e6).toFixed(1)} MP, ${(large.length / 1e6).toFixed(1)} MB JPEG)`,
  );
  // The main process's own peak includes making the photo: its resident set is sampled during the read instead.
  const megabytes = () => process.memoryUsage().rss / 1024 / 1024;
  const before = megabytes();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, megabytes());
  }, 20);
  const provider = make.paddle(1);
  try {
    const started = performance.now();
    const text = await textOf(provider, document);
    const values = groundTruth(source);
    console.log(
      `read in ${seconds(performance.now() - started)} s; ${found(values, text)}/${values.length} ground-truth values found`,
    );
    console.log(
      `peak RSS during the read: main process ${peak.toFixed(0)} MB (${before.toFixed(0)} MB before it), worker process ${childPeakRssMb().toFixed(0)} MB`,
    );
  } finally {
    clearInterval(sampler);
    await provider.close?.();
  }
}

if (!argv.includes('--skip-speed')) await speedAndRecall();
if (!argv.includes('--skip-batch')) await batchSpeedUp();
if (!argv.includes('--skip-large')) await largePhotoMemory();
