/**
 * The coordinator of a distributed batch: enqueues one job per item (deterministic ids, so nothing is
 * enqueued twice), follows the queue's events, writes each finished item into the run store as a local
 * batch does, and shows the same progress. Killed, it is resumed with `resume`: results that finished
 * meanwhile wait in Redis until collected, running jobs are waited for, and nothing is enqueued again.
 *
 * @module
 */
import { join } from 'node:path';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { ItemError, ItemInput, RunMode, RunVersion } from '../../runs/index.js';
import { RunStore } from '../../runs/index.js';
import { ConfigError } from '../../spec/errors.js';
import { EMPTY_USAGE, type Usage } from '../../spec/usage.js';
import { writeJsonAtomic } from '../../util/atomic-file.js';
import type { BatchItem } from '../batch-inputs.js';
import { itemMetrics, metricsUsage } from '../item-records.js';
import type { BatchItemResult, BatchOptions, BatchSummary } from '../run-batch.js';
import { VersionTally } from '../version-tally.js';
import {
  bullConnection,
  checkReachable,
  type QueueConnection,
  type QueueConnectionError,
  RedisWatch,
  type ResolvedConnection,
  resolveConnection,
} from './connection.js';
import {
  DEFAULT_INLINE_BYTES,
  JOB_FORMAT,
  JOB_NAME,
  jobIdOf,
  jobSourceOf,
  QUEUE_RECORD_FILE,
  type QueueItemFailure,
  type QueueItemOutcome,
  type QueueJobData,
  type QueueRecord,
} from './job-payload.js';

/** The `queue` option of `runBatch`: run the batch's items on `docpipe worker`s instead of in this process. */
export interface QueueBatchOptions {
  /** The queue: a Redis URL, or the URL with a queue name and how long to wait for a lost Redis. */
  readonly connection: QueueConnection | string;
  /**
   * Files up to this many bytes travel inside their job; bigger ones as their absolute path, which every
   * worker must be able to read (shared storage mounted at the same place). @default 262144 (256 KiB)
   */
  readonly inlineBytes?: number;
  /** Attempts of a job whose worker met an unexpected error (not a failed document). @default 3 */
  readonly attempts?: number;
}

// Items whose jobs are added, or looked up, in one round.
const CHUNK = 200;
// With no queue event for this long, the coordinator looks up its jobs' states itself (events can be missed).
const SWEEP_AFTER_MS = 5_000;

/**
 * Runs a batch on the queue's workers: the `queue` path of `runBatch`. The pipeline is not built here;
 * workers build theirs from `options.config`, which must be the pipeline's definition as JSON without
 * secrets (what the version stores).
 *
 * @throws {ConfigError} without `name` or `config`
 * @throws {QueueConnectionError} naming the URL when Redis cannot be reached, or was lost for too long
 */
export async function runQueuedBatch(
  items: readonly BatchItem[],
  options: BatchOptions & { readonly queue: QueueBatchOptions },
): Promise<BatchSummary> {
  const connection = resolveConnection(options.queue.connection);
  if (!options.name) {
    throw new ConfigError('A queued batch needs a name: its workers write their results into a stored run.', {
      option: 'name',
    });
  }
  if (options.config === undefined || options.config === null) {
    throw new ConfigError(
      'A queued batch needs options.config, the pipeline definition (JSON, no secrets) the workers build their pipeline from.',
      { option: 'config' },
    );
  }
  await checkReachable(connection);
  const store = new RunStore(options.runsDir);
  const version = options.resume
    ? await store.resumeVersion(options.name)
    : await store.createVersion(options.name, {
        mode: (options.rerunOf ? 'rerun' : 'initial') satisfies RunMode,
        ...(options.rerunOf ? { baseVersion: options.rerunOf } : {}),
        ...(options.label ? { label: options.label } : {}),
        ...(options.notes ? { notes: options.notes } : {}),
        config: options.config,
        itemIds: items.map((item) => item.id),
      });
  try {
    return await new Coordinator(items, options, connection, version).run();
  } finally {
    await version.release();
  }
}

class Coordinator {
  readonly #positions = new Map<string, number>();
  /** Items of this version whose result is not in the run store yet, by job id. */
  readonly #pending = new Map<string, BatchItem>();
  readonly #collecting = new Set<string>();
  readonly #tally: VersionTally;
  #queue: Queue | undefined;
  #events: QueueEvents | undefined;
  #lastEventAt = performance.now();
  #stoppedOnError = false;
  #lost: QueueConnectionError | undefined;
  /** A job that could not be written into the run store again and again (a full disk): it ends the run. */
  #fatal: unknown;
  readonly #collectFailures = new Map<string, number>();
  #wake: () => void = () => undefined;

  constructor(
    private readonly items: readonly BatchItem[],
    private readonly options: BatchOptions & { readonly queue: QueueBatchOptions },
    private readonly connection: ResolvedConnection,
    private readonly version: RunVersion,
  ) {
    this.#tally = new VersionTally(items.length, options.onProgress);
    for (const [position, item] of items.entries()) this.#positions.set(item.id, position);
  }

  async run(): Promise<BatchSummary> {
    const { signal } = this.options;
    const record: QueueRecord = { url: this.connection.shownUrl, queueName: this.connection.queueName };
    await writeJsonAtomic(join(this.version.directory, QUEUE_RECORD_FILE), record);
    // Resumed: the definition the first attempt stored and enqueued, whatever this caller passed.
    const definition = this.options.resume ? (await this.version.metadata()).config : this.options.config;
    const watch = new RedisWatch(this.connection, {
      onLost: (error) => {
        this.#lost = error;
        // Commands waiting for Redis fail at once, so the run ends instead of waiting for ever.
        void this.#queue?.disconnect().catch(() => undefined);
        void this.#events?.disconnect().catch(() => undefined);
        this.#wake();
      },
      onRestored: () => {
        // Events sent while Redis was away are lost: look the jobs up at once.
        this.#lastEventAt = Number.NEGATIVE_INFINITY;
        this.#wake();
      },
    });
    const wakeOnAbort = () => this.#wake();
    signal?.addEventListener('abort', wakeOnAbort, { once: true });
    try {
      const queue = new Queue(this.connection.queueName, { connection: bullConnection(this.connection) });
      this.#queue = queue;
      queue.on('error', () => undefined);
      // Listening before anything is enqueued, so no finished job goes unseen.
      const events = new QueueEvents(this.connection.queueName, {
        connection: bullConnection(this.connection),
      });
      this.#events = events;
      events.on('error', () => undefined);
      events.on('completed', ({ jobId }) => this.#onEvent(jobId));
      events.on('failed', ({ jobId }) => this.#onEvent(jobId));
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      const toEnqueue = await this.#prepare();
      await this.#enqueue(toEnqueue, definition);
      await this.#waitForAll();
    } catch (error) {
      // What failed because Redis was given up on ends the run as interrupted, with the watch's message.
      if (!this.#lost) throw error;
    } finally {
      signal?.removeEventListener('abort', wakeOnAbort);
      watch.close();
      await Promise.all(
        [this.#events?.close(), this.#queue?.close()].map((closing) => closing?.catch(() => undefined)),
      );
    }
    const state =
      this.#lost || this.#fatal || signal?.aborted
        ? 'interrupted'
        : this.#stoppedOnError
          ? 'failed'
          : 'completed';
    await this.#tally.finish(this.version, state);
    if (this.#lost) throw this.#lost;
    if (this.#fatal) throw this.#fatal;
    return {
      runName: this.version.runName,
      version: this.version.version,
      state,
      progress: this.#tally.progress,
      errors: this.#tally.errors,
    };
  }

  /**
   * Sorts the items: left out, finished in an earlier attempt, waiting in the queue, finished in Redis and not
   * yet collected (collected now), or to enqueue (returned).
   */
  async #prepare(): Promise<BatchItem[]> {
    const { only, skip, resume } = this.options;
    const candidates: BatchItem[] = [];
    const collected: string[] = [];
    for (const item of this.items) {
      if ((only && !only.includes(item.id)) || skip?.includes(item.id)) {
        this.#tally.record({
          id: item.id,
          status: 'skipped',
          usage: EMPTY_USAGE,
          cachedStages: 0,
          pages: 0,
        });
        continue;
      }
      const state = resume ? await this.version.itemState(item.id) : 'pending';
      if (state === 'done' || state === 'incomplete') {
        const usage = metricsUsage(await this.version.readMetrics(item.id));
        const status = state === 'done' ? 'skipped' : 'incomplete';
        this.#tally.record({
          id: item.id,
          status,
          resumed: true,
          usage,
          cachedStages: 0,
          pages: usage.pages,
        });
        collected.push(this.#jobId(item));
        continue;
      }
      candidates.push(item);
    }
    // Collected before the coordinator died, but perhaps not yet removed from Redis.
    for (let start = 0; start < collected.length; start += CHUNK) {
      const chunk = collected.slice(start, start + CHUNK);
      await Promise.all(chunk.map((jobId) => this.#queue?.remove(jobId).catch(() => undefined)));
    }
    const toEnqueue: BatchItem[] = [];
    for (let start = 0; start < candidates.length; start += CHUNK) {
      const chunk = candidates.slice(start, start + CHUNK);
      const states = await Promise.all(chunk.map((item) => this.#queue?.getJobState(this.#jobId(item))));
      for (const [index, item] of chunk.entries()) {
        const state = states[index] ?? 'unknown';
        const jobId = this.#jobId(item);
        if (state === 'unknown') {
          toEnqueue.push(item);
          continue;
        }
        if (!resume) {
          // A job of an earlier version of the same number (its run folder deleted since): not this version's.
          if ((await this.#queue?.remove(jobId)) === 1) {
            toEnqueue.push(item);
            continue;
          }
        }
        this.#pending.set(jobId, item);
        // Failed in an earlier attempt: a resume runs failed items again, as a local one does.
        if (state === 'failed' && resume) {
          const job = await this.#queue?.getJob(jobId);
          await job?.retry('failed').catch(() => undefined);
        } else if (state === 'completed' || state === 'failed') void this.#collect(jobId);
      }
    }
    return toEnqueue;
  }

  async #enqueue(items: readonly BatchItem[], definition: unknown): Promise<void> {
    const inlineBytes = this.options.queue.inlineBytes ?? DEFAULT_INLINE_BYTES;
    const attempts = this.options.queue.attempts ?? 3;
    for (let start = 0; start < items.length; start += CHUNK) {
      if (this.#lost || this.options.signal?.aborted) return;
      const chunk = items.slice(start, start + CHUNK);
      // `runs rerun` rebuilds an item from its input.json: written before the job can finish.
      await Promise.all(chunk.map((item) => this.version.writeInput(this.#input(item))));
      const jobs = await Promise.all(
        chunk.map(async (item) => {
          const data: QueueJobData = {
            format: JOB_FORMAT,
            runName: this.version.runName,
            version: this.version.version,
            itemId: item.id,
            source: await jobSourceOf(item, inlineBytes),
            ...(item.variables ? { variables: item.variables } : {}),
            definition,
            ...(this.options.rateLimits ? { rateLimits: this.options.rateLimits } : {}),
          };
          return {
            name: JOB_NAME,
            data,
            opts: {
              jobId: this.#jobId(item),
              attempts,
              backoff: { type: 'exponential', delay: 2_000 },
              // Kept until the coordinator has written them into the run store, then removed by it.
              removeOnComplete: false,
              removeOnFail: false,
            },
          };
        }),
      );
      for (const [index, job] of jobs.entries()) this.#pending.set(job.opts.jobId, chunk[index] as BatchItem);
      await this.#queue?.addBulk(jobs);
    }
  }

  /** Waits until every pending item is collected, the batch is interrupted, or Redis is lost. */
  async #waitForAll(): Promise<void> {
    while (this.#pending.size > 0) {
      if (this.#lost || this.#fatal !== undefined || this.options.signal?.aborted) return;
      if (performance.now() - this.#lastEventAt > SWEEP_AFTER_MS) await this.#sweep();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Looks up the state of every pending job: finished ones are collected, vanished ones enqueued again. */
  async #sweep(): Promise<void> {
    this.#lastEventAt = performance.now();
    const ids = [...this.#pending.keys()].filter((id) => !this.#collecting.has(id));
    const vanished: BatchItem[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const states = await Promise.all(chunk.map((id) => this.#queue?.getJobState(id)));
      for (const [index, id] of chunk.entries()) {
        const state = states[index];
        if (state === 'completed' || state === 'failed') void this.#collect(id);
        else if (state === 'unknown' && this.#pending.has(id) && !this.#collecting.has(id)) {
          // Gone without being collected (a Redis restarted without persistence): the item is not lost.
          vanished.push(this.#pending.get(id) as BatchItem);
        }
      }
    }
    if (vanished.length > 0) {
      const definition = (await this.version.metadata()).config;
      await this.#enqueue(vanished, definition);
    }
  }

  #onEvent(jobId: string): void {
    this.#lastEventAt = performance.now();
    if (this.#pending.has(jobId)) void this.#collect(jobId);
  }

  /** Writes a finished job into the run store, then removes it from Redis. */
  async #collect(jobId: string): Promise<void> {
    const item = this.#pending.get(jobId);
    if (!item || this.#collecting.has(jobId)) return;
    this.#collecting.add(jobId);
    try {
      const job = await this.#queue?.getJob(jobId);
      const state = await job?.getState();
      if (!job || (state !== 'completed' && state !== 'failed')) return;
      const result =
        state === 'completed' ? await this.#storeOutcome(item, job) : await this.#storeFailure(item, job);
      // Off the pending list before the job goes, so a sweep never takes the removed job for a lost one.
      this.#pending.delete(jobId);
      await job.remove().catch(() => undefined);
      this.#tally.record(result);
      await this.options.onItem?.(result);
      if (result.status === 'failed' && this.options.stopOnError) await this.#stopOnError();
    } catch (error) {
      // Redis or the disk failed mid-way: the job stays finished in Redis, and the next sweep collects it.
      this.#lastEventAt = Number.NEGATIVE_INFINITY;
      const failures = (this.#collectFailures.get(jobId) ?? 0) + 1;
      this.#collectFailures.set(jobId, failures);
      if (failures >= 3 && !this.#lost) this.#fatal ??= error;
    } finally {
      this.#collecting.delete(jobId);
      this.#wake();
    }
  }

  async #storeOutcome(item: BatchItem, job: Job): Promise<BatchItemResult> {
    const outcome = job.returnvalue as QueueItemOutcome | null;
    if (outcome?.format !== JOB_FORMAT) {
      return this.#storeError(
        item,
        {
          code: 'worker',
          message: `The worker answered a result docpipe cannot read for item '${item.id}'; run the same docpipe version on the coordinator and the workers.`,
        },
        EMPTY_USAGE,
        0,
        job,
      );
    }
    const { data, fields, usage, warnings, timings, incomplete, prompt, raw = {} } = outcome;
    const outputId = this.#outputId(item);
    const record = {
      id: item.id,
      ...(outputId === undefined ? {} : { [this.options.outputIdField as string]: outputId }),
      data,
      fields,
      usage,
      warnings,
    };
    // The raw responses before the result, which marks the item finished: a coordinator killed in between
    // collects the job again rather than leave them out.
    await Promise.all(
      Object.entries(raw).map(([stageId, responses]) =>
        this.version.writeStageRaw(item.id, stageId, responses),
      ),
    );
    await Promise.all([
      prompt ? this.version.writePrompt(item.id, prompt) : undefined,
      this.version.writeResult(item.id, record, itemMetrics(usage, outcome.durationMs, timings), incomplete),
    ]);
    const status = incomplete
      ? ({ status: 'incomplete', missing: incomplete.missing } as const)
      : ({ status: 'succeeded' } as const);
    return { id: item.id, ...status, data, usage, cachedStages: outcome.cachedStages, pages: outcome.pages };
  }

  async #storeFailure(item: BatchItem, job: Job): Promise<BatchItemResult> {
    const failure = (job.progress as Partial<QueueItemFailure> | undefined)?.failure;
    if (failure)
      return this.#storeError(
        item,
        failure.error,
        failure.usage ?? EMPTY_USAGE,
        failure.durationMs ?? 0,
        job,
      );
    const reason = job.failedReason ?? 'the job failed';
    const stalled = /stalled more than allowable limit/i.test(reason);
    const error = stalled
      ? {
          code: 'process-crashed',
          message: `Item '${item.id}' stalled ${job.stalledCounter} times: each time the worker running it died (kill -9, the OOM killer, a native crash) or lost Redis, so it was not started again; check the workers' logs, then run the same command with --resume to try it again.`,
        }
      : { code: 'worker', message: reason };
    return this.#storeError(item, error, EMPTY_USAGE, 0, job);
  }

  async #storeError(
    item: BatchItem,
    error: Omit<ItemError, 'item'>,
    usage: Usage,
    durationMs: number,
    job: Job,
  ): Promise<BatchItemResult> {
    const itemError: ItemError = {
      item: item.id,
      ...error,
      ...(error.attempts === undefined && job.attemptsMade > 1 ? { attempts: job.attemptsMade } : {}),
    };
    await this.version.writeError(item.id, itemError, itemMetrics(usage, durationMs));
    return { id: item.id, status: 'failed', error: itemError, usage, cachedStages: 0, pages: usage.pages };
  }

  /** Starts no new item after a failure: waiting jobs are taken off the queue; running ones are waited for. */
  async #stopOnError(): Promise<void> {
    if (this.#stoppedOnError) return;
    this.#stoppedOnError = true;
    for (const [jobId] of [...this.#pending]) {
      if (this.#collecting.has(jobId)) continue;
      // 1 when removed; 0 for a job a worker holds (its lock), which is waited for.
      if ((await this.#queue?.remove(jobId).catch(() => 0)) === 1) this.#pending.delete(jobId);
    }
  }

  #jobId(item: BatchItem): string {
    return jobIdOf(this.version.runName, this.version.version, item.id);
  }

  #outputId(item: BatchItem): number | undefined {
    const position = this.#positions.get(item.id) ?? 0;
    return this.options.outputIdField === undefined ? undefined : (this.options.idStart ?? 1) + position;
  }

  #input(item: BatchItem): ItemInput {
    const outputId = this.#outputId(item);
    return {
      id: item.id,
      source: item.source,
      ...(item.variables ? { variables: { ...item.variables } } : {}),
      ...(outputId === undefined ? {} : { outputId }),
    };
  }
}
