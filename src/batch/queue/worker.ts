/**
 * A worker of a distributed batch: takes items off the BullMQ queue, builds each job's pipeline from the
 * definition it carries (credentials come from the worker's own environment), runs it with a stage cache
 * in Redis shared by every worker — so a job retried after its worker died re-runs only the stages that had
 * not finished — and with rate limits shared through Redis, and answers the result for the coordinator.
 *
 * @module
 */
import { hostname } from 'node:os';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { CacheSetting } from '../../cache/cache-config.js';
import { redisCache } from '../../cache/redis-cache.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { DocpipeError, messageOf, StageError } from '../../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../../spec/usage.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { incompleteAnswerOf, toItemError } from '../item-records.js';
import { promptMarkdown } from '../prompt-markdown.js';
import type { RateLimit } from '../rate-limiter.js';
import {
  bullConnection,
  checkReachable,
  type QueueConnection,
  type QueueConnectionError,
  RedisWatch,
  type ResolvedConnection,
  resolveConnection,
} from './connection.js';
import { JobAnswers } from './job-answers.js';
import {
  checkJobData,
  documentSourceOf,
  JOB_FORMAT,
  type QueueItemFailure,
  type QueueItemOutcome,
  type QueueJobData,
} from './job-payload.js';
import { SharedRateLimiters } from './shared-rate-limits.js';

/**
 * Builds the pipeline a job's definition describes, with `cache` (the shared stage cache) as its cache.
 * Throwing fails the job for good with the reason: an unknown provider or missing credentials do not get
 * better by retrying.
 */
export type PipelineFactory = (
  definition: unknown,
  cache: CacheSetting,
) => Pipeline<unknown> | Promise<Pipeline<unknown>>;

/** What a worker reports, for its log. */
export type WorkerEvent =
  | { readonly kind: 'ready'; readonly message: string }
  | { readonly kind: 'started'; readonly jobId: string; readonly itemId: string; readonly attempt: number }
  | {
      readonly kind: 'finished';
      readonly jobId: string;
      readonly itemId: string;
      readonly status: string;
      readonly durationMs: number;
    }
  | { readonly kind: 'failed'; readonly jobId: string; readonly itemId: string; readonly message: string }
  | { readonly kind: 'warning'; readonly message: string };

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /** The queue: a Redis URL, or the URL with a queue name and how long to wait for a lost Redis. */
  readonly connection: QueueConnection | string;
  /** Builds each job's pipeline from its definition (the CLI's worker builds the CLI's stored configs). */
  readonly pipeline: PipelineFactory;
  /** Jobs processed at once by this worker. @default 4 */
  readonly concurrency?: number;
  /**
   * The shared stage cache: a Redis URL (through `redisCache`), or `false` for none — then a job retried after
   * its worker died pays again for the stages that had finished. @default the queue's Redis
   */
  readonly cache?: string | false;
  /** Limits by provider name that take precedence over those the jobs carry. @default none */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
  /**
   * How long a job's lock lasts; the worker renews it every half of this while the job runs. A worker that
   * died leaves its job locked this long before another worker may take it. @default 30000
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock lapsed (stalled), to hand them to a worker again. @default 15000 */
  readonly stalledIntervalMs?: number;
  /** Times a job may stall (its worker died) and be handed out again before it fails. @default 2 */
  readonly maxStalledCount?: number;
  /** Called with what the worker does, for a log. */
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Settles when the worker has stopped: rejects with a `QueueConnectionError` when it lost Redis for too long. */
  readonly stopped: Promise<void>;
  /** Takes no new job, waits for the running ones (`force`: abandons them; they stall and go to another worker), and stops. */
  close(force?: boolean): Promise<void>;
}

export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_STALLED_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_STALLED_COUNT = 2;
// Pipelines kept built, by definition; a worker seldom serves more than a few.
const KEPT_PIPELINES = 8;

/**
 * Starts a worker on the queue.
 *
 * @example
 * ```ts
 * const worker = await startWorker({
 *   connection: 'redis://queue.internal:6379',
 *   pipeline: (definition, cache) => myPipeline(definition, cache),
 *   concurrency: 4,
 * });
 * process.on('SIGTERM', () => void worker.close());
 * await worker.stopped;
 * ```
 * @throws {QueueConnectionError} naming the URL when Redis cannot be reached
 */
export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const connection = resolveConnection(options.connection);
  await checkReachable(connection);
  const cacheUrl = options.cache === undefined ? connection.url : options.cache;
  if (cacheUrl !== false) await checkReachable(resolveConnection(cacheUrl), '--cache');
  const worker = new QueueWorkerProcess(connection, cacheUrl, options);
  await worker.start();
  return worker;
}

interface BuiltPipeline {
  readonly pipeline: Promise<Pipeline<unknown>>;
  readonly generation: number;
  users: number;
}

class QueueWorkerProcess implements QueueWorker {
  readonly stopped: Promise<void>;
  readonly #connection: ResolvedConnection;
  readonly #options: WorkerOptions;
  readonly #cacheUrl: string | false;
  readonly #redis: Redis;
  readonly #limiters: SharedRateLimiters;
  readonly #worker: Worker;
  readonly #watch: RedisWatch;
  readonly #pipelines = new Map<string, BuiltPipeline>();
  readonly #name = `${hostname()}:${process.pid}`;
  #cache: Promise<CacheSetting> | undefined;
  // Bumped when Redis comes back after an outage: the stage cache's client gave up on it, so pipelines are rebuilt.
  #generation = 0;
  #stop: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  #closing: Promise<void> | undefined;
  readonly #loopTimer: NodeJS.Timeout;

  constructor(connection: ResolvedConnection, cacheUrl: string | false, options: WorkerOptions) {
    this.#connection = connection;
    this.#options = options;
    this.#cacheUrl = cacheUrl;
    this.stopped = new Promise((resolve, reject) => {
      this.#stop = { resolve, reject };
    });
    // Handled by whoever awaits it; a worker closed normally resolves it.
    this.stopped.catch(() => undefined);
    this.#redis = new Redis(connection.url, { ...bullConnection(connection) });
    this.#redis.on('error', () => undefined);
    this.#limiters = new SharedRateLimiters(this.#redis, `docpipe:${connection.queueName}`);
    const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
    this.#worker = new Worker(connection.queueName, (job) => this.#process(job), {
      connection: bullConnection(connection),
      concurrency: options.concurrency ?? 4,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
      maxStalledCount: options.maxStalledCount ?? DEFAULT_MAX_STALLED_COUNT,
      autorun: false,
    });
    // Connection errors repeat while Redis is away; the watch reports the outage once.
    this.#worker.on('error', () => undefined);
    this.#worker.on('stalled', (jobId) =>
      this.#emit({
        kind: 'warning',
        message: `job ${jobId} stalled (its worker died or lost Redis); it runs again`,
      }),
    );
    this.#watch = new RedisWatch(connection, {
      onDown: (reason) =>
        this.#emit({
          kind: 'warning',
          message: `lost Redis at ${connection.shownUrl} (${reason}); reconnecting`,
        }),
      onRestored: () => {
        this.#generation += 1;
        this.#cache = undefined;
        this.#emit({ kind: 'warning', message: `Redis at ${connection.shownUrl} is back` });
      },
      onLost: (error) => void this.#lose(error),
    });
    this.#loopTimer = this.#watchEventLoop(lockDuration);
  }

  async start(): Promise<void> {
    await this.#worker.waitUntilReady();
    void this.#worker.run().catch((error: unknown) => this.#lose(error as QueueConnectionError));
    const { queueName, shownUrl } = this.#connection;
    this.#emit({
      kind: 'ready',
      message: `waiting for jobs on queue ${queueName} at ${shownUrl} (concurrency ${this.#options.concurrency ?? 4}, ${this.#cacheUrl === false ? 'no stage cache' : 'stage cache in Redis'})`,
    });
  }

  close(force = false): Promise<void> {
    this.#closing ??= (async () => {
      this.#watch.close();
      clearInterval(this.#loopTimer);
      await this.#worker.close(force);
      await this.#release();
      this.#stop?.resolve();
    })();
    return this.#closing;
  }

  async #lose(error: unknown): Promise<void> {
    this.#stop?.reject(error);
    await this.close(true).catch(() => undefined);
  }

  async #release(): Promise<void> {
    const pipelines = [...this.#pipelines.values()];
    this.#pipelines.clear();
    await Promise.all(pipelines.map(async (built) => (await built.pipeline.catch(() => undefined))?.close()));
    const cache = await this.#cache?.catch(() => undefined);
    await disconnectCache(cache);
    this.#redis.disconnect();
  }

  async #process(job: Job): Promise<QueueItemOutcome> {
    const problem = checkJobData(job.data);
    if (problem) throw new UnrecoverableError(`docpipe cannot process job ${job.id}: ${problem}.`);
    const data = job.data as QueueJobData;
    const jobId = job.id ?? '';
    const started = performance.now();
    this.#emit({
      kind: 'started',
      jobId,
      itemId: data.itemId,
      attempt: job.attemptsStarted ?? job.attemptsMade + 1,
    });
    const key = canonicalJson(data.definition);
    const answers = new JobAnswers(this.#redis, `docpipe:${this.#connection.queueName}`, jobId);
    try {
      const outcome = await this.#runJob(job, data, key, started, answers);
      // The result stands for them now. Best effort: they expire anyway. A failed job keeps them for a resume.
      await answers.forget().catch(() => undefined);
      return outcome;
    } finally {
      this.#releasePipeline(key);
    }
  }

  async #runJob(
    job: Job,
    data: QueueJobData,
    key: string,
    started: number,
    answers: JobAnswers,
  ): Promise<QueueItemOutcome> {
    const jobId = job.id ?? '';
    let pipeline: Pipeline<unknown>;
    let gate: ReturnType<SharedRateLimiters['gate']>;
    try {
      // First: it counts the job as a user of the pipeline (even one that fails to build), which #process releases.
      const built = this.#pipelineFor(key, data.definition);
      gate = this.#limiters.gate(data.rateLimits, this.#options.rateLimits);
      pipeline = await built;
    } catch (error) {
      const message = `This worker cannot build the run's pipeline: ${messageOf(error)}`;
      return this.#failForGood(job, data, { code: codeOf(error), message }, undefined, started);
    }
    const spent = new Map<string, Usage>();
    const stopCounting = pipeline.on('usage', ({ documentId, usage }) => {
      spent.set(documentId, addUsage(spent.get(documentId) ?? EMPTY_USAGE, usage));
    });
    try {
      const result = await pipeline.run(documentSourceOf(data.source), {
        providerGate: gate,
        answeredCalls: await answers.earlier(),
        onCallAnswered: (call) => answers.keep(call),
        ...(data.variables ? { variables: data.variables } : {}),
      });
      const { data: extracted, fields, usage, warnings, timings, incomplete } = result;
      const cachedStages = Object.values(timings).filter((timing) => timing.cached).length;
      const prompt = promptMarkdown(result);
      const outcome: QueueItemOutcome = {
        format: JOB_FORMAT,
        status: incomplete ? 'incomplete' : 'succeeded',
        data: extracted,
        fields,
        usage,
        warnings,
        timings,
        ...(incomplete
          ? { incomplete: { missing: [...incomplete.missing], message: incomplete.message } }
          : {}),
        ...(prompt ? { prompt } : {}),
        ...(result.raw ? { raw: result.raw } : {}),
        pages: usage.pages || (cachedStages > 0 ? (result.document.pageCount ?? 0) : 0),
        cachedStages,
        durationMs: performance.now() - started,
        worker: this.#name,
      };
      this.#emit({
        kind: 'finished',
        jobId,
        itemId: data.itemId,
        status: outcome.status,
        durationMs: outcome.durationMs,
      });
      return outcome;
    } catch (error) {
      const usage = error instanceof StageError && error.documentId ? spent.get(error.documentId) : undefined;
      const answer = incompleteAnswerOf(error);
      if (answer) {
        // A pipeline without acceptIncomplete threw what it found: kept as the item's incomplete result.
        const { data: found, fields, missing } = answer.partial;
        const durationMs = performance.now() - started;
        this.#emit({ kind: 'finished', jobId, itemId: data.itemId, status: 'incomplete', durationMs });
        return {
          format: JOB_FORMAT,
          status: 'incomplete',
          data: found,
          fields,
          usage: usage ?? EMPTY_USAGE,
          warnings: [],
          timings: {},
          incomplete: { missing: [...missing], message: answer.message },
          pages: usage?.pages ?? 0,
          cachedStages: 0,
          durationMs,
          worker: this.#name,
        };
      }
      const { item: _item, ...itemError } = toItemError(data.itemId, error);
      return this.#failForGood(job, data, itemError, usage, started);
    } finally {
      stopCounting();
    }
  }

  /**
   * Fails the job without a retry: the pipeline's own retries are spent (or it cannot be built), as a local
   * batch records a failed item. What failed is kept in the job's progress, for the coordinator.
   */
  async #failForGood(
    job: Job,
    data: QueueJobData,
    error: QueueItemFailure['failure']['error'],
    usage: Usage | undefined,
    started: number,
  ): Promise<never> {
    const durationMs = performance.now() - started;
    const failure: QueueItemFailure = {
      failure: { error, ...(usage ? { usage } : {}), durationMs, worker: this.#name },
    };
    await job.updateProgress(failure as unknown as object);
    this.#emit({ kind: 'failed', jobId: job.id ?? '', itemId: data.itemId, message: error.message });
    throw new UnrecoverableError(error.message);
  }

  /** The pipeline of a definition, built once per generation and shared by the jobs that use it. */
  async #pipelineFor(key: string, definition: unknown): Promise<Pipeline<unknown>> {
    let built = this.#pipelines.get(key);
    if (built && built.generation !== this.#generation) {
      this.#pipelines.delete(key);
      if (built.users === 0) void closePipeline(built);
      built = undefined;
    }
    if (!built) {
      const cache = this.#sharedCache();
      const pipeline = cache.then((setting) => this.#options.pipeline(definition, setting));
      built = { pipeline, generation: this.#generation, users: 0 };
      // A definition that cannot be built is tried again by the next job, not remembered.
      pipeline.catch(() => {
        if (this.#pipelines.get(key) === built) this.#pipelines.delete(key);
      });
      this.#pipelines.set(key, built);
      this.#evictIdle();
    }
    built.users += 1;
    return built.pipeline;
  }

  #releasePipeline(key: string): void {
    const built = this.#pipelines.get(key);
    if (built) built.users = Math.max(0, built.users - 1);
  }

  #evictIdle(): void {
    for (const [key, built] of this.#pipelines) {
      if (this.#pipelines.size <= KEPT_PIPELINES) return;
      if (built.users > 0) continue;
      this.#pipelines.delete(key);
      void closePipeline(built);
    }
  }

  #sharedCache(): Promise<CacheSetting> {
    if (this.#cacheUrl === false) return Promise.resolve(false);
    this.#cache ??= redisCache({ url: this.#cacheUrl });
    return this.#cache;
  }

  /**
   * Warns when the event loop was blocked long enough to endanger job locks: a lock not renewed in time makes
   * BullMQ hand the job to another worker while this one still runs it.
   */
  #watchEventLoop(lockDuration: number): NodeJS.Timeout {
    const tickMs = 500;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const blockedMs = now - last - tickMs;
      last = now;
      if (blockedMs > lockDuration / 4) {
        this.#emit({
          kind: 'warning',
          message: `the event loop was blocked for ${Math.round(blockedMs)} ms (locks last ${lockDuration} ms); keep CPU-heavy work in worker threads, or raise --lock-duration`,
        });
      }
    }, tickMs);
    timer.unref();
    return timer;
  }

  #emit(event: WorkerEvent): void {
    this.#options.onEvent?.(event);
  }
}

async function closePipeline(built: BuiltPipeline): Promise<void> {
  await (await built.pipeline.catch(() => undefined))?.close();
}

async function disconnectCache(cache: CacheSetting | undefined): Promise<void> {
  const store = (cache as { store?: { disconnect?: () => Promise<void> } } | undefined)?.store;
  await store?.disconnect?.().catch(() => undefined);
}

function codeOf(error: unknown): string {
  return DocpipeError.isInstance(error) ? error.code : 'worker';
}

export type { QueueConnectionError };
