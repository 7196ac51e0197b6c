/**
 * Distributed batch runs on BullMQ and Redis: `runBatch(pipeline, items, { queue })` coordinates, and
 * {@link startWorker} processes the items on as many machines as needed. BullMQ is loaded on first use, so
 * importing docpipe stays fast for those who never use a queue.
 *
 * @module
 */
import type { QueueWorker, WorkerOptions } from './worker.js';

export type { QueueConnection, QueueConnectionError } from './connection.js';
export type { QueueBatchOptions } from './coordinator.js';
export { DEFAULT_INLINE_BYTES, type JobSource, type QueueJobData } from './job-payload.js';
export type { PipelineFactory, QueueWorker, WorkerEvent, WorkerOptions } from './worker.js';

/**
 * Starts a worker that takes items of queued batches off the queue and runs them: each job's pipeline is
 * built by `options.pipeline` from the definition the job carries, credentials come from this process's
 * environment, and stage results go to a stage cache in Redis shared by every worker, so a job retried after
 * its worker died pays only for the stages that had not finished.
 *
 * @example
 * ```ts
 * const worker = await startWorker({
 *   connection: 'redis://queue.internal:6379',
 *   pipeline: (definition, cache) => linearPipeline({ ...(definition as MyConfig), cache }),
 * });
 * process.once('SIGTERM', () => void worker.close());
 * await worker.stopped;
 * ```
 * @throws {QueueConnectionError} naming the URL when Redis cannot be reached
 */
export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const { startWorker: start } = await import('./worker.js');
  return start(options);
}
