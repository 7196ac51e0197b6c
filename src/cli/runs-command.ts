/**
 * `docpipe runs list|show|status|compare`: what the versions of batch runs hold, read from disk.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { countOf, dollars, duration } from '../batch/progress-figures.js';
import { QUEUE_RECORD_FILE } from '../batch/queue/job-payload.js';
import { accuracyCells, accuracyChangeLine, accuracyLine } from '../eval/accuracy-lines.js';
import type { FieldDifference, RunComparison } from '../runs/compare.js';
import { DEFAULT_RUNS_DIR } from '../runs/paths.js';
import { RunStore, type RunSummary } from '../runs/run-store.js';
import type { RunVersion } from '../runs/run-version.js';
import type { RunQueueStatus, RunStatus } from '../runs/status.js';
import type { RunMetadata } from '../runs/types.js';
import type { CliIo } from './io.js';

interface RunsDirOptions {
  readonly runsDir: string;
}

interface ListOptions extends RunsDirOptions {
  readonly all?: boolean;
  readonly label?: string[];
  readonly json?: boolean;
}

interface JsonOptions extends RunsDirOptions {
  readonly json?: boolean;
}

interface CompareOptions extends JsonOptions {
  readonly detail?: boolean;
}

// What `runs list` shows unless told otherwise: the versions someone has vouched for.
const LISTED_LABELS = ['beta', 'rc', 'final'];
// Longer lists of item ids are cut in the text output; `--json` has them all.
const IDS_SHOWN = 20;
const NOTES_SHOWN = 40;
const VALUE_SHOWN = 60;

/**
 * Adds `runs list|show|status|compare` to `program` and returns the `runs` command, to which more
 * subcommands can be added (give them {@link addRunsDirOption}).
 *
 * @example
 * ```ts
 * const runs = registerRunsCommand(program, io);
 * addRunsDirOption(runs.command('rerun').argument('<name>')).action(…);
 * ```
 */
export function registerRunsCommand(program: Command, io: CliIo): Command {
  const runs = program.command('runs').description('List, inspect and compare the versions of batch runs.');

  addRunsDirOption(runs.command('list'))
    .description('List runs and their versions (by default those labelled beta, rc or final).')
    .argument('[name]', 'only the versions of this run')
    .option('--all', 'list every version, whatever its label')
    .option('--label <label...>', 'list the versions with these labels')
    .option('--json', 'print the runs and the metadata of their versions as JSON')
    .action(async (name: string | undefined, options: ListOptions) => {
      const store = new RunStore(options.runsDir);
      const summaries = await store.listRuns(name);
      const labels = options.all ? undefined : (options.label ?? LISTED_LABELS);
      // By default a run none of whose versions is beta, rc or final (a fresh batch makes drafts) is
      // listed whole rather than hidden; an explicit --label filters strictly.
      const byDefault = !options.all && options.label === undefined;
      const unvouched: string[] = [];
      const shown = summaries
        .map((run) => {
          const versions = run.versions.filter((v) => !labels || labels.includes(v.label));
          if (versions.length > 0 || !byDefault) return { ...run, versions };
          if (run.versions.length > 0) unvouched.push(run.runName);
          return run;
        })
        .filter((run) => run.versions.length > 0);
      if (unvouched.length > 0) io.stderr.write(allVersionsShown(unvouched));
      if (options.json) io.stdout.write(json(shown));
      else if (shown.length > 0) io.stdout.write(listText(shown, await accuracyCells(store, shown)));
      else io.stderr.write(nothingListed(summaries, options.runsDir, labels));
    });

  addRunsDirOption(runs.command('show'))
    .description("Show a version's metadata: label, state, notes, figures and configuration.")
    .argument('<name>', 'the run')
    .argument('[version]', 'v0, v1, … or latest', 'latest')
    .option('--json', 'print the metadata as JSON (state as read: a killed batch shows interrupted)')
    .action(async (name: string, version: string, options: JsonOptions) => {
      const store = new RunStore(options.runsDir);
      const metadata = await (await store.openVersion(name, version)).metadata();
      if (options.json) io.stdout.write(json(metadata));
      else {
        const accuracy = await accuracyLine(store, name, metadata.version);
        io.stdout.write(showText(metadata, (await store.listRuns(name))[0]?.latest, accuracy));
      }
    });

  addRunsDirOption(runs.command('status'))
    .description(
      "Count a version's items by state and by finished stage, from its files, and list what remains.",
    )
    .argument('<name>', 'the run')
    .argument('[version]', 'v0, v1, … or latest', 'latest')
    .option('--json', 'print the status as JSON, with every remaining item')
    .option(
      '--queue <url>',
      "for a queued run: the queue's Redis, when it needs a password (default: the URL the run recorded)",
    )
    .action(async (name: string, version: string, options: JsonOptions & { readonly queue?: string }) => {
      const store = new RunStore(options.runsDir);
      const status = await store.status(name, version);
      const queue = await queueStatusOf(await store.openVersion(name, version), options.queue);
      const shown = queue ? { ...status, queue } : status;
      io.stdout.write(options.json ? json(shown) : statusText(shown));
    });

  addRunsDirOption(runs.command('compare'))
    .description('Compare the results of two versions: items only in one, changed items, unchanged count.')
    .argument('<name>', 'the run')
    .argument('<versionA>', 'v0, v1, … or latest')
    .argument('<versionB>', 'v0, v1, … or latest')
    .option('--detail', 'list the changed fields of each changed item')
    .option('--json', 'print the comparison as JSON, with every changed field')
    .action(async (name: string, versionA: string, versionB: string, options: CompareOptions) => {
      const store = new RunStore(options.runsDir);
      const comparison = await store.compare(name, versionA, versionB);
      const { versionA: a, versionB: b } = comparison;
      const accuracy = options.json ? undefined : await accuracyChangeLine(store, name, a, b);
      io.stdout.write(
        options.json ? json(comparison) : compareText(comparison, options.detail ?? false, accuracy),
      );
    });

  return runs;
}

/** Adds `--runs-dir <dir>` (default `./runs`) to `command`; its value is `options.runsDir`. */
export function addRunsDirOption(command: Command): Command {
  return command.option('--runs-dir <dir>', 'the folder holding the runs', DEFAULT_RUNS_DIR);
}

// The accuracy column (from `docpipe eval`) shows once some listed version was evaluated.
function listText(runs: readonly RunSummary[], accuracies: ReadonlyMap<RunMetadata, string>): string {
  const evaluated = accuracies.size > 0;
  const header = [
    'run',
    'version',
    'label',
    'state',
    'created (UTC)',
    'items',
    'succeeded',
    'incomplete',
    'failed',
    ...(evaluated ? ['accuracy'] : []),
    'cost',
    'notes',
  ];
  const rows = runs.flatMap((run) =>
    run.versions.map((v) => [
      run.runName,
      v.version === run.latest ? `${v.version} *` : v.version,
      v.label,
      v.state,
      v.createdAt.slice(0, 16).replace('T', ' '),
      String(v.stats.items),
      String(v.stats.succeeded),
      String(v.stats.incomplete ?? 0),
      String(v.stats.failed),
      ...(evaluated ? [accuracies.get(v) ?? '–'] : []),
      dollars(v.stats.costUsd),
      shorten(v.notes ?? '', NOTES_SHOWN),
    ]),
  );
  const marksLatest = runs.some((run) => run.versions.some((v) => v.version === run.latest));
  return `${table([header, ...rows])}${marksLatest ? '* latest\n' : ''}`;
}

function nothingListed(
  runs: readonly RunSummary[],
  runsDir: string,
  labels: readonly string[] | undefined,
): string {
  if (runs.length === 0) return `No runs in ${runsDir} yet; docpipe batch --name <run> makes one.\n`;
  const hidden = runs.reduce((sum, run) => sum + run.versions.length, 0);
  return `No versions labelled ${orList(labels ?? [])}; --all lists all ${countOf(hidden, 'version')}.\n`;
}

function allVersionsShown(runNames: readonly string[]): string {
  const one = runNames.length === 1;
  return `${runNames.join(', ')} ${one ? 'has' : 'have'} no version labelled ${orList(LISTED_LABELS)}; listing all ${one ? 'its' : 'their'} versions (drafts included).\n`;
}

function showText(metadata: RunMetadata, latest: string | undefined, accuracy: string | undefined): string {
  const { stats } = metadata;
  const fields: [string, string][] = [
    ['label', metadata.label],
    ['state', metadata.state],
    ['mode', metadata.baseVersion ? `${metadata.mode} of ${metadata.baseVersion}` : metadata.mode],
    ['created', metadata.createdAt],
    ['duration', duration(metadata.durationSeconds * 1000)],
    ...(metadata.notes ? [['notes', metadata.notes] as [string, string]] : []),
    [
      'items',
      `${countOf(stats.items, 'item')}: ${stats.succeeded} succeeded, ${stats.incomplete ?? 0} incomplete, ${stats.failed} failed, ${stats.skipped} skipped`,
    ],
    ['pages', String(stats.pages)],
    [
      'tokens',
      `${countOf(stats.inputTokens, 'input token')}, ${countOf(stats.outputTokens, 'output token')}`,
    ],
    ['cost', dollars(stats.costUsd)],
    ...(accuracy ? [['accuracy', accuracy] as [string, string]] : []),
    ['config', JSON.stringify(metadata.config, null, 2) ?? 'none'],
  ];
  const title = `${metadata.runName} ${metadata.version}${metadata.version === latest ? ' (latest)' : ''}\n`;
  const width = Math.max(...fields.map(([name]) => name.length)) + 2;
  // Multi-line values (the configuration) continue under the value column.
  const lines = fields.map(
    ([name, value]) => `  ${name.padEnd(width)}${value.replaceAll('\n', `\n  ${' '.repeat(width)}`)}`,
  );
  return `${title}${lines.join('\n')}\n`;
}

function statusText(status: RunStatus): string {
  const lines = [
    `${status.runName} ${status.version}: ${status.state}, ${countOf(status.items, 'item')}`,
    `  done ${status.done} · incomplete ${status.incomplete} · failed ${status.failed} · partial ${status.partial} · pending ${status.pending}`,
  ];
  // Most finished first, which for a pipeline is roughly the order its stages run in.
  const stages = Object.entries(status.stages).sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  if (stages.length > 0) {
    lines.push(`  stages (items with the stage's output stored, of ${status.items}):`);
    const width = Math.max(...stages.map(([id]) => id.length)) + 2;
    for (const [id, count] of stages) lines.push(`    ${id.padEnd(width)}${count}`);
  }
  if (status.remaining.length > 0)
    lines.push(`  remaining (${status.remaining.length}): ${idList(status.remaining)}`);
  if (status.failedItems.length > 0) {
    lines.push(`  failed (${status.failedItems.length}): ${idList(status.failedItems)}`);
  }
  if (status.incompleteItems.length > 0) {
    lines.push(`  incomplete (${status.incompleteItems.length}): ${idList(status.incompleteItems)}`);
  }
  if (status.queue) lines.push(queueLine(status.queue));
  return `${lines.join('\n')}\n`;
}

/** Where a queued run's items stand in the queue, or `undefined` for a run that was not queued. */
async function queueStatusOf(
  version: RunVersion,
  url: string | undefined,
): Promise<RunQueueStatus | undefined> {
  // BullMQ is loaded only for a queued run.
  if (!existsSync(join(version.directory, QUEUE_RECORD_FILE))) return undefined;
  const { queueStatus } = await import('../batch/queue/queue-status.js');
  return queueStatus(version, url);
}

function queueLine(queue: RunQueueStatus): string {
  const where = `queue ${queue.queueName} at ${queue.url}`;
  const counts = `queued ${queue.queued} · active ${queue.active} · done ${queue.done} · failed ${queue.failed}`;
  const notQueued = queue.notQueued > 0 ? ` · not queued ${queue.notQueued}` : '';
  if (!queue.reachable)
    return `  ${where}: unreachable (${queue.problem ?? 'no answer'}); collected so far: done ${queue.done} · failed ${queue.failed}${notQueued}`;
  return `  ${where}: ${counts}${notQueued}`;
}

function compareText(comparison: RunComparison, detail: boolean, accuracy: string | undefined): string {
  const { versionA: a, versionB: b, onlyInA, onlyInB, changed } = comparison;
  const lines = [
    `${comparison.runName} ${a} → ${b}: ${changed.length} changed, ${onlyInA.length} only in ${a}, ${onlyInB.length} only in ${b}, ${comparison.unchanged} unchanged`,
  ];
  if (accuracy) lines.push(accuracy);
  if (onlyInA.length > 0) lines.push(`only in ${a}: ${idList(onlyInA)}`);
  if (onlyInB.length > 0) lines.push(`only in ${b}: ${idList(onlyInB)}`);
  // What a rerun ran again, changed or not: "nothing changed" then says the new answers equal the old.
  if (comparison.rerun.length > 0) lines.push(`ran again: ${idList(comparison.rerun)}`);
  if (changed.length > 0) lines.push('changed:');
  for (const { item, fields } of changed) {
    if (!detail) {
      lines.push(`  ${item} (${countOf(fields.length, 'field')})`);
      continue;
    }
    lines.push(`  ${item}`);
    for (const field of fields) lines.push(`    ${fieldChange(field)}`);
  }
  return `${lines.join('\n')}\n`;
}

function fieldChange({ path, a, b }: FieldDifference): string {
  return `${path === '' ? '(the whole data)' : path}: ${valueText(a)} → ${valueText(b)}`;
}

function valueText(value: unknown): string {
  return value === undefined ? '(absent)' : shorten(JSON.stringify(value), VALUE_SHOWN);
}

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, IDS_SHOWN).join(', ');
  return ids.length > IDS_SHOWN ? `${shown}, … and ${ids.length - IDS_SHOWN} more (--json lists all)` : shown;
}

// Columns padded to their widest cell; the last one is not, so lines carry no trailing spaces.
function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function orList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
