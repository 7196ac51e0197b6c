/**
 * The stage base class, and the context a stage runs with.
 *
 * @module
 */
import type { CacheConfig } from '../cache/cache-config.js';
import type { ResolvedSchema } from '../schema/index.js';
import type { DocumentLimits, LoadedDocument, Warning } from '../spec/document.js';
import { ConfigError } from '../spec/errors.js';
import type { Usage } from '../spec/usage.js';
import type { CustomStage } from './define-stage.js';
import type { LLMExtractionStage } from './llm-extraction-stage.js';
import type { OCRStage } from './ocr-stage.js';
import type { ParserStage } from './parser-stage.js';
import type { RetryPolicy } from './retry-policy.js';

// Type-only brand carrying a stage's output type; it never exists at run time.
declare const OUTPUT: unique symbol;

/** The kinds of stage: the three built-in ones and user-defined ones. */
export type StageKind = 'ocr' | 'parser' | 'llm-extraction' | 'custom';

/** Where stages write diagnostics; pass your own (pino, console) as the pipeline's `logger`. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What a stage's `run` receives. */
export interface StageContext<Inputs = Readonly<Record<string, unknown>>> {
  /** The document being processed. */
  readonly document: LoadedDocument;
  /**
   * The outputs of the stage's direct dependencies, by stage id; for a built-in stage, also the upstream outputs it
   * declares it reads (`PipelineStage.reads`), e.g. the OCR output an extraction grounds its fields in.
   */
  readonly inputs: Inputs;
  /** Aborted when the run is cancelled, a sibling stage fails, or this attempt times out. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** The item's prompt variables (its data flattened with `__`), empty when none were given. */
  readonly variables: Readonly<Record<string, string>>;
  /** Records a warning on the result, without failing the run. */
  warn(warning: Omit<Warning, 'stageId'>): void;
  /** Adds to the document's usage (pages, tokens, cost, calls). */
  addUsage(usage: Partial<Usage>): void;
  /** Reports progress through the document (emitted as `stage:progress`), e.g. pages done. */
  reportProgress(done: number, total: number): void;
}

/** Runs a call to a provider when its rate limits allow; `tokens` is the call's estimated size. */
export type ProviderGate = <T>(
  provider: string,
  call: () => Promise<T>,
  options: { readonly tokens?: number; readonly signal?: AbortSignal },
) => Promise<T>;

/** A provider's answer to one request: whatever it returns, with its raw vendor response in `raw` when it keeps one. */
export interface ProviderAnswer {
  readonly raw?: unknown;
}

/** What {@link StageRunContext.callProviderOnce} gives back. */
export interface KeptAnswer<T> {
  readonly answer: T;
  /** Answered in an earlier attempt at the document, so nothing was paid for it now. */
  readonly reused: boolean;
}

/** The context of built-in stages, which also call providers through the run. @internal */
export interface StageRunContext extends StageContext {
  /** Runs a provider call through the run's rate limits (directly when there are none), retried on its own. */
  callProvider<T>(
    provider: string,
    call: () => Promise<T>,
    options?: { readonly tokens?: number },
  ): Promise<T>;
  /**
   * Like {@link callProvider}, for a request whose answer the run keeps: `request` (JSON, without secrets) is what
   * was asked, and an identical request answered in an earlier attempt at the document (a stage attempt that
   * timed out, a batch item resumed, `RunOptions.answeredCalls`) takes that answer instead of being sent. The
   * answer must be JSON data (its `raw` is kept secret-free).
   */
  callProviderOnce<T extends ProviderAnswer>(
    provider: string,
    request: unknown,
    call: () => Promise<T>,
    options?: { readonly tokens?: number },
  ): Promise<KeptAnswer<T>>;
  /** Keeps a raw vendor response of the stage, for `result.raw` when the pipeline keeps them (`keepRaw`). */
  keepRaw(raw: unknown): void;
  /** The first of the stage's inputs (its dependencies', then what it reads) that satisfies `guard`. */
  findInput<T>(guard: (output: unknown) => output is T): T | undefined;
}

/** What a pipeline gives its stages when it prepares them. @internal */
export interface PipelineEnvironment {
  readonly schema: ResolvedSchema | undefined;
  readonly systemPrompt: string;
  readonly limits: DocumentLimits;
}

/** A stage made ready to run in one pipeline: providers resolved once, released by `close`. @internal */
export interface PreparedStage<Output> {
  run(context: StageRunContext): Promise<Output>;
  close?(): Promise<void>;
  /** What preparing the stage noticed without failing (`config-unused`), put on every result. */
  readonly warnings?: readonly Warning[];
  /**
   * What decides the stage's output besides the document and its inputs (provider, model,
   * settings, prompt), as JSON without secrets; part of its cache key. Stages without one are
   * not cached.
   */
  cacheIdentity?(context: StageRunContext): unknown;
}

/** How the runner treats a stage: its timeout, retry policy and cache settings. */
export interface StageSettings {
  readonly timeoutMs: number | undefined;
  readonly retry: RetryPolicy;
  readonly cache: CacheConfig | undefined;
}

/** A dependency: a stage, or the id of a stage in the same pipeline. */
export type StageReference = AnyStage | string;

/** Any stage, whatever its id and output. */
export type AnyStage = PipelineStage<string, unknown>;

/** The output type of a stage. */
export type OutputOf<S> = S extends PipelineStage<string, infer O> ? O : never;

/** The stage classes by kind, so `.withId()` can return the same class with another id. */
export interface StageClasses<Id extends string, Output> {
  ocr: OCRStage<Id>;
  parser: ParserStage<Id>;
  'llm-extraction': LLMExtractionStage<Id>;
  custom: CustomStage<Id, Output>;
}

/** Stands where an argument of `.after()` is a stage whose output cannot feed this one. */
export interface IncompatibleStage<Message extends string> {
  readonly 'incompatible stage': Message;
}

/** Checks each stage in `U` outputs an `Accepts`; the ones that do not become a readable error. */
export type StagesOutputting<U extends readonly unknown[], Accepts, Message extends string> = {
  [K in keyof U]: U[K] extends PipelineStage<string, infer O>
    ? [O] extends [Accepts]
      ? U[K]
      : IncompatibleStage<Message>
    : IncompatibleStage<Message>;
};

const STAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Throws unless `id` can name a stage (letters, digits, `-` and `_`: it becomes a file name). */
export function checkStageId(id: unknown): string {
  if (typeof id !== 'string' || !STAGE_ID.test(id)) {
    throw new ConfigError(
      `Stage id ${JSON.stringify(id)} is not valid. Use letters, digits, '-' and '_', starting with a letter or digit (e.g. 'invoice-extraction').`,
      { option: 'id' },
    );
  }
  return id;
}

/**
 * The base of every stage. Stages are immutable descriptions: `.after()`, `.withId()` and
 * `.withConfig()` return changed copies, so one stage can be reused in several pipelines.
 */
export abstract class PipelineStage<Id extends string = string, Output = unknown> {
  declare readonly [OUTPUT]?: Output;
  /** The kind of stage. */
  abstract readonly kind: StageKind;
  /** Unique within a pipeline; names the stage's output in `result.stages` and on disk. */
  readonly id: Id;
  /** The stages (or stage ids) whose outputs this stage reads. */
  readonly dependencies: readonly StageReference[];

  protected constructor(id: Id, dependencies: readonly StageReference[]) {
    this.id = checkStageId(id) as Id;
    this.dependencies = Object.freeze([...dependencies]);
  }

  /** The timeout, retry policy and cache settings the runner applies to this stage. */
  abstract get settings(): StageSettings;

  /**
   * Kinds of stage whose output this stage also reads, besides its dependencies', in order of preference: the nearest
   * upstream stage of the first kind the pipeline has becomes an edge of the graph (`pipeline.graph()`) and one of
   * its inputs. @default none
   */
  get reads(): readonly StageKind[] {
    return [];
  }

  /**
   * A copy of this stage with another id, e.g. to hold two extraction stages in one pipeline.
   *
   * @example
   * ```ts
   * const summary = new LLMExtractionStage(config).withId('summary');
   * ```
   */
  withId<I extends string>(id: I): StageClasses<I, Output>[this['kind']] {
    return this.derive({ id: checkStageId(id) }) as unknown as StageClasses<I, Output>[this['kind']];
  }

  /** Creates the runnable form of this stage for one pipeline. @internal */
  abstract prepare(environment: PipelineEnvironment): PreparedStage<Output>;

  /** A frozen copy of this stage with some fields replaced. */
  protected derive(changes: Partial<Record<string, unknown>>): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(copy, this, changes);
    return Object.freeze(copy);
  }

  /** A copy that also depends on `stages`; checks at run time what the types check at compile time. */
  protected withDependencies(stages: readonly unknown[], accepts: readonly StageKind[], hint: string): this {
    for (const stage of stages) {
      if (!(stage instanceof PipelineStage)) {
        throw new ConfigError(`${this.constructor.name}.after() takes stages, got ${typeof stage}. ${hint}`, {
          option: 'after',
        });
      }
      if (!accepts.includes(stage.kind)) {
        throw new ConfigError(
          `${this.constructor.name} '${this.id}' cannot come after the ${stage.kind} stage '${stage.id}'. ${hint}`,
          { option: 'after' },
        );
      }
    }
    const added = stages.filter((s) => !this.dependencies.includes(s as AnyStage)) as AnyStage[];
    return this.derive({ dependencies: Object.freeze([...this.dependencies, ...added]) });
  }
}
