/**
 * The CLI's short option values (`--parser layout`, `--llm openai`, `--stages ocr,parser,llm`)
 * mapped to the library's names.
 *
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import { ExtractorProvider, OCRProviderType, ParsingMethod, Stage } from '../stages/constants.js';

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

/** `--page-timeout <seconds>`: the time budget of local work per page, as `limits.maxPageMs`. */
export function pageTimeoutOption(): Option {
  return new Option(
    '--page-timeout <seconds>',
    'stop rendering or local OCR of a page after this many seconds (default 60)',
  ).argParser(parseSeconds);
}

/** Seconds, as milliseconds. */
function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new InvalidArgumentError('Give a number of seconds above 0, e.g. 120.');
  }
  return Math.ceil(seconds * 1000);
}
