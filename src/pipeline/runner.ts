/**
 * Runs one document through a prepared stage graph: each stage starts as soon as its
 * dependencies are done, so independent branches run concurrently; the first failure aborts the
 * others and rejects with a `StageError`.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedDocument, Warning } from '../document/model.js';
import { StageError } from '../errors.js';
import type { PipelineEventEmitter } from './events.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import type { AnyStage, Logger, PreparedStage, StageRunContext } from './stage.js';
import { addUsage, EMPTY_USAGE, type Usage } from './usage.js';

/** A stage graph made ready to run: what the runner needs, computed once per pipeline. */
export interface RunPlan {
  /** Stages in topological order. */
  readonly stages: readonly AnyStage[];
  readonly prepared: readonly PreparedStage<unknown>[];
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
  readonly signal?: AbortSignal;
}

/** Plans a graph: dependents and transitive upstream lists from the dependency lists. */
export function planRun(
  stages: readonly AnyStage[],
  prepared: readonly PreparedStage<unknown>[],
  dependencies: readonly (readonly number[])[],
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
  return { stages, prepared, dependencies, dependents, upstream };
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
    const stage = this.plan.stages[index] as AnyStage;
    const { events } = this.environment;
    const { retry, timeoutMs } = stage.settings;
    const signal = this.#controller.signal;
    const about = { documentId: this.document.id, stageId: stage.id, kind: stage.kind };
    const started = performance.now();
    let usage = EMPTY_USAGE;
    const context = this.#contextFor(index, {
      addUsage: (added) => {
        usage = addUsage(usage, added);
        events.emit('usage', { ...about, usage: added });
      },
      reportProgress: (done, total) => events.emit('stage:progress', { ...about, done, total, unit: 'page' }),
    });

    events.emit('stage:start', about);
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
        return { output, durationMs, cached: false, attempts: attempt, usage };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (attempt >= retry.maxAttempts || !isRetryable(error)) {
          events.emit('stage:error', { ...about, error, attempts: attempt });
          throw new StageError(stage.id, error, { documentId: this.document.id });
        }
        const delayMs = retryDelayMs(retry, attempt, error);
        events.emit('retry', { ...about, attempt, delayMs, error });
        await sleep(delayMs, undefined, { signal }).catch(() => {
          throw signal.reason;
        });
      }
    }
  }

  #contextFor(
    index: number,
    reporters: Pick<StageRunContext, 'addUsage' | 'reportProgress'>,
  ): StageRunContext {
    const { plan } = this;
    const stageId = plan.stages[index]?.id as string;
    const records = this.#records;
    const inputs: Record<string, unknown> = {};
    for (const dependency of plan.dependencies[index] ?? []) {
      inputs[plan.stages[dependency]?.id as string] = records[dependency]?.output;
    }
    return {
      document: this.document,
      inputs,
      signal: this.#controller.signal,
      logger: this.environment.logger,
      warn: (warning) => this.#warnings.push({ ...warning, stageId }),
      ...reporters,
      findUpstream<T>(guard: (output: unknown) => output is T): T | undefined {
        for (const position of plan.upstream[index] ?? []) {
          const output = records[position]?.output;
          if (guard(output)) return output;
        }
        return undefined;
      },
    };
  }
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
