/**
 * `docpipe eval <name> [version] --truth <dir|file>`: a run version scored against ground truth, printed as
 * a table (or JSON), written as markdown, stored with the version, and gated against a baseline version.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_TRUTH_ID_FIELD, evaluateRun } from '../eval/evaluate-run.js';
import { parseFieldRule } from '../eval/field-rules.js';
import { reportMarkdown } from '../eval/report-markdown.js';
import { percent } from '../eval/report-sections.js';
import { reportText } from '../eval/report-text.js';
import { EVAL_FILE } from '../eval/stored-evaluation.js';
import type { EvalOptions, EvalReport, FieldRule } from '../eval/types.js';
import { RunStore } from '../runs/run-store.js';
import { ConfigError, DocpipeError, InputError } from '../spec/errors.js';
import { inCliWords } from './cli-words.js';
import type { CliIo } from './io.js';
import { loadSchemaFile } from './load-schema.js';
import { addRunsDirOption } from './runs-command.js';

interface EvalCliOptions {
  readonly runsDir: string;
  readonly truth: string;
  readonly schema?: string;
  readonly idField: string;
  readonly baseline?: string;
  readonly maxDrop?: number;
  readonly fieldRule?: Readonly<Record<string, FieldRule>>;
  readonly numberTolerance?: number;
  readonly relativeTolerance?: number;
  readonly stringSimilarity?: number;
  readonly dayFirst?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly store: boolean;
}

/** The regression gate failed: accuracy fell by more than `--max-drop` points (exit 1). */
export class AccuracyDropError extends DocpipeError {
  constructor(message: string) {
    super('validation', message);
  }
}

/** Adds the `eval` command to `program`. */
export function registerEvalCommand(program: Command, io: CliIo): void {
  const command = addRunsDirOption(program.command('eval'))
    .description(
      'Score a run version against ground truth: accuracy, precision and recall per field and per document, and the change against a baseline version.',
    )
    .argument('<name>', 'the run')
    .argument('[version]', 'v0, v1, … or latest', 'latest')
    .requiredOption(
      '-t, --truth <dir|file>',
      'the true data: a folder of <item-id>.json files, or a JSON file holding an array of items with their id',
    )
    .option(
      '-s, --schema <schema>',
      "type the fields by this schema instead of the run's own (schema.json or module.mjs#Export)",
    )
    .option('--id-field <field>', 'the id field of the items of a truth array file', DEFAULT_TRUTH_ID_FIELD)
    .option('--baseline <version>', 'score this version too, against the same truth, and show the change')
    .option(
      '--max-drop <points>',
      'with --baseline: fail (exit 1) when accuracy fell by more than this many percentage points',
      nonNegative('--max-drop'),
    )
    .option(
      '--field-rule <field=rule>',
      'compare a field by its own rule: number[:abs|pct%], string[:similarity], date, exact or ignore, e.g. total=number:0.01 or line_items[].description=string:0.9; repeatable',
      collectFieldRule,
    )
    .option(
      '--number-tolerance <n>',
      'numbers this far apart are equal (default 0)',
      nonNegative('--number-tolerance'),
    )
    .option(
      '--relative-tolerance <percent>',
      'numbers this many percent of the true value apart are equal, e.g. 0.5 (default 0)',
      nonNegative('--relative-tolerance'),
    )
    .option(
      '--string-similarity <ratio>',
      'strings at least this alike (0..1, edit distance) are equal (default 1: equal once case, spaces and punctuation are set aside)',
      ratioOption,
    )
    .option('--day-first', 'read ambiguous dates such as 03/04/2024 day first (3 April)')
    .option('--json', 'print the report as JSON (the shape of the stored eval.json)')
    .option('--out <file.md>', 'write the report as markdown to this file')
    .option('--no-store', `do not store the report as the version's ${EVAL_FILE}`);
  command.action(async (name: string, version: string, options: EvalCliOptions) => {
    if (options.maxDrop !== undefined && options.baseline === undefined) {
      command.error(
        'error: --max-drop needs --baseline <version>, the version whose accuracy it compares with.',
      );
    }
    const store = new RunStore(options.runsDir);
    const report = await usageErrorsOf(command, async () =>
      evaluateRun(store, name, version, options.truth, await libraryOptions(options)),
    );
    for (const { source, message } of report.problems)
      io.stderr.write(`docpipe: warning: ${source}: ${message}.\n`);
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
    if (options.out !== undefined) {
      await writeFile(options.out, reportMarkdown(report));
      io.stderr.write(`docpipe: report written to ${options.out}\n`);
    }
    if (options.store) {
      const stored = (await store.openVersion(name, report.version)).directory;
      const alsoBaseline = report.baseline ? ` (and ${report.baseline.version}'s)` : '';
      io.stderr.write(
        `docpipe: stored as ${join(stored, EVAL_FILE)}${alsoBaseline}; docpipe runs list shows the accuracy.\n`,
      );
    }
    checkGate(report);
  });
}

async function libraryOptions(options: EvalCliOptions): Promise<EvalOptions> {
  const jsonSchema = options.schema === undefined ? undefined : await loadSchemaFile(options.schema);
  return {
    ...(jsonSchema ? { jsonSchema } : {}),
    numberTolerance: {
      ...(options.numberTolerance === undefined ? {} : { absolute: options.numberTolerance }),
      ...(options.relativeTolerance === undefined ? {} : { relative: options.relativeTolerance / 100 }),
    },
    ...(options.stringSimilarity === undefined ? {} : { stringSimilarity: options.stringSimilarity }),
    ...(options.dayFirst ? { dayFirst: true } : {}),
    ...(options.fieldRule ? { fieldRules: options.fieldRule } : {}),
    idField: options.idField,
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.maxDrop === undefined ? {} : { maxDrop: options.maxDrop }),
    store: options.store,
  };
}

// What stops an evaluation before it scores anything (no such run or version, no truth, a bad schema or
// field rule) is how the command was called: a usage error (exit 2), so exit 1 means the gate alone.
async function usageErrorsOf<T>(command: Command, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (InputError.isInstance(error) || ConfigError.isInstance(error)) {
      command.error(`error: ${inCliWords(error.message)}`);
    }
    throw error;
  }
}

function checkGate(report: EvalReport): void {
  const { baseline } = report;
  if (!baseline?.gate || baseline.gate.passed) return;
  const accuracies = `${percent(baseline.overall.accuracy)} → ${percent(report.overall.accuracy)}`;
  throw new AccuracyDropError(
    baseline.changePoints === null
      ? `The accuracy of ${report.version} cannot be compared with ${baseline.version} (${accuracies}): nothing was scored; check that the truth names the run's items.`
      : `Accuracy fell by ${(-baseline.changePoints).toFixed(1)} points against ${baseline.version} (${accuracies}), more than --max-drop ${baseline.gate.maxDrop} allows; see the worst fields above, or raise --max-drop if the drop is expected.`,
  );
}

function collectFieldRule(
  value: string,
  rules: Readonly<Record<string, FieldRule>> = {},
): Record<string, FieldRule> {
  const separator = value.indexOf('=');
  if (separator <= 0)
    throw new InvalidArgumentError('Write a field rule as field=rule, e.g. total=number:0.01.');
  try {
    return { ...rules, [value.slice(0, separator).trim()]: parseFieldRule(value.slice(separator + 1)) };
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function nonNegative(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !(number >= 0) || !Number.isFinite(number)) {
      throw new InvalidArgumentError(`${flag} takes a number of 0 or more, e.g. 1.`);
    }
    return number;
  };
}

function ratioOption(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !(number >= 0 && number <= 1)) {
    throw new InvalidArgumentError('Give a ratio from 0 to 1, e.g. 0.9.');
  }
  return number;
}
