/**
 * `docpipe runs rerun <name> [item...] [--incomplete]`: the chosen items (or every item whose result is
 * incomplete) again, as a new version of the run built from the configuration its latest version stored,
 * changed by `--schema`, `--prompt`, `--llm` or `--model` when given; the extraction is asked again (`--fresh`:
 * every stage), and the new version's collation keeps the rest.
 *
 * @module
 */
import type { Command } from 'commander';
import type { BatchItem } from '../batch/batch-inputs.js';
import { collationOrder, readCollatedResults } from '../runs/collate.js';
import { RunStore } from '../runs/run-store.js';
import type { RunVersion } from '../runs/run-version.js';
import { ConfigError, InputError } from '../spec/errors.js';
import { addRunOptions, type RunCliOptions, runAndReport } from './batch-command.js';
import { type CacheCliOptions, cacheDirOption, cacheFromOptions, noCacheOption } from './cache-command.js';
import type { CliIo } from './io.js';
import { parseExtractorProvider } from './option-values.js';
import {
  buildPipeline,
  type CliPipelineConfig,
  overriddenPipeline,
  type PipelineOverrides,
} from './pipeline-options.js';

/** Adds `rerun` to the `runs` command. */
export function registerRerunCommand(runs: Command, io: CliIo): void {
  const command = runs
    .command('rerun')
    .description("Run some items of a run again, as a new version built from the run's stored configuration.")
    .argument('<name>', 'the run')
    .argument('[items...]', 'the item ids to run again')
    .option('--incomplete', 'run again every item whose result lacks required values')
    .option('-s, --schema <schema>', 'a new schema: schema.json, or module.mjs#Export for a zod schema')
    .option('-p, --prompt <text>', 'new instructions for the extraction, or @file to read them from a file')
    .option(
      '--llm <provider>',
      'a new extraction provider: anthropic, bedrock, openai, heuristic',
      parseExtractorProvider,
    )
    .option('--model <id>', 'a new model id of the extraction provider')
    .option('--fresh', 'run every stage again, OCR included (by default only the extraction is asked again)')
    .addOption(cacheDirOption())
    .addOption(noCacheOption());
  addRunOptions(command).action(async (name: string, ids: string[], options: RerunCliOptions) => {
    const base = await new RunStore(options.runsDir).openVersion(name, 'latest');
    const stored = pipelineConfigOf((await base.metadata()).config, name);
    const { config, schema } = await overriddenPipeline(stored, options);
    const chosen = [...new Set([...ids, ...(options.incomplete ? await incompleteItems(base) : [])])];
    if (chosen.length === 0) {
      // A usage error (exit 2), as a missing argument is.
      if (!options.incomplete) command.error('error: name the items to run again, or pass --incomplete.');
      io.stderr.write(`docpipe: run ${name} has no incomplete items; nothing to run again.\n`);
      return;
    }
    const items = await Promise.all(chosen.map((id) => storedItem(base, id)));
    // The extraction is asked again: served from the cache it would answer what it did, to no purpose.
    const refresh = options.fresh ? 'all' : 'extraction';
    const pipeline = buildPipeline(config, cacheFromOptions(options), { schema, refresh });
    await runAndReport(pipeline, items, io, options, {
      name,
      rerunOf: base.version,
      config,
    });
  });
}

interface RerunCliOptions extends RunCliOptions, CacheCliOptions, PipelineOverrides {
  readonly incomplete?: boolean;
  readonly fresh?: boolean;
}

/** The items whose result, as the version collates it (its base's included), lacks required values. */
async function incompleteItems(version: RunVersion): Promise<string[]> {
  return (await readCollatedResults(version)).filter((entry) => entry.incomplete).map((entry) => entry.id);
}

function pipelineConfigOf(config: unknown, name: string): CliPipelineConfig {
  const candidate = config as Partial<CliPipelineConfig> | null;
  if (typeof candidate?.jsonSchema !== 'object' || !Array.isArray(candidate.stages)) {
    throw new ConfigError(
      `Run ${name} was not made by docpipe batch, so its pipeline cannot be rebuilt here; rerun its items from your script with rerunItems().`,
      { option: 'name' },
    );
  }
  return candidate as CliPipelineConfig;
}

/** An item's input as a version (or the version it builds on) stored it. */
async function storedItem(version: RunVersion, id: string): Promise<BatchItem> {
  for (let current: RunVersion | undefined = version; current; current = await current.openBase()) {
    const input = await current.readInput(id);
    if (input)
      return { id, source: input.source, ...(input.variables ? { variables: input.variables } : {}) };
  }
  throw new InputError(`Run ${version.runName} has no item '${id}'; ${await itemsOf(version)}.`);
}

// Enough ids for a typo to show, without flooding the terminal for a run of thousands.
const IDS_NAMED = 10;

/** The run's item ids, as the error of an unknown id names them. */
async function itemsOf(version: RunVersion): Promise<string> {
  const ids = await collationOrder(version);
  const named = ids.slice(0, IDS_NAMED).join(', ');
  if (ids.length <= IDS_NAMED) return `its items are ${named}`;
  return `its items include ${named} and ${ids.length - IDS_NAMED} more`;
}
