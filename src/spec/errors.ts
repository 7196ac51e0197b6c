/**
 * The docpipe error hierarchy. Every error docpipe throws on purpose is a {@link DocpipeError}
 * with a stable `code`; its message is one sentence saying what went wrong, then how to fix it.
 *
 * @module
 */

import type { GroundedField } from './document.js';

// A registry-wide symbol, so two copies of docpipe in one process (or realm) still recognise
// each other's errors; `instanceof` cannot do that.
const ERROR_KINDS = Symbol.for('docpipe.error.kinds');

/** Stable machine-readable error codes, one per error class. */
export type DocpipeErrorCode =
  | 'config'
  | 'input'
  | 'graph'
  | 'cycle'
  | 'stage'
  | 'provider'
  | 'validation'
  | 'truncated-output'
  | 'batch';

/** Options common to every docpipe error. */
export interface DocpipeErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Base class of every error docpipe throws on purpose.
 *
 * @example
 * ```ts
 * try { await pipeline.run('invoice.pdf'); }
 * catch (e) { if (DocpipeError.isInstance(e)) console.error(e.code, e.message); }
 * ```
 */
export class DocpipeError extends Error {
  /** A stable code naming the kind of failure. */
  readonly code: DocpipeErrorCode;
  declare readonly [ERROR_KINDS]: readonly string[];

  constructor(code: DocpipeErrorCode, message: string, options: DocpipeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, ERROR_KINDS, { value: kindsOf(new.target), enumerable: false });
  }

  /**
   * Whether `value` is an error of this class (or a subclass), even one thrown by another copy
   * of docpipe. `ConfigError.isInstance(e)` narrows to `ConfigError`, and so on.
   */
  static isInstance<T extends DocpipeError>(
    this: abstract new (
      ...args: never[]
    ) => T,
    value: unknown,
  ): value is T {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass isInstance was called on.
    return Array.isArray(kinds) && kinds.includes(this.name);
  }
}

function kindsOf(errorClass: abstract new (...args: never[]) => unknown): string[] {
  const kinds: string[] = [];
  for (let c: unknown = errorClass; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    kinds.push((c as { name: string }).name);
  }
  return kinds;
}

/** A configuration value is missing, of the wrong type or out of range. */
export class ConfigError extends DocpipeError {
  /** The option at fault, as `ConfigClass.option` (e.g. `LLMExtractionConfig.maxTokens`), when known. */
  readonly option: string | undefined;

  constructor(message: string, options: DocpipeErrorOptions & { option?: string } = {}) {
    super('config', message, options);
    this.option = options.option;
  }
}

/** The document given to a pipeline cannot be read or is not one docpipe can process. */
export class InputError extends DocpipeError {
  constructor(message: string, options: DocpipeErrorOptions = {}) {
    super('input', message, options);
  }
}

/** The stage graph is invalid: an unknown dependency, a duplicate id, or a cycle. */
export class GraphError extends DocpipeError {
  constructor(message: string, options: DocpipeErrorOptions & { code?: 'graph' | 'cycle' } = {}) {
    super(options.code ?? 'graph', message, options);
  }
}

/** The stage graph has a cycle; {@link CycleError.cyclePath} lists it, first id repeated last. */
export class CycleError extends GraphError {
  /** The stage ids along the cycle, e.g. `['a', 'b', 'a']`. */
  readonly cyclePath: readonly string[];

  constructor(cyclePath: readonly string[]) {
    super(
      `The stages form a cycle: ${cyclePath.join(' → ')}. Remove one of these dependencies so the graph has an order.`,
      { code: 'cycle' },
    );
    this.cyclePath = cyclePath;
  }
}

/**
 * A provider request a stage had answered (a chunk of a long document): its key, a hash of the request, and the
 * answer. Given back to a run of the same document, an identical request takes the answer instead of paying again.
 */
export interface AnsweredCall {
  readonly stageId: string;
  /** The sha256 of the request and of everything that decides its answer. */
  readonly key: string;
  readonly answer: unknown;
}

/** A stage failed while running a document; `cause` holds what it threw. */
export class StageError extends DocpipeError {
  /** The id of the stage that failed. */
  readonly stageId: string;
  /** The id of the document being processed. */
  readonly documentId: string | undefined;
  /**
   * The provider requests the run had answered before it failed (this stage's, and those of any stage that
   * failed beside it): pass them as `pipeline.run(source, { answeredCalls })` so they are not paid for again.
   */
  readonly answeredCalls: readonly AnsweredCall[];

  constructor(
    stageId: string,
    cause: unknown,
    options: { documentId?: string; attempts?: number; answeredCalls?: readonly AnsweredCall[] } = {},
  ) {
    const tries =
      options.attempts !== undefined && options.attempts > 1 ? ` after ${options.attempts} attempts` : '';
    super('stage', `Stage '${stageId}' failed${tries}: ${messageOf(cause)}`, { cause });
    this.stageId = stageId;
    this.documentId = options.documentId;
    this.answeredCalls = options.answeredCalls ?? [];
  }
}

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions extends DocpipeErrorOptions {
  /** The provider's name, e.g. `aws.textract` or `anthropic`. */
  readonly provider: string;
  /** The HTTP status, when the failure came from an HTTP response. */
  readonly status?: number;
  /** Whether trying again may succeed (throttling, 5xx, timeouts). @default false */
  readonly retryable?: boolean;
  /** How long the provider asked us to wait before trying again (`Retry-After`). */
  readonly retryAfterMs?: number;
}

/** A provider (OCR service or model) failed; `retryable` says whether trying again may help. */
export class ProviderError extends DocpipeError {
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super('provider', message, options);
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** One problem found when validating output against the schema. */
export interface ValidationIssue {
  /** JSON Pointer to the value at fault (`''` for the root). */
  readonly path: string;
  readonly message: string;
}

/** The best answer an extraction reached when it could not satisfy the schema: nothing it found is lost. */
export interface PartialAnswer {
  /** The answer with every missing or invalid value the schema requires set to `null`. */
  readonly data: unknown;
  /** JSON Pointers of the values that are missing or invalid, e.g. `['/total', '/items/2/amount']`. */
  readonly missing: readonly string[];
  /** Each value found, with its path, confidence and, when OCR ran, its page and box. */
  readonly fields: readonly GroundedField[];
}

/** Output did not match the schema; the raw output is kept for inspection, and the best answer in `partial`. */
export class ValidationError extends DocpipeError {
  readonly issues: readonly ValidationIssue[];
  /** The value that failed validation, exactly as received. */
  readonly raw: unknown;
  /** What was found, when the error comes from an extraction (see {@link PartialAnswer}). */
  readonly partial: PartialAnswer | undefined;

  constructor(
    message: string,
    options: DocpipeErrorOptions & {
      issues: readonly ValidationIssue[];
      raw: unknown;
      partial?: PartialAnswer;
    },
  ) {
    super('validation', message, options);
    this.issues = options.issues;
    this.raw = options.raw;
    this.partial = options.partial;
  }
}

/** A model stopped at its output token limit before finishing its answer. */
export class TruncatedOutputError extends DocpipeError {
  /** The partial output, exactly as received. */
  readonly raw: unknown;

  constructor(message: string, options: DocpipeErrorOptions & { raw?: unknown } = {}) {
    super('truncated-output', message, options);
    this.raw = options.raw;
  }
}

/** A batch ended with failed documents, or was interrupted; its run on disk says which and why. */
export class BatchError extends DocpipeError {
  /** How many documents failed. */
  readonly failed: number;

  constructor(message: string, options: DocpipeErrorOptions & { failed: number }) {
    super('batch', message, options);
    this.failed = options.failed;
  }
}

/** The message of anything thrown, for wrapping it in a sentence. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
