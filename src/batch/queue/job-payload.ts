/**
 * The unit of distributed work: one BullMQ job per item, its deterministic id, what it carries (a
 * reference to the document, the item's variables, the pipeline definition, the run's rate limits —
 * never secrets, never page images) and what a worker answers.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { DocumentSource } from '../../document/load.js';
import type { StageTiming } from '../../pipeline/result.js';
import type { ItemError, ItemIncompleteness } from '../../runs/types.js';
import type { GroundedField, Warning } from '../../spec/document.js';
import type { Usage } from '../../spec/usage.js';
import type { BatchItem } from '../batch-inputs.js';
import type { RateLimit } from '../rate-limiter.js';

/** The format of {@link QueueJobData}; a worker refuses a job of another. */
export const JOB_FORMAT = 1;

/**
 * Documents at most this big travel inside the job (base64), so a worker needs no shared storage for
 * them; bigger ones travel as an absolute path every worker must be able to read. 256 KiB holds text
 * files, most digital PDFs and many single-page scans, while 10,000 queued items stay within about
 * 3.4 GB of Redis memory at worst.
 */
export const DEFAULT_INLINE_BYTES = 256 * 1024;

/** What a queued version records beside its metadata (`queue.json`), for `runs status`. */
export interface QueueRecord {
  /** The Redis URL without its password. */
  readonly url: string;
  readonly queueName: string;
}

/** The file of a version that marks it as queued. */
export const QUEUE_RECORD_FILE = 'queue.json';

/** The BullMQ job name of every docpipe job. */
export const JOB_NAME = 'docpipe-item';

/** How a job names its document. */
export type JobSource =
  /** A path every worker can read (shared storage mounted at the same place). */
  | { readonly kind: 'path'; readonly path: string }
  /** The document's bytes, base64, for documents up to the inline limit. */
  | { readonly kind: 'bytes'; readonly name: string; readonly base64: string }
  /** The text of a JSON-array item. */
  | { readonly kind: 'text'; readonly text: string };

/** What one job carries. */
export interface QueueJobData {
  readonly format: typeof JOB_FORMAT;
  readonly runName: string;
  readonly version: string;
  readonly itemId: string;
  readonly source: JobSource;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The version's stored pipeline configuration (`metadata.json`'s `config`), which workers build from. */
  readonly definition: unknown;
  /** The run's rate limits by provider name, applied across every worker through Redis. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
}

/** What a worker answers for an item it finished (the job's return value). */
export interface QueueItemOutcome {
  readonly format: typeof JOB_FORMAT;
  readonly status: 'succeeded' | 'incomplete';
  readonly data: unknown;
  readonly fields: readonly GroundedField[];
  readonly usage: Usage;
  readonly warnings: readonly Warning[];
  readonly timings: Readonly<Record<string, StageTiming>>;
  readonly incomplete?: ItemIncompleteness;
  /** The prompt the extraction sent, as `prompt.md`. */
  readonly prompt?: string;
  /** The stages' raw vendor responses, secret-free, by stage id, when the run keeps them (`batch --keep-raw`). */
  readonly raw?: Readonly<Record<string, readonly unknown[]>>;
  readonly pages: number;
  readonly cachedStages: number;
  readonly durationMs: number;
  /** Which worker did the work: `host:pid`. */
  readonly worker: string;
}

/**
 * What a worker records of an item it failed for good (the job's progress, set just before the job
 * fails): the item's error, and what its stages spent before.
 */
export interface QueueItemFailure {
  readonly failure: {
    readonly error: Omit<ItemError, 'item'>;
    readonly usage?: Usage;
    readonly durationMs?: number;
    readonly worker: string;
  };
}

/**
 * The job id of an item of a run version: `<run>/<version>/<item>`, each part with `%`, `/` and `:`
 * percent-encoded (BullMQ forbids `:` in custom ids; ids that look like integers cannot occur). The same
 * item of the same version always gets the same id, so BullMQ never holds it twice.
 */
export function jobIdOf(runName: string, version: string, itemId: string): string {
  return [runName, version, itemId].map(encodePart).join('/');
}

/** The prefix of every job id of a version. */
export function jobIdPrefix(runName: string, version: string): string {
  return `${encodePart(runName)}/${encodePart(version)}/`;
}

function encodePart(part: string): string {
  return part.replace(/[%/:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * How a job names the item's document: its text, its bytes when the file is at most `inlineBytes`, else
 * its absolute path.
 */
export async function jobSourceOf(item: BatchItem, inlineBytes: number): Promise<JobSource> {
  if (item.source.kind === 'text') return { kind: 'text', text: item.source.text };
  const path = resolve(item.source.path);
  const size = await stat(path).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  // A file the coordinator cannot read is left to the worker, whose error names it.
  if (size === undefined || size > inlineBytes) return { kind: 'path', path };
  return { kind: 'bytes', name: basename(path), base64: (await readFile(path)).toString('base64') };
}

/** The document a worker runs the pipeline on. */
export function documentSourceOf(source: JobSource): DocumentSource {
  switch (source.kind) {
    case 'path':
      return source.path;
    case 'text':
      return { text: source.text };
    case 'bytes':
      return { data: Buffer.from(source.base64, 'base64'), name: source.name };
  }
}

/** Whether `value` is a job this docpipe can process; else why not. */
export function checkJobData(value: unknown): string | undefined {
  const data = value as Partial<QueueJobData> | null;
  if (typeof data !== 'object' || data === null) return 'the job carries no data';
  if (data.format !== JOB_FORMAT)
    return `the job is of format ${String(data.format)}, this worker reads format ${JOB_FORMAT}; run the same docpipe version on the coordinator and the workers`;
  const source = data.source as Partial<JobSource> | undefined;
  if (typeof data.itemId !== 'string' || typeof source?.kind !== 'string') return 'the job names no document';
  return undefined;
}
