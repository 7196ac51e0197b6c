/**
 * How a run without an extraction stage is printed (`docpipe parse`, `docpipe extract --stages ocr,parser`):
 * its text, or its OCR and parsed documents as JSON.
 *
 * @module
 */
import { renderPlain } from '../parser/plain.js';
import type { PipelineResult } from '../pipeline/result.js';

/**
 * The document's text, headed by its file name when several files are printed. A run with OCR but no parser
 * prints the OCR's text in reading order.
 */
export function parsedText(
  result: PipelineResult<unknown>,
  file: string,
  files: readonly string[],
  index: number,
): string {
  const header = files.length > 1 ? `${index > 0 ? '\n' : ''}==> ${file} <==\n` : '';
  const { parser, ocr } = result.stages;
  const text = parser?.text ?? (ocr ? renderPlain(ocr).text : '');
  return `${header}${text}\n`;
}

/** The run as JSON: the document, its OCR and parsed documents, warnings, usage and timings. */
export function parsedJson(result: PipelineResult<unknown>): unknown {
  const { document, stages, warnings, usage, timings } = result;
  return { document, ocr: stages.ocr, parsed: stages.parser, warnings, usage, timings };
}
