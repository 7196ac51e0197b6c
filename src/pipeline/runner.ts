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
import type { TemplateVariables } from '../llm/template.js';
import type { LoadedDocument, Warning } from '../spec/document.js';
import { type AnsweredCall, ProviderError, StageError } from '../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import { isRetryable, type RetryPolicy, retryAfterCapWarning, retryDelayMs } from '../stages/retry-policy.js';
import type {
  AnyStage,
  KeptAnswer,
  Logger,
  PreparedStage,
  ProviderAnswer,
  ProviderGate,
  StageRunContext,
} from '../stages/stage.js';
import { stageCacheKey } from '../stages/stage-key.js';
import { canonicalJson } from '../util/canonical-json.js';
import { withFields } from '../util/with-fields.js';
import { AnsweredCalls, type CallAnsweredListener, keyed, RequestKeys } from './answered-calls.js';
import type { PipelineEventEmitter, StageEventBase } from './events.js';
import type { StageGraph } from './graph.js';
import { secretFreeRaw } from './secret-free-raw.js';

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
  /** Positions of the upstream stages each stage reads besides its dependencies (see `StageGraph.reads`). */
  readonly reads: readonly (readonly number[])[];
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
  /** The raw vendor responses of its provider calls, secret-free, when the run keeps them (`keepRaw`). */
  readonly raw?: readonly unknown[];
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
  /** Provider requests answered in an earlier attempt at this document: identical ones are not sent again. */
  readonly answeredCalls?: readonly AnsweredCall[];
  /** Called with each provider request answered, before the stage goes on (e.g. to store it for a resume). */
  readonly onCallAnswered?: CallAnsweredListener;
  /** Keep the stages' raw vendor responses on their records. @default false */
  readonly keepRaw?: boolean;
}

/** A finished stage's output, as `RunOptions.onStageFinish` receives it. */
export interface FinishedStage {
  readonly stageId: string;
  readonly output: unknown;
  /** Whether it came from the cache or from an earlier attempt instead of its provider. */
  readonly cached: boolean;
  /** The raw vendor responses of its provider calls, secret-free, when the run keeps them (`keepRaw`). */
  readonly raw?: readonly unknown[];
}

/** Receives each finished stage; a rejection fails the document. */
export type StageFinishListener = (stage: FinishedStage) => void | Promise<void>;

/** Plans a graph: the dependents of each stage from the dependency lists. */
export function planRun(
  graph: StageGraph,
  prepared: readonly PreparedStage<unknown>[],
  caches: readonly (StageCache | undefined)[],
): RunPlan {
  const { stages, dependencies, reads } = graph;
  const dependents = stages.map((_, i) => dependencies.flatMap((deps, j) => (deps.includes(i) ? [j] : [])));
  return { stages, prepared, caches, dependencies, dependents, reads };
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
  readonly #answered: AnsweredCalls;
  readonly #cacheKeys = new Map<number, string | undefined>();

  constructor(
    private readonly plan: RunPlan,
    private readonly document: LoadedDocument,
    private readonly environment: RunEnvironment,
  ) {
    this.#records = new Array(plan.stages.length);
    this.#answered = new AnsweredCalls(environment.answeredCalls);
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
    const { onStageFinish } = this.environment;
    if (onStageFinish) {
      await onStageFinish({
        stageId,
        output: record.output,
        cached: record.cached,
        ...(record.raw ? { raw: record.raw } : {}),
      });
    }
    this.#answered.forgetStage(stageId);
    return record;
  }

  /** A stage's output: finished earlier, from the cache, or computed by its provider. */
  async #obtain(index: number): Promise<StageRecord> {
    const stage = this.plan.stages[index] as AnyStage;
    const { events, finishedStages } = this.environment;
    const about = { documentId: this.document.id, stageId: stage.id, kind: stage.kind };
    const started = performance.now();
    const context = this.#contextFor(index, about);
    events.emit('stage:start', about, {});
    const cache = this.plan.caches[index];
    const key = cache ? this.#cacheKey(index, context) : undefined;
    if (finishedStages && stage.id in finishedStages) {
      const durationMs = performance.now() - started;
      events.emit('stage:finish', about, { durationMs, cached: true, attempts: 0 });
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
    if (computed && !cached) return withFields(computed, { cacheKey: key });
    for (const warning of entry.warnings) context.warn(warning);
    const durationMs = performance.now() - started;
    events.emit('stage:cache-hit', about, { key });
    events.emit('stage:finish', about, { durationMs, cached: true, attempts: 0 });
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
      context.beginAttempt();
      try {
        const output = await attemptStage(
          this.plan.prepared[index] as PreparedStage<unknown>,
          context,
          timeoutMs,
          stage.id,
        );
        const durationMs = performance.now() - started;
        events.emit('stage:finish', about, { durationMs, cached: false, attempts: attempt });
        const raw = context.raw();
        return {
          output,
          durationMs,
          cached: false,
          attempts: attempt,
          usage: context.usage(),
          warnings: context.raised(),
          ...(raw && raw.length > 0 ? { raw } : {}),
        };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // A provider call that already spent its retries is not worth running the whole stage again for.
        const callAttempts =
          typeof error === 'object' && error !== null ? spentRetries.get(error) : undefined;
        if (attempt >= retry.maxAttempts || !isRetryable(error) || callAttempts !== undefined) {
          const attempts = Math.max(attempt, callAttempts ?? 0);
          events.emit('stage:error', about, { error, attempts });
          throw new StageError(stage.id, error, {
            documentId: this.document.id,
            attempts,
            answeredCalls: this.#answered.all(),
          });
        }
        await this.#waitBeforeRetry(retry, attempt, error, about, context.warn);
        // The next attempt makes the same requests: those answered in this one are not asked again.
        this.#answered.attemptAgain();
      }
    }
  }

  /**
   * The key of a stage's result: its identity, the document, and its dependencies' keys (the hash
   * of a dependency's output when that one is not cached). `undefined` for a stage without identity.
   */
  #cacheKey(index: number, context: StageRunContext): string | undefined {
    // Computed once per stage and document: the cache and the keys of its provider calls both use it.
    if (this.#cacheKeys.has(index)) return this.#cacheKeys.get(index);
    const key = this.#computeCacheKey(index, context);
    this.#cacheKeys.set(index, key);
    return key;
  }

  #computeCacheKey(index: number, context: StageRunContext): string | undefined {
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
  async #withCallRetries<T>(
    index: number,
    about: StageEventBase,
    call: () => Promise<T>,
    warn: StageRunContext['warn'],
  ): Promise<T> {
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
        await this.#waitBeforeRetry(retry, attempt, error, about, warn);
      }
    }
  }

  /**
   * The wait before attempt `attempt + 1`, announced by a `retry` event, and by a `retry-after-capped` warning
   * when the provider asked for longer than the policy allows.
   */
  async #waitBeforeRetry(
    retry: RetryPolicy,
    attempt: number,
    error: unknown,
    about: StageEventBase,
    warn: StageRunContext['warn'],
  ): Promise<void> {
    const delayMs = retryDelayMs(retry, attempt, error);
    const capped = retryAfterCapWarning(retry, error);
    if (capped) warn(capped);
    this.environment.events.emit('retry', about, { attempt, delayMs, error });
    const signal = this.#controller.signal;
    await sleep(delayMs, undefined, { signal }).catch(() => {
      throw signal.reason;
    });
  }

  /**
   * A provider call whose answer the run keeps (`StageRunContext.callProviderOnce`): the answer of an identical
   * request answered before, else the call's, kept and reported before the stage goes on, so that a process killed
   * from then on has it stored.
   */
  async #callOnce<T extends ProviderAnswer>(
    stageId: string,
    key: () => string,
    call: () => Promise<T>,
    keepScrubbed: (raw: unknown) => void,
  ): Promise<KeptAnswer<T>> {
    const kept = this.#answered.answerOf(key);
    if (kept) {
      const answer = kept.answer as T;
      if (answer.raw !== undefined) keepScrubbed(answer.raw);
      return { answer, reused: true };
    }
    const answer = await call();
    // Kept as JSON data, as a resumed run reads it back; with its raw response only when the run keeps those.
    const { raw, ...rest } = answer;
    const scrubbed = this.environment.keepRaw && raw !== undefined ? secretFreeRaw(raw) : undefined;
    if (scrubbed !== undefined) keepScrubbed(scrubbed);
    const answered = { stageId, key, answer: scrubbed === undefined ? rest : { ...rest, raw: scrubbed } };
    this.#answered.add(answered);
    const { onCallAnswered } = this.environment;
    if (onCallAnswered) await onCallAnswered(keyed(answered));
    return { answer, reused: false };
  }

  /** The context of one stage, which also keeps the usage, warnings and raw responses the stage reports. */
  #contextFor(index: number, about: StageEventBase): StageContextWithRecords {
    const { plan } = this;
    const { events, keepRaw } = this.environment;
    const records = this.#records;
    // Dependencies first, then what the stage reads besides: findInput takes the first match in this order.
    const inputPositions = [...(plan.dependencies[index] ?? []), ...(plan.reads[index] ?? [])];
    const inputs: Record<string, unknown> = {};
    for (const position of inputPositions)
      inputs[plan.stages[position]?.id as string] = records[position]?.output;
    let usage = EMPTY_USAGE;
    const raised: Warning[] = [];
    let raw: unknown[] = [];
    const keepScrubbed = (scrubbed: unknown) => {
      if (keepRaw) raw.push(scrubbed);
    };
    let requestKeys: RequestKeys | undefined;
    const warn: StageRunContext['warn'] = (warning) => {
      const stageWarning = withFields(warning, { stageId: about.stageId });
      raised.push(stageWarning);
      this.#warnings.push(stageWarning);
    };
    const callProvider = <T>(provider: string, call: () => Promise<T>, options?: { tokens?: number }) =>
      this.#withCallRetries(
        index,
        about,
        () =>
          this.environment.providerGate
            ? this.environment.providerGate(
                provider,
                call,
                withFields(options ?? {}, { signal: this.#controller.signal }),
              )
            : call(),
        warn,
      );
    const context: StageContextWithRecords = {
      document: this.document,
      inputs,
      signal: this.#controller.signal,
      logger: this.environment.logger,
      variables: this.environment.variables,
      warn,
      addUsage: (added) => {
        usage = addUsage(usage, added);
        events.emit('usage', about, { usage: added });
      },
      reportProgress: (done, total) => events.emit('stage:progress', about, { done, total, unit: 'page' }),
      callProvider,
      callProviderOnce: (provider, request, call, options) => {
        // Scoped by what decides every answer of the stage for this document: its cache key.
        requestKeys ??= new RequestKeys(
          () => this.#cacheKey(index, context) ?? `${about.stageId}:${this.document.id}`,
        );
        const key = requestKeys.next(request);
        return this.#callOnce(about.stageId, key, () => callProvider(provider, call, options), keepScrubbed);
      },
      keepRaw: (response) => {
        if (response !== undefined) keepScrubbed(secretFreeRaw(response));
      },
      findInput<T>(guard: (output: unknown) => output is T): T | undefined {
        return inputPositions.map((position) => records[position]?.output).find(guard);
      },
      usage: () => usage,
      raised: () => raised,
      raw: () => (keepRaw ? raw : undefined),
      beginAttempt: () => {
        raw = [];
        requestKeys = undefined;
      },
    };
    return context;
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
  /** The raw responses of the stage's current attempt, when the run keeps them. */
  raw(): readonly unknown[] | undefined;
  /** Starts an attempt: the raw responses of an earlier one do not belong to its output. */
  beginAttempt(): void;
}

/** The sha256 of an output that has no cache key of its own, standing in for one. */
function outputHash(output: unknown): string {
  return createHash('sha256').update(canonicalJson(output)).digest('hex');
}

/** One attempt of a stage, aborted and rejected with a `TimeoutError` after `timeoutMs`. */
function attemptStage(
  prepared: PreparedStage<unknown>,
  context: StageRunContext,
  timeoutMs: number | undefined,
  stageId: string,
): Promise<unknown> {
  // Without a time limit the stage's own promise will do: no timer, no signal, no wrapping promise.
  return timeoutMs === undefined
    ? prepared.run(context)
    : attemptWithin(timeoutMs, prepared, context, stageId);
}

/** The attempt raced against its time limit, which aborts the stage's signal when it passes. */
async function attemptWithin(
  timeoutMs: number,
  prepared: PreparedStage<unknown>,
  context: StageRunContext,
  stageId: string,
): Promise<unknown> {
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
      prepared.run(withFields(context, { signal })).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
  }
}
