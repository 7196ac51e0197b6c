/**
 * Documents a program processed itself (`pipeline.run`, `docpipe extract`) as the report shows them.
 *
 * @module
 */
import { basename } from 'node:path';
import type { DocumentSource } from '../document/load.js';
import type { PipelineResult } from '../pipeline/result.js';
import { messageOf } from '../spec/errors.js';
import type { OutcomeLookup } from './field-outcomes.js';
import type { ReportItem, ReportItemStatus } from './report-item.js';

/**
 * One document to report on: its source, to draw its pages, and the result of running it, or the error that
 * stopped it.
 *
 * @example
 * ```ts
 * const entry: ReportEntry = { source: 'invoice.pdf', result: await pipeline.run('invoice.pdf') };
 * ```
 */
export interface ReportEntry {
  /** The document, as it was given to the pipeline. */
  readonly source: DocumentSource;
  /** What the pipeline made of it; a result read back from JSON will do. */
  readonly result?: Pick<PipelineResult<unknown>, 'data' | 'fields' | 'warnings'> &
    Partial<Pick<PipelineResult<unknown>, 'document' | 'usage' | 'incomplete'>>;
  /** Why it failed, when it did. */
  readonly error?: unknown;
  /** Names it in the report and keys its outcomes. @default the file name, or `document-<n>` */
  readonly id?: string;
}

/** The entries as report items, with the outcomes of an evaluation when given. */
export function resultItems(entries: readonly ReportEntry[], outcomesOf: OutcomeLookup): ReportItem[] {
  return entries.map((entry, index) => {
    const id = entry.id ?? nameOf(entry.source) ?? entry.result?.document?.name ?? `document-${index + 1}`;
    const { result } = entry;
    const fields = result?.fields ?? [];
    const judged = outcomesOf(id, fields);
    return {
      id,
      name: id,
      status: statusOf(entry),
      source: entry.source,
      sourceLabel: typeof entry.source === 'string' ? entry.source : id,
      data: result?.data,
      fields,
      warnings: result?.warnings ?? [],
      ...(entry.error === undefined ? {} : { error: { message: messageOf(entry.error) } }),
      missing: result?.incomplete?.missing ?? [],
      ...(result?.usage ? { pages: result.usage.pages, costUsd: result.usage.costUsd } : {}),
      ...(judged === undefined ? {} : { outcomes: judged }),
    };
  });
}

function statusOf({ error, result }: ReportEntry): ReportItemStatus {
  if (error !== undefined) return 'failed';
  if (result === undefined) return 'pending';
  return result.incomplete ? 'incomplete' : 'succeeded';
}

function nameOf(source: DocumentSource): string | undefined {
  if (typeof source === 'string') return basename(source);
  if (source instanceof URL) return basename(source.pathname);
  return 'name' in source ? source.name : undefined;
}
