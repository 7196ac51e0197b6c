/**
 * The pipeline: a stage graph prepared once, able to run many documents concurrently.
 *
 * @module
 */

import { type CacheConfig, type CacheSetting, toCacheConfig } from '../cache/cache-config.js';
import { StageCache } from '../cache/stage-cache.js';
import { resolveDocumentLimits } from '../document/limits.js';
import { type DocumentSource, loadDocument } from '../document/load.js';
import type { Extraction } from '../llm/extraction.js';
import { flattenVariables } from '../llm/template.js';
import type { ResolvedSchema, SchemaInput } from '../schema/index.js';
import { resolveSchema } from '../schema/index.js';
import type { DocumentLimits, Warning } from '../spec/document.js';
import { type AnsweredCall, StageError, ValidationError } from '../spec/errors.js';
import type { AnyStage, Logger, ProviderGate } from '../stages/stage.js';
import { optionalString } from '../util/config-checks.js';
import type { CallAnsweredListener } from './answered-calls.js';
import { PipelineEventEmitter, type PipelineEventListener, type PipelineEventName } from './events.js';
import { describeGraph, type PipelineGraph, type StageGraph } from './graph.js';
import { assembleResult, type IncompleteResult, type PipelineResult } from './result.js';
import { planRun, type RunPlan, runDocument, type StageFinishListener } from './runner.js';

/** Options every pipeline takes. */
export interface PipelineOptions<S extends SchemaInput | undefined = SchemaInput | undefined> {
  /** The shape of the data to extract: a zod 4 or zod v3 schema, or a JSON Schema object. Required with an extraction stage. */
  readonly jsonSchema?: S;
  /** Instructions for the extraction stages. @default '' */
  readonly systemPrompt?: string;
  /** Cache settings for every stage that sets none. @default an in-memory cache */
  readonly cache?: CacheSetting;
  /** Limits on the documents accepted. @default {@link DEFAULT_DOCUMENT_LIMITS} */
  readonly limits?: Partial<DocumentLimits>;
  /** Where stages write diagnostics. @default silent */
  readonly logger?: Logger;
  /**
   * Take an extraction that could not satisfy the schema as a result, `incomplete`, with what was found
   * (`null` where a value is missing), instead of a `StageError` whose `ValidationError` cause holds it in
   * `partial`. For batch pipelines that want every document. `result.data` is then typed `PartialData<T>`.
   * @default false
   */
  readonly acceptIncomplete?: boolean;
  /**
   * Keep each stage's raw vendor responses (Textract's blocks, the model's completion), with anything
   * credential-like removed, as `result.raw[stageId]`; batch runs store them as `items/<id>/<stageId>.raw.json`.
   * Off by default: they are several times the size of the stage outputs, which already hold what docpipe uses.
   * @default false
   */
  readonly keepRaw?: boolean;
}

/** Options of one {@link Pipeline.run} call. */
export interface RunOptions {
  /** Cancels the run: running stages are aborted and `run` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * The item's data, for `{name}` / `{nested__field}` variables in the prompts (nested objects
   * flattened with `__`). @default no variables
   */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Outputs of stages finished in an earlier attempt at this document, by stage id: they are not run again (resume). */
  readonly finishedStages?: Readonly<Record<string, unknown>>;
  /** Called with each stage's output as soon as it is finished (e.g. to store it), before the stages that read it start. */
  readonly onStageFinish?: StageFinishListener;
  /** Gates every provider call, e.g. through per-provider rate limits. @default calls go straight out */
  readonly providerGate?: ProviderGate;
  /**
   * Provider requests answered in an earlier attempt at this document (a failed run's `StageError.answeredCalls`):
   * an identical request takes its answer instead of being sent and paid for again.
   *
   * @example
   * ```ts
   * try { await pipeline.run(doc); }
   * catch (e) { if (StageError.isInstance(e)) await pipeline.run(doc, { answeredCalls: e.answeredCalls }); }
   * ```
   */
  readonly answeredCalls?: readonly AnsweredCall[];
  /** Called with each provider request answered (e.g. to store it), before its stage goes on. */
  readonly onCallAnswered?: CallAnsweredListener;
}

const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A prepared stage graph. Made by {@link linearPipeline} or {@link dagPipeline}; immutable, and
 * safe to run many documents through at once.
 */
export class Pipeline<T> {
  /** The stages in the order they are planned (topological). */
  readonly stages: readonly AnyStage[];
  /** The pipeline-wide cache settings. */
  readonly cache: CacheConfig;
  readonly #plan: RunPlan;
  readonly #primary: number | undefined;
  readonly #limits: DocumentLimits;
  readonly #logger: Logger;
  readonly #events: PipelineEventEmitter;
  /** What building the pipeline noticed without failing (`config-unused`), put on every result. */
  readonly #configWarnings: readonly Warning[];
  readonly #acceptIncomplete: boolean;
  readonly #keepRaw: boolean;
  readonly #graph: StageGraph;

  /** @internal use {@link linearPipeline} or {@link dagPipeline} */
  constructor(graph: StageGraph, options: PipelineOptions, configWarnings: readonly Warning[] = []) {
    const schema: ResolvedSchema | undefined =
      options.jsonSchema === undefined ? undefined : resolveSchema(options.jsonSchema);
    const systemPrompt =
      optionalString({ config: 'pipeline', option: 'systemPrompt' }, options.systemPrompt) ?? '';
    this.stages = graph.stages;
    this.#acceptIncomplete = options.acceptIncomplete === true;
    this.#keepRaw = options.keepRaw === true;
    this.#graph = graph;
    this.cache = toCacheConfig(options.cache ?? true);
    this.#limits = resolveDocumentLimits(options.limits);
    this.#logger = options.logger ?? SILENT_LOGGER;
    this.#events = new PipelineEventEmitter(this.#logger);
    const prepared = graph.stages.map((stage) =>
      stage.prepare({ schema, systemPrompt, limits: this.#limits }),
    );
    this.#plan = planRun(graph, prepared, stageCaches(graph.stages, this.cache));
    this.#configWarnings = [...configWarnings, ...prepared.flatMap((stage) => stage.warnings ?? [])];
    this.#primary = primaryExtraction(this.#plan);
  }

  /**
   * Runs one document through every stage.
   *
   * @example
   * ```ts
   * const { data, usage } = await pipeline.run('invoice.pdf');
   * ```
   * @throws {InputError} when the document cannot be read or breaks a limit
   * @throws {StageError} when a stage fails; `cause` holds why: a `ValidationError` with what was found in its
   * `partial` when the extraction could not satisfy the schema (unless `acceptIncomplete`)
   */
  async run(source: DocumentSource, options: RunOptions = {}): Promise<PipelineResult<T>> {
    const startedAt = performance.now();
    const document = await loadDocument(source, {
      limits: this.#limits,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const run = await runDocument(this.#plan, document, {
      events: this.#events,
      logger: this.#logger,
      keepRaw: this.#keepRaw,
      // The signal, finished stages, listeners, gate and answered calls, as the caller gave them.
      ...options,
      variables: flattenVariables(options.variables ?? {}),
    });
    const result = assembleResult<T>(this.#plan, document, run, this.#primary, startedAt);
    if (result.incomplete && !this.#acceptIncomplete) throw incompleteError(result);
    if (this.#configWarnings.length === 0) return result;
    return { ...result, warnings: [...this.#configWarnings, ...result.warnings] };
  }

  /**
   * The pipeline's dataflow: its stages, and an edge for each output a stage reads — its dependencies' (`after`)
   * and the upstream outputs it reads besides (`reads`, e.g. OCR → extraction, for grounding).
   *
   * @example
   * ```ts
   * linearPipeline({ jsonSchema }).graph().edges;
   * // [{ from: 'ocr', to: 'parser', via: 'after' }, { from: 'parser', to: 'llm-extraction', via: 'after' },
   * //  { from: 'ocr', to: 'llm-extraction', via: 'reads' }]
   * ```
   */
  graph(): PipelineGraph {
    return describeGraph(this.#graph);
  }

  /**
   * Listens to an event of every run; returns a function that stops listening.
   *
   * @example
   * ```ts
   * pipeline.on('stage:finish', (e) => console.log(e.stageId, e.durationMs));
   * ```
   */
  on<E extends PipelineEventName>(event: E, listener: PipelineEventListener<E>): () => void {
    return this.#events.on(event, listener);
  }

  /** Releases what providers hold (worker pools, connections). Call it when done with the pipeline. */
  async close(): Promise<void> {
    await Promise.all(this.#plan.prepared.map((stage) => stage.close?.()));
  }
}

/** The error an incomplete result stands for, when the pipeline does not accept one: what was found in `partial`. */
function incompleteError(result: PipelineResult<unknown>): StageError {
  const { stageId, message, issues, missing } = result.incomplete as IncompleteResult;
  const answer = (result.stages[stageId] as Extraction<unknown>).incomplete?.answer;
  const partial = { data: result.data, missing, fields: result.fields };
  return new StageError(stageId, new ValidationError(message, { issues, raw: answer, partial }), {
    documentId: result.document.id,
  });
}

/**
 * Each stage's cache: its own settings, else the pipeline's; one {@link StageCache} per settings
 * object, so stages that share settings share a store (and its single-flight).
 */
function stageCaches(stages: readonly AnyStage[], pipelineCache: CacheConfig): (StageCache | undefined)[] {
  const caches = new Map<CacheConfig, StageCache>();
  return stages.map((stage) => {
    const config = stage.settings.cache ?? pipelineCache;
    if (!config.enabled) return undefined;
    const cache = caches.get(config) ?? new StageCache(config);
    caches.set(config, cache);
    return cache;
  });
}

/** The extraction stage whose data is `result.data`: the last one in order among the sinks, else the last one. */
function primaryExtraction(plan: RunPlan): number | undefined {
  const extractions = plan.stages.flatMap((stage, index) => (stage.kind === 'llm-extraction' ? [index] : []));
  const sinks = extractions.filter((index) => plan.dependents[index]?.length === 0);
  return sinks.at(-1) ?? extractions.at(-1);
}
