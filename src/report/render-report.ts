/**
 * `renderReport`: the self-contained HTML review report of a run version or of documents processed in memory.
 *
 * @module
 */

import { readEvaluation } from '../eval/stored-evaluation.js';
import type { EvalReport } from '../eval/types.js';
import type { RunVersion } from '../runs/run-version.js';
import { ConfigError } from '../spec/errors.js';
import { documentPages, type PageImageOptions } from './document-pages.js';
import { outcomeLookup, type ReportOutcomes } from './field-outcomes.js';
import type { ReportItem } from './report-item.js';
import { type DrawnItem, renderReportPage } from './report-page.js';
import { type ReportEntry, resultItems } from './result-items.js';
import { runItems } from './run-items.js';

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** The report's title. @default `docpipe report: <run> <version>`, or `docpipe report` */
  readonly title?: string;
  /**
   * How each field compares with the truth, by item id and JSON Pointer: fields are coloured by outcome
   * instead of confidence. Wins over `evaluation`.
   */
  readonly outcomes?: ReportOutcomes;
  /**
   * An evaluation of the documents, as `evaluateRun` returns it, to colour fields by outcome. For a run
   * version, its stored `eval.json` is used when neither this nor `outcomes` is given.
   */
  readonly evaluation?: Pick<EvalReport, 'documents'>;
  /** The widest a page image is, in pixels. @default 1200 */
  readonly imageWidth?: number;
  /** The WebP quality of page images, 1–100: 60 keeps text sharp at about 40 KB a page. @default 60 */
  readonly imageQuality?: number;
  /** Pages drawn from the start of each document; later pages are drawn only when a field is on them. @default 20 */
  readonly maxPagesPerDocument?: number;
}

/** The option defaults of {@link renderReport}. */
export const DEFAULT_REPORT_OPTIONS = {
  imageWidth: 1200,
  imageQuality: 60,
  maxPagesPerDocument: 20,
} as const;

/**
 * Renders one self-contained HTML file (pages inlined as images, no network, no server) to check extractions
 * by: each document's pages with a box around every grounded field, coloured by confidence (or by outcome
 * against the truth), beside the table of its fields; for several documents, a list to filter (by status, by
 * field), sort (low confidence first) and step through with the keyboard. Document text is always shown as
 * text: nothing in a document can run in the report.
 *
 * @param input A run version (its items, with a rerun's base items), or documents with their results.
 * @returns The HTML, to write to a `.html` file.
 *
 * @example
 * ```ts
 * const version = await new RunStore('./runs').openVersion('invoices');
 * await writeFile('invoices.html', await renderReport(version));
 *
 * const result = await pipeline.run('invoice.pdf');
 * await writeFile('invoice.html', await renderReport([{ source: 'invoice.pdf', result }]));
 * ```
 * @throws {ConfigError} when an image option is out of range.
 * @throws {InputError} when the run version's metadata cannot be read.
 */
export async function renderReport(
  input: RunVersion | readonly ReportEntry[],
  options: ReportOptions = {},
): Promise<string> {
  const images = resolveImageOptions(options);
  const items = isEntryList(input)
    ? resultItems(input, outcomeLookup(options.outcomes, options.evaluation))
    : await runItems(
        input,
        outcomeLookup(options.outcomes, options.evaluation ?? (await readEvaluation(input))),
      );
  const title =
    options.title ??
    (isEntryList(input) ? 'docpipe report' : `docpipe report: ${input.runName} ${input.version}`);
  const drawn: DrawnItem[] = [];
  // One document at a time: pdf.js renders on this thread anyway, and only one document's pixels are held.
  for (const item of items) {
    const pages = await pagesOf(item, images);
    // The document's own count: metrics count the pages processed, which a run served from the cache has none of.
    drawn.push({ item: pages.pageCount === undefined ? item : { ...item, pages: pages.pageCount }, pages });
  }
  return renderReportPage(title, drawn);
}

function isEntryList(input: RunVersion | readonly ReportEntry[]): input is readonly ReportEntry[] {
  return Array.isArray(input);
}

async function pagesOf(item: ReportItem, options: PageImageOptions): Promise<DrawnItem['pages']> {
  if (item.source === undefined) return { pages: [], note: 'The run does not say where this document is.' };
  const fieldPages = new Set(item.fields.flatMap((field) => (field.page === undefined ? [] : [field.page])));
  return documentPages(item.source, fieldPages, options);
}

function resolveImageOptions(options: ReportOptions): PageImageOptions {
  const settings = {
    imageWidth: options.imageWidth ?? DEFAULT_REPORT_OPTIONS.imageWidth,
    imageQuality: options.imageQuality ?? DEFAULT_REPORT_OPTIONS.imageQuality,
    maxPagesPerDocument: options.maxPagesPerDocument ?? DEFAULT_REPORT_OPTIONS.maxPagesPerDocument,
  };
  const ranges = {
    imageWidth: [100, 10_000],
    imageQuality: [1, 100],
    maxPagesPerDocument: [0, 100_000],
  } as const;
  for (const [name, [min, max]] of Object.entries(ranges) as [
    keyof typeof ranges,
    readonly [number, number],
  ][]) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${value}; fix it.`, {
        option: name,
      });
    }
  }
  return {
    maxWidth: settings.imageWidth,
    quality: settings.imageQuality,
    maxPages: settings.maxPagesPerDocument,
  };
}
