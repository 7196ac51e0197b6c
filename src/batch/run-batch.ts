/**
 * Batch runs: many documents through one pipeline with bounded concurrency and shared rate
 * limits, each item's finished stages, prompt, result or error written to a versioned run as
 * soon as they exist, so a killed run resumes where it stopped and pays for nothing twice.
 *
 * @module
 */
import { setMaxListeners } from 'node:events';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { PipelineResult } from '../pipeline/result.js';
import type {
  ItemError,
  ItemIncompleteness,
  ItemInput,
  ItemMetrics,
  ItemState,
  RunLabel,
  RunMode,
  RunVersion,
} from '../runs/index.js';
import { RunStore } from '../runs/index.js';
import { StageError } from '../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import type { ProviderGate } from '../stages/stage.js';
import type { BatchItem } from './batch-inputs.js';
import { ItemAttemptLog, processCrashedError, resolveMaxItemCrashes } from './crashed-items.js';
import { incompleteAnswerOf, itemMetrics, metricsUsage, toItemError } from './item-records.js';
import type { BatchProgress } from './progress.js';
import { promptMarkdown } from './prompt-markdown.js';
import type { QueueBatchOptions } from './queue/coordinator.js';
import { type RateLimit, RateLimiters } from './rate-limiter.js';
import { VersionTally } from './version-tally.js';

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Store the run as a new version of this name under `runsDir`. @default the run is not stored */
  readonly name?: string;
  /** Where runs are stored. @default './runs' */
  readonly runsDir?: string;
  /** Documents processed at once. @default 4 */
  readonly concurrency?: number;
  /** Limits per provider name (`anthropic`, `aws.textract`, …), shared by every document. @default none */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
  /** Process only these item ids. @default all */
  readonly only?: readonly string[];
  /** Leave these item ids out. @default none */
  readonly skip?: readonly string[];
  /** Start no new item after the first failure. @default false */
  readonly stopOnError?: boolean;
  /**
   * Continue the latest version of `name` instead of starting a new one: finished items are
   * skipped, and half-done items restart from their last finished stage. @default false
   */
  readonly resume?: boolean;
  /**
   * On `resume`, an item whose work the process died in (a native decoder's segfault, the OOM
   * killer, `kill -9`) this many times, once at least while it ran alone, is failed with code
   * `process-crashed` instead of started again. Items the process died in run after the others,
   * one at a time, so an item merely running beside the culprit is not blamed. @default 2
   */
  readonly maxItemCrashes?: number;
  /** Make a rerun version of these items, on top of `baseVersion`, instead of an initial one. @internal use {@link rerunItems} */
  readonly rerunOf?: string;
  /** The version's label. @default 'draft' */
  readonly label?: RunLabel;
  readonly notes?: string;
  /** The pipeline's configuration as stored in the run's metadata (no secrets). @default none */
  readonly config?: unknown;
  /** Adds a sequential id under this field to each result. @default none */
  readonly outputIdField?: string;
  /** The first sequential id. @default 1 */
  readonly idStart?: number;
  /** Cancels the batch: no new item starts, running ones are aborted. */
  readonly signal?: AbortSignal;
  /** Called with each item as it finishes. */
  readonly onItem?: (item: BatchItemResult) => void | Promise<void>;
  /** Called whenever the figures change. */
  readonly onProgress?: (progress: BatchProgress) => void;
  /**
   * Run the items on `docpipe worker`s through this queue (BullMQ on Redis) instead of in this process: one
   * job per item, results written into the run as they finish. Needs `name` and `config` (the pipeline's
   * definition, JSON without secrets, which the workers build their pipeline from); `pipeline` is not run here,
   * and `concurrency` and `maxItemCrashes` are the workers' (`--concurrency`, stall limits). @default none: in process
   */
  readonly queue?: QueueBatchOptions;
}

/** What happened to one item. */
export interface BatchItemResult {
  readonly id: string;
  /**
   * `incomplete`: finished, but its data lacks required values (`null` there, listed in `missing`); stored and
   * collated with a marker, not failed.
   * `skipped`: left out by `only`/`skip`, or finished in an earlier attempt (`resumed`).
   * `interrupted`: aborted by the batch's `signal` while it ran; no error is recorded, and `resume` runs it again.
   */
  readonly status: 'succeeded' | 'incomplete' | 'failed' | 'skipped' | 'interrupted';
  /** Finished in an earlier attempt of a resumed run. */
  readonly resumed?: boolean;
  readonly data?: unknown;
  /** With `incomplete`: JSON Pointers of the required values missing from `data`. */
  readonly missing?: readonly string[];
  readonly error?: ItemError;
  readonly usage: Usage;
  /** Stages served from the cache or from an earlier attempt instead of their provider. */
  readonly cachedStages: number;
  /** Pages of the document read, whether recognised now (`usage.pages`) or served from the cache. */
  readonly pages: number;
}

/** The batch's outcome. */
export interface BatchSummary {
  /** The run's name and version, when it was stored. */
  readonly runName?: string;
  readonly version?: string;
  readonly state: 'completed' | 'failed' | 'interrupted';
  readonly progress: BatchProgress;
  readonly errors: readonly ItemError[];
}

/**
 * Runs every item through `pipeline`.
 *
 * @example
 * ```ts
 * const items = await resolveBatchInputs(['invoices/']);
 * const summary = await runBatch(pipeline, items, { name: 'invoices', concurrency: 8, rateLimits: { anthropic: { requestsPerSecond: 5 } } });
 * console.log(summary.progress.done, summary.errors);
 * ```
 */
export async function runBatch(
  pipeline: Pipeline<unknown>,
  items: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<BatchSummary> {
  if (options.queue) {
    // Loaded only here: BullMQ stays out of a local batch.
    const { runQueuedBatch } = await import('./queue/coordinator.js');
    return runQueuedBatch(items, { ...options, queue: options.queue });
  }
  const maxItemCrashes = resolveMaxItemCrashes(options.maxItemCrashes);
  const version = options.name ? await openVersion(options.name, items, options) : undefined;
  try {
    return await new Batch(pipeline, items, options, version, maxItemCrashes).run();
  } finally {
    await version?.release();
  }
}

/** Items of an earlier run again, as a new version that keeps the others from its base. */
export async function rerunItems(
  pipeline: Pipeline<unknown>,
  items: readonly BatchItem[],
  options: BatchOptions & { readonly name: string; readonly baseVersion?: string },
): Promise<BatchSummary> {
  const base = await new RunStore(options.runsDir).openVersion(options.name, options.baseVersion ?? 'latest');
  return runBatch(pipeline, items, { ...options, rerunOf: base.version });
}

async function openVersion(
  name: string,
  items: readonly BatchItem[],
  options: BatchOptions,
): Promise<RunVersion> {
  const store = new RunStore(options.runsDir);
  if (options.resume) return store.resumeVersion(name);
  const mode: RunMode = options.rerunOf ? 'rerun' : 'initial';
  return store.createVersion(name, {
    mode,
    ...(options.rerunOf ? { baseVersion: options.rerunOf } : {}),
    ...(options.label ? { label: options.label } : {}),
    ...(options.notes ? { notes: options.notes } : {}),
    config: options.config ?? null,
    itemIds: items.map((item) => item.id),
  });
}

/** An item to work on, and what earlier attempts at it left. */
interface ItemWork {
  readonly state: ItemState;
  /** Its starts and ends, when the batch is stored. */
  readonly attempts: ItemAttemptLog | undefined;
}

class Batch {
  readonly #controller = new AbortController();
  readonly #gate: ProviderGate;
  readonly #tally: VersionTally;
  /** What each document running now has spent so far, by document id, from the pipeline's usage events. */
  readonly #spent = new Map<string, Usage>();
  #stoppedOnError = false;

  constructor(
    private readonly pipeline: Pipeline<unknown>,
    private readonly items: readonly BatchItem[],
    private readonly options: BatchOptions,
    private readonly version: RunVersion | undefined,
    private readonly maxItemCrashes: number,
  ) {
    const limiters = new RateLimiters(options.rateLimits ?? {});
    this.#gate = (provider, call, { tokens, signal }) =>
      limiters
        .forProvider(provider)
        ?.schedule(call, { ...(tokens === undefined ? {} : { tokens }), ...(signal ? { signal } : {}) }) ??
      call();
    this.#tally = new VersionTally(items.length, options.onProgress);
  }

  async run(): Promise<BatchSummary> {
    const { signal } = this.options;
    // Every running document listens to the batch's signal; hundreds at once are expected.
    setMaxListeners(0, this.#controller.signal);
    const abort = () => this.#controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const stopCounting = this.pipeline.on('usage', ({ documentId, usage }) => {
      this.#spent.set(documentId, addUsage(this.#spent.get(documentId) ?? EMPTY_USAGE, usage));
    });
    try {
      await this.#processAll();
    } finally {
      stopCounting();
      signal?.removeEventListener('abort', abort);
    }
    const state = this.#controller.signal.aborted
      ? 'interrupted'
      : this.#stoppedOnError
        ? 'failed'
        : 'completed';
    if (this.version) await this.#tally.finish(this.version, state);
    return {
      ...(this.version ? { runName: this.version.runName, version: this.version.version } : {}),
      state,
      progress: this.#tally.progress,
      errors: this.#tally.errors,
    };
  }

  async #processAll(): Promise<void> {
    const workers = Math.min(Math.max(1, this.options.concurrency ?? 4), this.items.length);
    // Items the process died in before run after the others, one at a time (see crashed-items.ts).
    const diedBefore: { position: number; work: ItemWork }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < this.items.length && this.#mayStart()) {
        const position = next++;
        const item = this.items[position] as BatchItem;
        const prepared = await this.#prepare(item, position);
        if ('result' in prepared) await this.#finish(prepared.result);
        else if (prepared.work.attempts?.diedBefore) diedBefore.push({ position, work: prepared.work });
        else await this.#finish(await this.#process(item, position, prepared.work, workers === 1));
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    diedBefore.sort((a, b) => a.position - b.position);
    for (const { position, work } of diedBefore) {
      if (!this.#mayStart()) break;
      await this.#finish(await this.#process(this.items[position] as BatchItem, position, work, true));
    }
  }

  #mayStart(): boolean {
    return !this.#controller.signal.aborted && !this.#stoppedOnError;
  }

  async #finish(result: BatchItemResult): Promise<void> {
    this.#tally.record(result);
    await this.options.onItem?.(result);
  }

  /** What is left to do of an item: nothing (skipped, done, or given up on), or its work. */
  async #prepare(
    item: BatchItem,
    position: number,
  ): Promise<{ result: BatchItemResult } | { work: ItemWork }> {
    const { only, skip, resume } = this.options;
    const { version } = this;
    if ((only && !only.includes(item.id)) || skip?.includes(item.id))
      return { result: { id: item.id, status: 'skipped', usage: EMPTY_USAGE, cachedStages: 0, pages: 0 } };
    if (!version) return { work: { state: 'pending', attempts: undefined } };
    const state = resume ? await version.itemState(item.id) : 'pending';
    if (state === 'done' || state === 'incomplete') {
      // Paid for in the earlier attempt: it counts in the version's totals, and is not paid again.
      const usage = metricsUsage(await version.readMetrics(item.id));
      const status = state === 'done' ? 'skipped' : 'incomplete';
      return { result: { id: item.id, status, resumed: true, usage, cachedStages: 0, pages: usage.pages } };
    }
    // A new version's items were never started: only a resumed one has attempts to read.
    const attempts = resume
      ? await ItemAttemptLog.read(version, item.id)
      : ItemAttemptLog.none(version, item.id);
    if (attempts.exhausts(this.maxItemCrashes))
      return { result: await this.#giveUp(version, item, position, attempts) };
    return { work: { state, attempts } };
  }

  /** Fails an item that crashed the process too often, without starting it. */
  async #giveUp(
    version: RunVersion,
    item: BatchItem,
    position: number,
    attempts: ItemAttemptLog,
  ): Promise<BatchItemResult> {
    const error = processCrashedError(item.id, attempts.crashes, version.runName);
    // `runs rerun` rebuilds the item from its input.json, which the dying process may not have written.
    await Promise.all([
      version.writeInput(this.#input(item, position)),
      version.writeError(item.id, error, itemMetrics(EMPTY_USAGE, 0)),
    ]);
    if (this.options.stopOnError) this.#stoppedOnError = true;
    return { id: item.id, status: 'failed', error, usage: EMPTY_USAGE, cachedStages: 0, pages: 0 };
  }

  async #process(
    item: BatchItem,
    position: number,
    work: ItemWork,
    alone: boolean,
  ): Promise<BatchItemResult> {
    const { state, attempts } = work;
    // Must be on disk before the first stage runs, so a death from then on is charged to this item;
    // written meanwhile, and awaited just before the run.
    const attemptStarted = attempts?.start(alone);
    attemptStarted?.catch(() => undefined);
    const finishedStages =
      state === 'pending' || !this.version ? {} : await this.version.readStageOutputs(item.id);
    // The requests an unfinished stage had answered (the chunks of a long document): not paid for again.
    const answeredCalls =
      state === 'pending' || !this.version ? [] : await this.version.readAnsweredCalls(item.id);
    const outputId = this.#outputId(position);
    // Written while the document runs: resume takes its inputs from the caller, so it is only needed by the end.
    const inputWritten = this.version?.writeInput(this.#input(item, position));
    // Awaited once the document is done; marked handled now so a failed write cannot go unhandled meanwhile.
    inputWritten?.catch(() => undefined);
    const started = performance.now();
    try {
      await attemptStarted;
      const result = await this.pipeline.run(
        item.source.kind === 'file' ? item.source.path : { text: item.source.text },
        {
          signal: this.#controller.signal,
          providerGate: this.#gate,
          finishedStages,
          answeredCalls,
          onCallAnswered: (call) => this.version?.writeAnsweredCall(item.id, call),
          ...(item.variables ? { variables: item.variables } : {}),
          onStageFinish: async ({ stageId, output, raw }) => {
            if (!(stageId in finishedStages))
              await this.version?.writeStageOutput(item.id, stageId, output, raw);
          },
        },
      );
      this.#spentBy(result.document.id);
      await inputWritten;
      const { data, fields, usage, warnings, timings, incomplete } = result;
      const marker = incomplete && { missing: [...incomplete.missing], message: incomplete.message };
      const metrics = itemMetrics(usage, performance.now() - started, timings);
      const stored = { data, fields, usage, warnings };
      await Promise.all([
        this.#storeResult(item.id, stored, outputId, metrics, marker, promptMarkdown(result)),
        attempts?.end('succeeded'),
      ]);
      const cachedStages = Object.values(timings).filter((timing) => timing.cached).length;
      // A cached OCR stage reports no pages used; the display still counts the document's pages as read.
      const pages = usage.pages || (cachedStages > 0 ? (result.document.pageCount ?? 0) : 0);
      const outcome = marker
        ? { status: 'incomplete' as const, missing: marker.missing }
        : { status: 'succeeded' as const };
      return { id: item.id, ...outcome, data, usage, cachedStages, pages };
    } catch (error) {
      // A failed document still paid for the stages that ran: the pipeline's usage events say what.
      const usage =
        error instanceof StageError && error.documentId ? this.#spentBy(error.documentId) : EMPTY_USAGE;
      await inputWritten;
      // Whatever an aborted document threw is the abort's doing, not the document's: recording it as an
      // error would send the user hunting for a cause, and make `resume` skip the item.
      if (this.#controller.signal.aborted) {
        // An abort ends the work in the process too: it is no crash.
        await attempts?.end('interrupted');
        return { id: item.id, status: 'interrupted', usage, cachedStages: 0, pages: usage.pages };
      }
      const answer = incompleteAnswerOf(error);
      if (answer) {
        // A pipeline without acceptIncomplete threw what it found: kept as the item's incomplete result.
        const { data, fields, missing } = answer.partial;
        const marker = { missing: [...missing], message: answer.message };
        const metrics = itemMetrics(usage, performance.now() - started);
        await Promise.all([
          this.#storeResult(item.id, { data, fields, usage, warnings: [] }, outputId, metrics, marker),
          attempts?.end('succeeded'),
        ]);
        return {
          id: item.id,
          status: 'incomplete',
          missing,
          data,
          usage,
          cachedStages: 0,
          pages: usage.pages,
        };
      }
      const itemError = toItemError(item.id, error);
      await Promise.all([
        this.version?.writeError(item.id, itemError, itemMetrics(usage, performance.now() - started)),
        attempts?.end('failed'),
      ]);
      if (this.options.stopOnError) this.#stoppedOnError = true;
      return { id: item.id, status: 'failed', error: itemError, usage, cachedStages: 0, pages: usage.pages };
    }
  }

  /** The item's `input.json`. */
  #input(item: BatchItem, position: number): ItemInput {
    const outputId = this.#outputId(position);
    return {
      id: item.id,
      source: item.source,
      ...(item.variables ? { variables: { ...item.variables } } : {}),
      ...(outputId === undefined ? {} : { outputId }),
    };
  }

  async #storeResult(
    id: string,
    result: Pick<PipelineResult<unknown>, 'data' | 'fields' | 'usage' | 'warnings'>,
    outputId: number | undefined,
    metrics: ItemMetrics,
    incomplete: ItemIncompleteness | undefined,
    prompt?: string,
  ): Promise<void> {
    if (!this.version) return;
    const resultRecord = {
      id,
      ...(outputId === undefined ? {} : { [this.options.outputIdField as string]: outputId }),
      ...result,
    };
    // prompt.md is for review, not for resuming: it need not land before result.json marks the item done.
    await Promise.all([
      prompt ? this.version.writePrompt(id, prompt) : undefined,
      this.version.writeResult(id, resultRecord, metrics, incomplete),
    ]);
  }

  /** What a document spent, forgotten once read: its run is over. */
  #spentBy(documentId: string): Usage {
    const usage = this.#spent.get(documentId) ?? EMPTY_USAGE;
    this.#spent.delete(documentId);
    return usage;
  }

  #outputId(position: number): number | undefined {
    return this.options.outputIdField === undefined ? undefined : (this.options.idStart ?? 1) + position;
  }
}
