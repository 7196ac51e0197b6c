/**
 * What `pipeline.run()` returns.
 *
 * @module
 */

import type { Extraction, GroundedField } from '../llm/extraction.js';
import type { LoadedDocument, OcrDocument, ParsedDocument, Warning } from '../spec/document.js';
import type { ValidationIssue } from '../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import type { DocumentRun, RunPlan } from './runner.js';

/** How long a stage took, and whether its output came from the cache. */
export interface StageTiming {
  readonly durationMs: number;
  readonly cached: boolean;
  /** Attempts made, retries included. */
  readonly attempts: number;
}

/** Every stage's output by stage id; the built-in default ids are typed. */
export interface StageOutputs {
  readonly ocr?: OcrDocument;
  readonly parser?: ParsedDocument;
  readonly 'llm-extraction'?: Extraction<unknown>;
  readonly [stageId: string]: unknown;
}

/**
 * `result.data`'s type when the pipeline accepts incomplete answers (`acceptIncomplete`): any value may be
 * missing, `null`, at any depth.
 */
export type PartialData<T> = T extends readonly (infer U)[]
  ? PartialData<U>[]
  : T extends Date
    ? T | null
    : T extends object
      ? { [K in keyof T]?: PartialData<T[K]> | null }
      : T | null;

/** The data of an extraction: the schema's type, or {@link PartialData} of it when incomplete answers are accepted. */
export type ExtractedData<T, AcceptIncomplete extends boolean> = AcceptIncomplete extends true
  ? PartialData<T>
  : T;

/** Why a result is incomplete: its extraction could not satisfy the schema (see `acceptIncomplete`). */
export interface IncompleteResult {
  /** The extraction stage whose answer is incomplete. */
  readonly stageId: string;
  /** What is wrong and how to help the extractor. */
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
  /** JSON Pointers of the values missing or invalid; `data` holds `null` there, e.g. `['/total']`. */
  readonly missing: readonly string[];
}

/** The result of running one document through a pipeline. */
export interface PipelineResult<T> {
  /** The document that was processed. */
  readonly document: Pick<LoadedDocument, 'id' | 'name' | 'mediaType' | 'pageCount'>;
  /** The extracted data, validated; `undefined` for a pipeline without an extraction stage. */
  readonly data: T;
  /** Each leaf value of `data` and where it stands in the document. */
  readonly fields: readonly GroundedField[];
  readonly stages: StageOutputs;
  /** Pages, tokens, calls and cost of this document, all stages together. */
  readonly usage: Usage;
  readonly timings: Readonly<Record<string, StageTiming>>;
  readonly warnings: readonly Warning[];
  /** Wall time of the whole run, loading included. */
  readonly durationMs: number;
  /**
   * Set when the extraction could not satisfy the schema and the pipeline accepts incomplete answers: `data`
   * then holds what was found, `null` where a value is missing. Without `acceptIncomplete`, `run` throws instead.
   */
  readonly incomplete?: IncompleteResult;
  /**
   * With `keepRaw`: each stage's raw vendor responses, secret-free, by stage id, one per provider call in order
   * (an extraction's chunks and repair turns; an OCR stage's recognition). Stages served from the cache or an
   * earlier attempt, or that called no provider, have none.
   */
  readonly raw?: Readonly<Record<string, readonly unknown[]>>;
}

/** Assembles a result from a finished run; `primary` is the position of the extraction stage giving `data`. */
export function assembleResult<T>(
  plan: RunPlan,
  document: LoadedDocument,
  run: DocumentRun,
  primary: number | undefined,
  startedAt: number,
): PipelineResult<T> {
  const stages: Record<string, unknown> = {};
  const timings: Record<string, StageTiming> = {};
  const raw: Record<string, readonly unknown[]> = {};
  let usage = EMPTY_USAGE;
  plan.stages.forEach((stage, index) => {
    const record = run.records[index];
    if (!record) return;
    stages[stage.id] = record.output;
    if (record.raw) raw[stage.id] = record.raw;
    timings[stage.id] = { durationMs: record.durationMs, cached: record.cached, attempts: record.attempts };
    usage = addUsage(usage, record.usage);
  });
  const extraction = primary === undefined ? undefined : (run.records[primary]?.output as Extraction<T>);
  const incomplete = extraction?.incomplete;
  const stageId = primary === undefined ? undefined : plan.stages[primary]?.id;
  return {
    document: {
      id: document.id,
      name: document.name,
      mediaType: document.mediaType,
      pageCount: document.pageCount,
    },
    data: extraction?.data as T,
    fields: extraction?.fields ?? [],
    stages,
    usage,
    timings,
    // Loading's warnings (a file named like another type than it is) come first: they happened first.
    warnings: [...(document.warnings ?? []), ...run.warnings],
    durationMs: performance.now() - startedAt,
    ...(Object.keys(raw).length > 0 ? { raw } : {}),
    ...(incomplete && stageId !== undefined
      ? {
          incomplete: {
            stageId,
            message: incomplete.message,
            issues: incomplete.issues,
            missing: incomplete.missing,
          },
        }
      : {}),
  };
}
