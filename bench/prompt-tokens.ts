/**
 * Prompt tokens per page: what the LLM reads for each recorded OCR response in tests/fixtures,
 * as the vendor's raw OCR JSON and as each parser method's text. Counted with a real tokenizer
 * (js-tiktoken, o200k_base — GPT-4o's and GPT-4.1's; Claude's tokenizer is not published, and
 * counts for it differ by a few percent but rank the methods the same way).
 *
 * Run: npx tsx bench/prompt-tokens.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Block } from '@aws-sdk/client-textract';
import { getEncoding } from 'js-tiktoken';
import { mapAnalyzeResult } from '../src/ocr/azure/map-analyze-result.js';
import { mapTextractBlocks } from '../src/ocr/textract/map-textract-response.js';
import { resolveParser } from '../src/parser/index.js';
import type { OcrDocument } from '../src/spec/document.js';
import { ParsingMethod } from '../src/stages/constants.js';

interface Recorded {
  readonly name: string;
  /** The vendor's response as the API returned it. */
  readonly raw: unknown;
  readonly document: OcrDocument;
}

const FIXTURES = new URL('../tests/fixtures/', import.meta.url);
const METHODS = Object.values(ParsingMethod);
const encoding = getEncoding('o200k_base');
const tokens = (text: string) => encoding.encode(text).length;

async function jsonFiles(directory: string): Promise<{ name: string; json: Record<string, unknown> }[]> {
  const folder = new URL(directory, FIXTURES);
  const names = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => ({ name, json: JSON.parse(await readFile(new URL(name, folder), 'utf8')) })),
  );
}

async function textractResponses(): Promise<Recorded[]> {
  return (await jsonFiles('textract/'))
    .filter(({ json }) => Array.isArray(json.Blocks) && json.Blocks.length > 0)
    .map(({ name, json }) => ({
      name: `textract/${name}`,
      raw: json,
      document: {
        provider: 'aws.textract',
        pages: mapTextractBlocks(json.Blocks as Block[], (pageNumber) => ({
          pageNumber,
          width: 8.5,
          height: 11,
          unit: 'inch',
        })),
      },
    }));
}

async function azureResponses(): Promise<Recorded[]> {
  return (await jsonFiles('azure-di/'))
    .filter(({ json }) => typeof json.analyzeResult === 'object')
    .map(({ name, json }) => ({
      name: `azure-di/${name}`,
      raw: json,
      document: mapAnalyzeResult(json.analyzeResult as never, 'azure.document-intelligence'),
    }));
}

const recorded = [...(await textractResponses()), ...(await azureResponses())];
const columns = ['raw OCR JSON', ...METHODS];
const totals = new Map(columns.map((column) => [column, 0]));
let totalPages = 0;

console.log(
  `Prompt tokens per page (js-tiktoken o200k_base) over ${recorded.length} recorded OCR responses\n`,
);
console.log(['response'.padEnd(72), 'pages', ...columns.map((c) => c.padStart(16))].join(' '));
for (const { name, raw, document } of recorded) {
  const pages = Math.max(1, document.pages.length);
  const counts = [
    tokens(JSON.stringify(raw)),
    ...METHODS.map((method) => tokens(resolveParser(method)(document).text)),
  ];
  for (const [i, count] of counts.entries()) {
    const column = columns[i] as string;
    totals.set(column, (totals.get(column) ?? 0) + count);
  }
  totalPages += pages;
  console.log(
    [
      name.slice(0, 72).padEnd(72),
      String(pages).padStart(5),
      ...counts.map((c) =>
        Math.round(c / pages)
          .toLocaleString('en-US')
          .padStart(16),
      ),
    ].join(' '),
  );
}
const perPage = (column: string) => (totals.get(column) ?? 0) / totalPages;
console.log(
  [
    'all (per page)'.padEnd(72),
    String(totalPages).padStart(5),
    ...columns.map((c) => Math.round(perPage(c)).toLocaleString('en-US').padStart(16)),
  ].join(' '),
);
console.log('');
for (const method of METHODS) {
  console.log(
    `${method}: ${(perPage('raw OCR JSON') / perPage(method)).toFixed(1)}× fewer tokens than the raw OCR JSON`,
  );
}
