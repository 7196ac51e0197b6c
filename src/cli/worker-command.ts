/**
 * `docpipe worker --queue redis://host:6379`: a worker of distributed batches. It takes items that
 * `docpipe batch … --queue` enqueued, builds each one's pipeline from the configuration the run stored (as
 * `runs rerun` does), with credentials from this machine's environment, and runs it with a stage cache in
 * Redis shared by every worker. It runs until Ctrl-C (or SIGTERM), which lets the running items finish.
 *
 * @module
 */
import type { Command } from 'commander';
import { startWorker, type WorkerEvent } from '../batch/queue/index.js';
import type { RateLimit } from '../batch/rate-limiter.js';
import type { CacheSetting } from '../cache/cache-config.js';
import { ConfigError } from '../spec/errors.js';
import { collectRateLimit } from './batch-command.js';
import { INTERRUPTED_EXIT_CODE } from './interrupt.js';
import type { CliIo } from './io.js';
import { wholeNumber } from './option-values.js';
import { buildPipeline, type CliPipelineConfig } from './pipeline-options.js';

interface WorkerCliOptions {
  readonly queue: string;
  readonly queueName?: string;
  readonly concurrency: number;
  /** A Redis URL, `false` with `--no-cache`, or unset: the queue's Redis. */
  readonly cache?: string | false;
  readonly rateLimit?: Readonly<Record<string, RateLimit>>;
  readonly lockDuration?: number;
  readonly stalledInterval?: number;
  readonly maxStalls?: number;
  readonly reconnectTimeout?: number;
  readonly quiet?: boolean;
}

/** Adds the `worker` command to `program`. */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('Process the items of batches run with --queue, on this machine, until stopped.')
    .requiredOption('--queue <url>', 'the Redis of the queue, e.g. redis://host:6379')
    .option('--queue-name <name>', 'the queue (the same as the batches use)', 'docpipe')
    .option('-c, --concurrency <n>', 'items processed at once', wholeNumber(), 4)
    .option('--cache <url>', 'the Redis that holds the stage cache shared by the workers (default: --queue)')
    .option('--no-cache', 'no shared stage cache: a retried item pays again for the stages it had finished')
    .option(
      '--rate-limit <provider=rps[,in-flight]>',
      "requests per second (and calls at once) for a provider across every worker, over the batch's own; repeatable",
      collectRateLimit,
    )
    .option(
      '--lock-duration <ms>',
      "how long an item's lock lasts (renewed every half of it); a dead worker's item waits this long",
      wholeNumber(),
    )
    .option('--stalled-interval <ms>', 'how often to look for items whose worker died', wholeNumber())
    .option('--max-stalls <n>', 'times an item may lose its worker before it fails', wholeNumber(0))
    .option('--reconnect-timeout <ms>', 'how long to wait for a lost Redis before stopping', wholeNumber())
    .option('-q, --quiet', 'log only warnings, not every item')
    .action(async (options: WorkerCliOptions) => {
      const log = (line: string) => io.stderr.write(`docpipe worker: ${line}\n`);
      const worker = await startWorker({
        connection: {
          url: options.queue,
          ...(options.queueName ? { queueName: options.queueName } : {}),
          ...(options.reconnectTimeout === undefined ? {} : { reconnectTimeoutMs: options.reconnectTimeout }),
        },
        pipeline: pipelineOfDefinition,
        concurrency: options.concurrency,
        ...(options.cache === undefined ? {} : { cache: options.cache }),
        ...(options.rateLimit ? { rateLimits: options.rateLimit } : {}),
        ...(options.lockDuration === undefined ? {} : { lockDurationMs: options.lockDuration }),
        ...(options.stalledInterval === undefined ? {} : { stalledIntervalMs: options.stalledInterval }),
        ...(options.maxStalls === undefined ? {} : { maxStalledCount: options.maxStalls }),
        onEvent: (event) => {
          const line = describeEvent(event, options.quiet === true);
          if (line !== undefined) log(line);
        },
      });
      let signals = 0;
      const onSignal = () => {
        signals += 1;
        if (signals > 1) process.exit(INTERRUPTED_EXIT_CODE);
        log(
          'stopping: finishing the running items (press Ctrl-C again to stop at once; they then go to another worker)',
        );
        void worker.close();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await worker.stopped;
        log('stopped');
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/**
 * A job's pipeline: the CLI configuration a batch stored with its run, built as `runs rerun` builds it, with
 * the shared stage cache.
 */
function pipelineOfDefinition(definition: unknown, cache: CacheSetting) {
  const candidate = definition as Partial<CliPipelineConfig> | null;
  if (typeof candidate?.jsonSchema !== 'object' || !Array.isArray(candidate.stages)) {
    throw new ConfigError(
      'the job was not enqueued by docpipe batch, so the CLI worker cannot build its pipeline; start a worker with startWorker() and a pipeline factory of your own.',
    );
  }
  return buildPipeline(candidate as CliPipelineConfig, cache);
}

function describeEvent(event: WorkerEvent, quiet: boolean): string | undefined {
  switch (event.kind) {
    case 'ready':
      return event.message;
    case 'warning':
      return `warning: ${event.message}`;
    case 'started':
      return quiet
        ? undefined
        : `started ${event.jobId}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'finished':
      return quiet
        ? undefined
        : `${event.status} ${event.jobId} in ${(event.durationMs / 1000).toFixed(1)} s`;
    case 'failed':
      return `failed ${event.jobId}: ${event.message}`;
  }
}
