/**
 * `docpipe batch <inputs...> --schema <schema> --name <run>`: many documents through one pipeline,
 * stored as a version of a run; `--resume` continues a killed one.
 *
 * @module
 */
import type { Command } from 'commander';
import { type BatchItem, collectBatchInputs, describeSkipped } from '../batch/batch-inputs.js';
import { DEFAULT_MAX_ITEM_CRASHES } from '../batch/crashed-items.js';
import {
  type BatchProgress,
  createProgressDisplay,
  formatBatchSummary,
  type ProgressStream,
  startingProgress,
} from '../batch/progress.js';
import { processedOf } from '../batch/progress-figures.js';
import type { QueueBatchOptions } from '../batch/queue/coordinator.js';
import type { RateLimit } from '../batch/rate-limiter.js';
import { type BatchItemResult, type BatchOptions, type BatchSummary, runBatch } from '../batch/run-batch.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { BatchError, ConfigError } from '../spec/errors.js';
import { cacheFromOptions } from './cache-command.js';
import { describeFailedBatch, describeIncompleteBatch } from './failure-summary.js';
import { IncompleteResultsError } from './incomplete.js';
import { abortOnInterrupt, InterruptedBatchError } from './interrupt.js';
import type { CliIo } from './io.js';
import { wholeNumber } from './option-values.js';
import {
  addPipelineOptions,
  buildPipeline,
  type PipelineCliOptions,
  pipelineFromOptions,
} from './pipeline-options.js';
import { addRunsDirOption } from './runs-command.js';

interface BatchCliOptions extends PipelineCliOptions, RunCliOptions {
  readonly name: string;
  readonly idField?: string;
  readonly textField?: string;
  readonly only?: string[];
  readonly skip?: string[];
  readonly resume?: boolean;
  readonly maxCrashes: number;
  readonly outputIdField?: string;
  readonly idStart?: number;
  readonly queue?: string;
  readonly queueName?: string;
  readonly reconnectTimeout?: number;
  readonly keepRaw?: boolean;
}

/** The options `batch` and `runs rerun` share: how to run, label and report a version. */
export interface RunCliOptions {
  readonly runsDir: string;
  readonly concurrency: number;
  readonly rateLimit?: Readonly<Record<string, RateLimit>>;
  readonly stopOnError?: boolean;
  readonly label?: string;
  readonly notes?: string;
  readonly json?: boolean;
}

/** Adds the `batch` command to `program`. */
export function registerBatchCommand(program: Command, io: CliIo): void {
  const command = program
    .command('batch')
    .description(
      'Extract data from many documents into a versioned run that can be resumed, rerun and compared.',
    )
    .argument('<inputs...>', 'documents, directories, globs, or a JSON array of items (with --id-field)')
    .requiredOption('-n, --name <run>', 'the run name: versions are stored under <runs-dir>/<run>/v0, v1, …')
    .option('--id-field <field>', "read .json inputs as arrays of items, each item's id in this field")
    .option(
      '--text-field <field>',
      'the field holding the text to extract from (default: the whole item as JSON)',
    )
    .option('--only <ids>', 'process only these item ids (comma-separated)', splitList)
    .option('--skip <ids>', 'leave these item ids out (comma-separated)', splitList)
    .option('--resume', 'continue the latest version of the run: finished items are skipped')
    .option(
      '--max-crashes <n>',
      'with --resume, fail an item the process died in this many times (e.g. a decoder crash) instead of starting it again',
      wholeNumber(),
      DEFAULT_MAX_ITEM_CRASHES,
    )
    .option(
      '--keep-raw',
      "store each provider's raw responses beside the item (items/<id>/<stage>.raw.json, credentials removed)",
    )
    .option('--output-id-field <field>', 'add a sequential id under this field to each result')
    .option('--id-start <n>', 'the first sequential id (default 1)', wholeNumber())
    .option(
      '--queue <url>',
      'run the documents on `docpipe worker`s through this Redis (e.g. redis://host:6379) instead of here',
    )
    .option('--queue-name <name>', 'with --queue: the queue the workers take items from', 'docpipe')
    .option(
      '--reconnect-timeout <ms>',
      'with --queue: how long to wait for a lost Redis before stopping (default 60000)',
      wholeNumber(),
    );
  addRunOptions(addPipelineOptions(command)).action(async (inputs: string[], options: BatchCliOptions) => {
    const fromOptions = await pipelineFromOptions(options, io);
    const config = options.keepRaw ? { ...fromOptions.config, keepRaw: true } : fromOptions.config;
    const { schema } = fromOptions;
    const { items, skipped } = await collectBatchInputs(
      inputs,
      options.idField === undefined
        ? undefined
        : { idField: options.idField, ...(options.textField ? { textField: options.textField } : {}) },
    );
    if (options.queue) {
      // Before anything is shown: an unreachable Redis is one clear error naming it.
      const { checkReachable, resolveConnection } = await import('../batch/queue/connection.js');
      await checkReachable(
        resolveConnection({ url: options.queue, queueName: options.queueName ?? 'docpipe' }),
      );
    }
    const skippedNote = describeSkipped(skipped);
    if (skippedNote !== undefined) io.stderr.write(`docpipe: warning: ${skippedNote}\n`);
    // Queued, the workers build the pipeline (with their own credentials): none is built here.
    const pipeline = options.queue ? undefined : buildPipeline(config, cacheFromOptions(options), { schema });
    await runAndReport(pipeline, items, io, options, {
      ...(options.queue
        ? {
            queue: {
              connection: {
                url: options.queue,
                queueName: options.queueName ?? 'docpipe',
                ...(options.reconnectTimeout === undefined
                  ? {}
                  : { reconnectTimeoutMs: options.reconnectTimeout }),
              },
            },
          }
        : {}),
      name: options.name,
      config,
      ...(options.only ? { only: options.only } : {}),
      ...(options.skip ? { skip: options.skip } : {}),
      ...(options.resume ? { resume: true } : {}),
      maxItemCrashes: options.maxCrashes,
      ...(options.outputIdField ? { outputIdField: options.outputIdField } : {}),
      ...(options.idStart === undefined ? {} : { idStart: options.idStart }),
    });
  });
}

/** Adds the options of {@link RunCliOptions} to a command. */
export function addRunOptions(command: Command): Command {
  return addRunsDirOption(command)
    .option('-c, --concurrency <n>', 'documents processed at once', wholeNumber(), 4)
    .option(
      '--rate-limit <provider=rps[,in-flight]>',
      'requests per second (and calls at once) for a provider, e.g. anthropic=5 or aws.textract=10,4; repeatable',
      collectRateLimit,
    )
    .option('--stop-on-error', 'start no new document after the first failure')
    .option(
      '--label <label>',
      'the version label: draft, alpha, beta, rc, final, deprecated, or your own',
      'draft',
    )
    .option('--notes <text>', 'notes stored with the version')
    .option('--json', 'print one JSON object per finished item, then the summary, on stdout');
}

/**
 * Runs a batch with a progress display on stderr (or JSON lines on stdout), prints where the run
 * is, and fails the command when an item failed. Closes the pipeline, whose OCR workers would
 * otherwise keep the process alive after the summary.
 */
export async function runAndReport(
  pipeline: Pipeline<unknown> | undefined,
  items: readonly BatchItem[],
  io: CliIo,
  options: RunCliOptions,
  batch: BatchOptions & { readonly name: string },
): Promise<BatchSummary> {
  // Items --only/--skip leave out: the display counts them neither as work to do nor in its percentage.
  const leftOut = items.filter(
    (item) => (batch.only && !batch.only.includes(item.id)) || batch.skip?.includes(item.id),
  ).length;
  const display = options.json ? undefined : createProgressDisplay(io.stderr as ProgressStream, { leftOut });
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller);
  let latest: BatchProgress | undefined;
  // Shown at once: the first document may take a while to finish.
  display?.start(startingProgress(items.length));
  try {
    const run = batch.queue
      ? async (options: BatchOptions) => {
          // Loaded only for a queued batch: BullMQ stays out of a local one.
          const { runQueuedBatch } = await import('../batch/queue/coordinator.js');
          return runQueuedBatch(items, { ...options, queue: batch.queue as QueueBatchOptions });
        }
      : (options: BatchOptions) => runBatch(pipeline as Pipeline<unknown>, items, options);
    const summary = await run({
      ...batch,
      runsDir: options.runsDir,
      concurrency: options.concurrency,
      signal: controller.signal,
      label: options.label ?? 'draft',
      ...(options.notes ? { notes: options.notes } : {}),
      ...(options.rateLimit ? { rateLimits: options.rateLimit } : {}),
      ...(options.stopOnError ? { stopOnError: true } : {}),
      onProgress: (progress) => {
        latest = progress;
        display?.update(progress);
      },
      ...(options.json
        ? { onItem: (item: BatchItemResult) => writeJsonLine(io, { event: 'item', ...item }) }
        : {}),
    });
    latest = summary.progress;
    // The bar is cleared first, or it would redraw over the line below.
    display?.finish(latest);
    latest = undefined;
    if (options.json)
      writeJsonLine(io, { event: 'summary', ...summary, summary: formatBatchSummary(summary.progress) });
    else
      io.stdout.write(
        `Run ${summary.runName} ${summary.version}: ${options.runsDir}/${summary.runName}/${summary.version} (${summary.state})\n`,
      );
    const { failed, total } = summary.progress;
    if (summary.state === 'interrupted') {
      const unfinished = total - processedOf(summary.progress);
      throw new InterruptedBatchError(
        `The batch was interrupted with ${unfinished} of ${total} documents unfinished; run the same command with --resume to continue ${batch.name} ${summary.version}.`,
        { failed },
      );
    }
    const where = { runsDir: options.runsDir, runName: batch.name, version: summary.version ?? 'latest' };
    if (failed > 0)
      throw new BatchError(describeFailedBatch(failed, total, summary.errors, where), { failed });
    if (summary.progress.incomplete > 0)
      throw new IncompleteResultsError(describeIncompleteBatch(summary.progress.incomplete, total, where));
    return summary;
  } finally {
    // On failure, still end the bar and show how far the batch got.
    if (display && latest) display.finish(latest);
    else display?.close();
    await pipeline?.close();
    // Only now: a second Ctrl-C while the pipeline closes must still exit at once.
    stopListening();
  }
}

function writeJsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

function splitList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ];
}

/** Collects repeated `--rate-limit provider=rps[,in-flight]` values. */
export function collectRateLimit(
  value: string,
  previous: Record<string, RateLimit> = {},
): Record<string, RateLimit> {
  const match = /^([\w.-]+)=(\d+(?:\.\d+)?)(?:,(\d+))?$/.exec(value.trim());
  if (!match) {
    throw new ConfigError(
      `--rate-limit takes provider=requests-per-second[,in-flight], e.g. anthropic=5 or aws.textract=10,4; got ${value}.`,
      {
        option: '--rate-limit',
      },
    );
  }
  const [, provider, rps, inFlight] = match;
  return {
    ...previous,
    [provider as string]: {
      requestsPerSecond: Number(rps),
      ...(inFlight ? { maxInFlight: Number(inFlight) } : {}),
    },
  };
}
