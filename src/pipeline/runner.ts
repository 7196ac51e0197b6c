/**
 * Runs one document through a prepared stage graph: each stage starts as soon as its
 * dependencies are done, so independent branches run concurrently; the first failure aborts the
 * others and rejects with a `StageError`.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StageCache } from '../cache/stage-cache.js';
import { stageCacheKey } from '../cache/stage-key.js';
import type { TemplateVariables } from '../llm/template.js';
import type { LoadedDocument, Warning } from '../spec/document.js';
import { ProviderError, StageError } from '../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import { canonicalJson } from '../util/canonical-json.js';
import type { PipelineEventEmitter, StageEventBase } from './events.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import type { AnyStage, Logger, PreparedStage, ProviderGate, StageRunContext } from './stage.js';

/** A stage graph made ready to run: what the runner needs, computed once per pipeline. */
export interface RunPlan {
  /** Stages in topological order. */
  readonly stages: readonly AnyStage[];
  readonly prepared: readonly PreparedStage<unknown>[];
  /** Each stage's cache, or `undefined` when its results are not cached. */
  readonly caches: readonly (StageCache | undefined)[];
  /** Positions of each stage's direct dependencies. */
  readonly dependencies: readonly (readonly number[])[];
  /** Positions of the stages that depend directly on each stage. */
  readonly dependents: readonly (readonly number[])[];
  /** Positions of each stage's transitive dependencies, nearest first. */
  readonly upstream: readonly (readonly number[])[];
}

/** What one stage did for one document. */
export interface StageRecord {
  readonly output: unknown;
  readonly durationMs: number;
  readonly cached: boolean;
  readonly attempts: number;
  readonly usage: Usage;
  /** The warnings the stage raised. */
  readonly warnings: readonly Warning[];
  /** The key its output is cached under, when it is cached. */
  readonly cacheKey?: string;
}

/** Everything one document's run produced, by stage position. */
export interface DocumentRun {
  readonly records: readonly StageRecord[];
  readonly warnings: readonly Warning[];
}

/** What a run needs from its pipeline. */
export interface RunEnvironment {
  readonly events: PipelineEventEmitter;
  readonly logger: Logger;
  /** The item's prompt variables, flattened. */
  readonly variables: TemplateVariables;
  readonly signal?: AbortSignal;
  /** Outputs of stages already finished in an earlier attempt at this document, by stage id. */
  readonly finishedStages?: Readonly<Record<string, unknown>>;
  /** Called with each stage's output as soon as it is finished, before any stage that reads it starts. */
  readonly onStageFinish?: StageFinishListener;
  /** Gates every provider call (rate limits), by provider name. */
  readonly providerGate?: ProviderGate;
}

/** A finished stage's output, as `RunOptions.onStageFinish` receives it. */
export interface FinishedStage {
  readonly stageId: string;
  readonly output: unknown;
  /** Whether it came from the cache or from an earlier attempt instead of its provider. */
  readonly cached: boolean;
}

/** Receives each finished stage; a rejection fails the document. */
export type StageFinishListener = (stage: FinishedStage) => void | Promise<void>;

/** Plans a graph: dependents and transitive upstream lists from the dependency lists. */
export function planRun(
  stages: readonly AnyStage[],
  prepared: readonly PreparedStage<unknown>[],
  dependencies: readonly (readonly number[])[],
  caches: readonly (StageCache | undefined)[],
): RunPlan {
  const dependents = stages.map((_, i) => dependencies.flatMap((deps, j) => (deps.includes(i) ? [j] : [])));
  const upstream = dependencies.map((direct) => {
    const seen: number[] = [];
    for (let queue = [...direct]; queue.length > 0; ) {
      const next = queue.shift() as number;
      if (seen.includes(next)) continue;
      seen.push(next);
      queue = queue.concat(dependencies[next] ?? []);
    }
    return seen;
  });
  return { stages, prepared, caches, dependencies, dependents, upstream };
}

/** Runs every stage of `plan` on `document`. Rejects with the first `StageError`, or the caller's abort reason. */
export function runDocument(
  plan: RunPlan,
  document: LoadedDocument,
  environment: RunEnvironment,
): Promise<DocumentRun> {
  return new DocumentRunner(plan, document, environment).run();
}

class DocumentRunner {
  readonly #controller = new AbortController();
  readonly #records: StageRecord[];
  readonly #warnings: Warning[] = [];

  constructor(
    private readonly plan: RunPlan,
    private readonly document: LoadedDocument,
    private readonly environment: RunEnvironment,
  ) {
    this.#records = new Array(plan.stages.length);
  }

  run(): Promise<DocumentRun> {
    const { plan } = this;
    const callerSignal = this.environment.signal;
    const waiting = plan.dependencies.map((deps) => deps.length);
    let remaining = plan.stages.length;
    let settled = false;

    return new Promise((resolve, reject) => {
      const abortFromCaller = () => this.#controller.abort(callerSignal?.reason);
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        callerSignal?.removeEventListener('abort', abortFromCaller);
        if (error === undefined) return resolve({ records: this.#records, warnings: this.#warnings });
        this.#controller.abort(error);
        reject(error);
      };
      const start = (index: number) => {
        this.#runStage(index).then((record) => {
          this.#records[index] = record;
          if (settled) return;
          if (--remaining === 0) return settle();
          for (const dependent of plan.dependents[index] ?? []) {
            if (--(waiting[dependent] as number) === 0) start(dependent);
          }
        }, settle);
      };

      if (callerSignal?.aborted) return settle(callerSignal.reason);
      callerSignal?.addEventListener('abort', abortFromCaller, { once: true });
      waiting.forEach((count, index) => {
        if (count === 0) start(index);
      });
    });
  }

  async #runStage(index: number): Promise<StageRecord> {
    const record = await this.#obtain(index);
    const stageId = this.plan.stages[index]?.id as string;
    await this.environment.onStageFinish?.({ stageId, output: record.output, cached: record.cached });
    return record;
  }

  /** A stage's output: finished earlier, from the cache, or computed by its provider. */
  async #obtain(index: number): Promise<StageRecord> {
    const stage = this.plan.stages[index] as AnyStage;
    const { events, finishedStages } = this.environment;
    const about = { documentId: this.document.id, stageId: stage.id, kind: stage.kind };
    const started = performance.now();
    const context = this.#contextFor(index, about);
    events.emit('stage:start', about);
    const cache = this.plan.caches[index];
    const key = cache ? this.#cacheKey(index, context) : undefined;
    if (finishedStages && stage.id in finishedStages) {
      const durationMs = performance.now() - started;
      events.emit('stage:finish', { ...about, durationMs, cached: true, attempts: 0 });
      const output = finishedStages[stage.id];
      return {
        output,
        durationMs,
        cached: true,
        attempts: 0,
        usage: EMPTY_USAGE,
        warnings: [],
        ...(key ? { cacheKey: key } : {}),
      };
    }
    if (!cache || key === undefined) return this.#compute(index, context, about, started);

    let computed: StageRecord | undefined;
    const { entry, cached } = await cache.resolve(
      key,
      async () => {
        computed = await this.#compute(index, context, about, started);
        return { output: computed.output, warnings: computed.warnings };
      },
      context.warn,
    );
    if (computed && !cached) return { ...computed, cacheKey: key };
    for (const warning of entry.warnings) context.warn(warning);
    const durationMs = performance.now() - started;
    events.emit('stage:cache-hit', { ...about, key });
    events.emit('stage:finish', { ...about, durationMs, cached: true, attempts: 0 });
    return {
      output: entry.output,
      durationMs,
      cached: true,
      attempts: 0,
      usage: EMPTY_USAGE,
      warnings: entry.warnings,
      cacheKey: key,
    };
  }

  /** The stage run by its provider, with retries and timeouts. */
  async #compute(
    index: number,
    context: StageContextWithRecords,
    about: StageEventBase,
    started: number,
  ): Promise<StageRecord> {
    const stage = this.plan.stages[index] as AnyStage;
    const { events } = this.environment;
    const { retry, timeoutMs } = stage.settings;
    const signal = this.#controller.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await attemptStage(
          this.plan.prepared[index] as PreparedStage<unknown>,
          context,
          timeoutMs,
          stage.id,
        );
        const durationMs = performance.now() - started;
        events.emit('stage:finish', { ...about, durationMs, cached: false, attempts: attempt });
        return {
          output,
          durationMs,
          cached: false,
          attempts: attempt,
          usage: context.usage(),
          warnings: context.raised(),
        };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // A provider call that already spent its retries is not worth running the whole stage again for.
        const callAttempts =
          typeof error === 'object' && error !== null ? spentRetries.get(error) : undefined;
        if (attempt >= retry.maxAttempts || !isRetryable(error) || callAttempts !== undefined) {
          const attempts = Math.max(attempt, callAttempts ?? 0);
          events.emit('stage:error', { ...about, error, attempts });
          throw new StageError(stage.id, error, { documentId: this.document.id, attempts });
        }
        const delayMs = retryDelayMs(retry, attempt, error);
        events.emit('retry', { ...about, attempt, delayMs, error });
        await sleep(delayMs, undefined, { signal }).catch(() => {
          throw signal.reason;
        });
      }
    }
  }

  /**
   * The key of a stage's result: its identity, the document, and its dependencies' keys (the hash
   * of a dependency's output when that one is not cached). `undefined` for a stage without identity.
   */
  #cacheKey(index: number, context: StageRunContext): string | undefined {
    const identity = this.plan.prepared[index]?.cacheIdentity?.(context);
    if (identity === undefined) return undefined;
    const dependencyKeys = (this.plan.dependencies[index] ?? []).map((dependency) => {
      const record = this.#records[dependency];
      return record?.cacheKey ?? outputHash(record?.output);
    });
    return stageCacheKey({
      kind: this.plan.stages[index]?.kind as string,
      identity,
      documentId: this.document.id,
      dependencyKeys,
    });
  }

  /**
   * One provider call, retried on its own by the stage's policy: a page or a chunk that fails is asked again,
   * while those already answered are kept. An error that outlives its retries is marked spent, so the stage
   * is not run again for it (which would pay again for every call that had succeeded).
   */
  async #withCallRetries<T>(index: number, about: StageEventBase, call: () => Promise<T>): Promise<T> {
    const { retry } = (this.plan.stages[index] as AnyStage).settings;
    const signal = this.#controller.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // The stage's own timeout ends its attempt, calls included: that is the stage's to retry, not the call's.
        if (attempt >= retry.maxAttempts || !ProviderError.isInstance(error) || !error.retryable) {
          if (ProviderError.isInstance(error) && error.retryable) spentRetries.set(error, attempt);
          throw error;
        }
        const delayMs = retryDelayMs(retry, attempt, error);
        this.environment.events.emit('retry', { ...about, attempt, delayMs, error });
        await sleep(delayMs, undefined, { signal }).catch(() => {
          throw signal.reason;
        });
      }
    }
  }

  /** The context of one stage, which also keeps the usage and warnings the stage reports. */
  #contextFor(index: number, about: StageEventBase): StageContextWithRecords {
    const { plan } = this;
    const { events } = this.environment;
    const records = this.#records;
    const inputs: Record<string, unknown> = {};
    for (const dependency of plan.dependencies[index] ?? []) {
      inputs[plan.stages[dependency]?.id as string] = records[dependency]?.output;
    }
    let usage = EMPTY_USAGE;
    const raised: Warning[] = [];
    return {
      document: this.document,
      inputs,
      signal: this.#controller.signal,
      logger: this.environment.logger,
      variables: this.environment.variables,
      warn: (warning) => {
        const stageWarning = { ...warning, stageId: about.stageId };
        raised.push(stageWarning);
        this.#warnings.push(stageWarning);
      },
      addUsage: (added) => {
        usage = addUsage(usage, added);
        events.emit('usage', { ...about, usage: added });
      },
      reportProgress: (done, total) => events.emit('stage:progress', { ...about, done, total, unit: 'page' }),
      callProvider: (provider, call, options) =>
        this.#withCallRetries(index, about, () =>
          this.environment.providerGate
            ? this.environment.providerGate(provider, call, { ...options, signal: this.#controller.signal })
            : call(),
        ),
      findUpstream<T>(guard: (output: unknown) => output is T): T | undefined {
        for (const position of plan.upstream[index] ?? []) {
          const output = records[position]?.output;
          if (guard(output)) return output;
        }
        return undefined;
      },
      usage: () => usage,
      raised: () => raised,
    };
  }
}

/** Errors of provider calls that spent their retries, with the attempts made: the stage does not retry them. */
const spentRetries = new WeakMap<object, number>();

/** A stage's context, and what the stage reported through it so far. */
interface StageContextWithRecords extends StageRunContext {
  /** The usage the stage reported, over all its attempts. */
  usage(): Usage;
  /** The warnings the stage raised. */
  raised(): readonly Warning[];
}

/** The sha256 of an output that has no cache key of its own, standing in for one. */
function outputHash(output: unknown): string {
  return createHash('sha256').update(canonicalJson(output)).digest('hex');
}

/** One attempt of a stage, aborted and rejected with a `TimeoutError` after `timeoutMs`. */
async function attemptStage(
  prepared: PreparedStage<unknown>,
  context: StageRunContext,
  timeoutMs: number | undefined,
  stageId: string,
): Promise<unknown> {
  if (timeoutMs === undefined) return prepared.run(context);
  const timeout = new AbortController();
  const timer = setTimeout(
    () =>
      timeout.abort(
        new DOMException(
          `Stage '${stageId}' took longer than its timeoutMs of ${timeoutMs} ms.`,
          'TimeoutError',
        ),
      ),
    timeoutMs,
  );
  const signal = AbortSignal.any([context.signal, timeout.signal]);
  try {
    // Race the stage against its timeout: a stage that ignores its signal must not hold the run.
    return await new Promise((resolve, reject) => {
      timeout.signal.addEventListener('abort', () => reject(timeout.signal.reason), { once: true });
      prepared.run({ ...context, signal }).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
  }
}
