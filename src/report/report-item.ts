/**
 * One document as the report shows it, whether it came from a run version's files or from results in memory.
 *
 * @module
 */
import type { DocumentSource } from '../document/load.js';
import type { GroundedField, Warning } from '../spec/document.js';
import type { ReportFieldOutcome } from './field-outcomes.js';

/** Where a document stands: a run's `done` is `succeeded`; `pending` covers items not finished. */
export type ReportItemStatus = 'succeeded' | 'incomplete' | 'failed' | 'pending';

/** What the report knows of one document. */
export interface ReportItem {
  readonly id: string;
  /** How the report names it: the file's name, or the id. */
  readonly name: string;
  readonly status: ReportItemStatus;
  /** The document, to show its pages; `undefined` when it is not known (an item without `input.json`). */
  readonly source: DocumentSource | undefined;
  /** How the source is described to the reader, e.g. its path. */
  readonly sourceLabel: string;
  readonly data: unknown;
  readonly fields: readonly GroundedField[];
  readonly warnings: readonly Warning[];
  readonly error?: { readonly message: string; readonly code?: string; readonly stage?: string };
  /** JSON Pointers of required values the extraction did not find. */
  readonly missing: readonly string[];
  readonly pages?: number;
  readonly costUsd?: number;
  /** How each field compares with the truth, by JSON Pointer, when an evaluation exists. */
  readonly outcomes?: Readonly<Record<string, ReportFieldOutcome>>;
}
