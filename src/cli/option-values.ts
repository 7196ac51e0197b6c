/**
 * The CLI's short option values (`--parser layout`, `--llm openai`, `--stages ocr,parser,llm`)
 * mapped to the library's names.
 *
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import type { DocumentLimits } from '../spec/document.js';
import { OutputMode } from '../spec/extraction-model.js';
import { ExtractorProvider, OCRProviderType, ParsingMethod, Stage } from '../stages/constants.js';
import { LIMIT_FLAGS } from './cli-words.js';

function choice<T extends string>(what: string, aliases: Readonly<Record<string, T>>): (value: string) => T {
  return (value) => {
    const resolved = aliases[value];
    if (resolved === undefined) {
      throw new InvalidArgumentError(`${what} must be one of ${Object.keys(aliases).join(', ')}.`);
    }
    return resolved;
  };
}

/** `--ocr`: the OCR provider names. */
export const parseOcrProvider = choice(
  'The OCR provider',
  Object.fromEntries(Object.values(OCRProviderType).map((name) => [name, name])) as Record<
    string,
    OCRProviderType
  >,
);

/** `--parser`: `layout` is short for `layout-conserved`. */
export const parseParsingMethod = choice<ParsingMethod>('The parser', {
  layout: ParsingMethod.LAYOUT_CONSERVED,
  'layout-conserved': ParsingMethod.LAYOUT_CONSERVED,
  plain: ParsingMethod.PLAIN,
  markdown: ParsingMethod.MARKDOWN,
});

/** `--llm`: `openai` is short for `openai-compatible`. */
export const parseExtractorProvider = choice<ExtractorProvider>('The extraction provider', {
  anthropic: ExtractorProvider.ANTHROPIC,
  bedrock: ExtractorProvider.BEDROCK,
  openai: ExtractorProvider.OPENAI_COMPATIBLE,
  'openai-compatible': ExtractorProvider.OPENAI_COMPATIBLE,
  heuristic: ExtractorProvider.HEURISTIC,
});

const parseStage = choice<Stage>('Each stage', {
  ocr: Stage.OCR,
  parser: Stage.PARSER,
  llm: Stage.LLM_EXTRACTION,
  'llm-extraction': Stage.LLM_EXTRACTION,
});

/** `--output-mode`: how the model is made to answer in JSON. */
export const parseOutputMode = choice(
  'The output mode',
  Object.fromEntries(Object.values(OutputMode).map((mode) => [mode, mode])) as Record<string, OutputMode>,
);

/** `--stages`: a comma-separated list such as `ocr,parser,llm`. */
export function parseStages(value: string): Stage[] {
  return value.split(',').map((name) => parseStage(name.trim()));
}

/** `--pages`: 1-based pages and ranges, e.g. `1-3,5`. */
export function parsePageRanges(value: string): number[] {
  const pages = new Set<number>();
  for (const part of value.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    const first = Number(match?.[1]);
    const last = Number(match?.[2] ?? match?.[1]);
    if (!match || first < 1 || last < first) {
      throw new InvalidArgumentError('Pages are numbers from 1 and ranges such as 1-3,5.');
    }
    for (let page = first; page <= last; page++) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

/** The document limits the command line sets, by flag (see `LIMIT_FLAGS`). */
export interface LimitCliOptions {
  readonly maxBytes?: number;
  readonly maxPages?: number;
  readonly maxPixels?: number;
  /** `--page-timeout`, already in milliseconds. */
  readonly pageTimeout?: number;
}

/** The flags that set the document limits every error about a limit names: `--max-bytes` and the rest. */
export function limitOptions(): Option[] {
  const { maxBytes, maxPages, maxPixels, maxPageMs } = LIMIT_FLAGS;
  return [
    new Option(`${maxBytes} <bytes>`, 'the largest document to read, in bytes (default 104857600)').argParser(
      wholeNumber(),
    ),
    new Option(`${maxPages} <n>`, 'the most pages a PDF may have (default 1000)').argParser(wholeNumber()),
    new Option(
      `${maxPixels} <n>`,
      'the most pixels an image or rendered page may have (default 100000000)',
    ).argParser(wholeNumber()),
    new Option(
      `${maxPageMs} <seconds>`,
      'stop rendering or local OCR of a page after this many seconds (default 60)',
    ).argParser(parseSeconds),
  ];
}

/** The limits the options set, as `limits` for a pipeline; `undefined` when none is set. */
export function limitsOf(options: LimitCliOptions): Partial<DocumentLimits> | undefined {
  const limits: Partial<DocumentLimits> = {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
    ...(options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels }),
    ...(options.pageTimeout === undefined ? {} : { maxPageMs: options.pageTimeout }),
  };
  return Object.keys(limits).length === 0 ? undefined : limits;
}

/** A flag's value that must be a whole number of at least `min`; anything else is a usage error (exit 2). */
export function wholeNumber(min = 1): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < min) {
      throw new InvalidArgumentError(`Give a whole number of at least ${min}.`);
    }
    return number;
  };
}

/** Seconds, as milliseconds. */
function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new InvalidArgumentError('Give a number of seconds above 0, e.g. 120.');
  }
  return Math.ceil(seconds * 1000);
}
