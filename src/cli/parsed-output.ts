/**
 * How a run without an extraction stage is printed (`docpipe parse`, `docpipe extract --stages ocr,parser`):
 * its text, or its OCR and parsed documents as JSON.
 *
 * @module
 */

import { PAGE_BREAK } from '../parser/pages.js';
import { renderPlain } from '../parser/plain.js';
import type { PipelineResult } from '../pipeline/result.js';
import type { ParsedDocument } from '../spec/document.js';

/** Options of {@link parsedText}. */
export interface ParsedTextOptions {
  /**
   * Printed to a terminal, which shows a form feed as nothing: pages are then parted by a visible line
   * naming the next page instead of the `\f` that pipes and files get. @default false
   */
  readonly terminal?: boolean;
}

/**
 * The document's text, headed by its file name when several files are printed. A run with OCR but no parser
 * prints the OCR's text in reading order.
 */
export function parsedText(
  result: PipelineResult<unknown>,
  file: string,
  files: readonly string[],
  index: number,
  options: ParsedTextOptions = {},
): string {
  const header = files.length > 1 ? `${index > 0 ? '\n' : ''}==> ${file} <==\n` : '';
  const { parser, ocr } = result.stages;
  const parsed = parser ?? (ocr ? renderPlain(ocr) : undefined);
  const text = parsed === undefined ? '' : options.terminal ? withPageLines(parsed) : parsed.text;
  return `${header}${text}\n`;
}

/** A separator line before every page but the first, e.g. `──── page 2 ────`. */
function withPageLines(parsed: ParsedDocument): string {
  const texts = parsed.text.split(PAGE_BREAK);
  // The pages' own numbers (`--pages 3-5` starts at 3), unless they don't match the text's pages.
  const numbers =
    parsed.pages.length === texts.length
      ? parsed.pages.map((page) => page.pageNumber)
      : texts.map((_, i) => i + 1);
  return texts.map((text, i) => (i === 0 ? text : `\n──── page ${numbers[i]} ────\n${text}`)).join('');
}

/** The run as JSON: the document, its OCR and parsed documents, warnings, usage and timings. */
export function parsedJson(result: PipelineResult<unknown>): unknown {
  const { document, stages, warnings, usage, timings } = result;
  return { document, ocr: stages.ocr, parsed: stages.parser, warnings, usage, timings };
}
