/**
 * `docpipe extract <file...> --schema <schema>`: runs a linear pipeline and prints the data.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PipelineResult } from '../pipeline/result.js';
import { Stage } from '../stages/constants.js';
import { cacheFromOptions } from './cache-command.js';
import type { CliIo } from './io.js';
import { parsedJson, parsedText } from './parsed-output.js';
import {
  addPipelineOptions,
  buildPipeline,
  type PipelineCliOptions,
  pipelineFromOptions,
} from './pipeline-options.js';
import { reportPageProgress } from './progress.js';
import { reportWarnings } from './warnings.js';

interface ExtractOptions extends PipelineCliOptions {
  readonly out?: string;
  readonly json?: boolean;
}

/** Adds the `extract` command to `program`. */
export function registerExtractCommand(program: Command, io: CliIo): void {
  const command = program
    .command('extract')
    .description('Extract data matching a schema from documents and print it as JSON.')
    .argument('<file...>', 'documents to extract from (PDF, image or text)')
    .option('-o, --out <file>', 'write the JSON to a file instead of stdout')
    .option('--json', 'print the whole result: data, fields, usage, timings and warnings');
  addPipelineOptions(command).action(async (files: string[], options: ExtractOptions) => {
    const output = await extract(files, options, io);
    const printed = typeof output === 'string' ? output : `${JSON.stringify(output, null, 2)}\n`;
    if (options.out) await writeFile(options.out, printed);
    else io.stdout.write(printed);
  });
}

/** What to print: the data as JSON, or, for a run without an extraction stage, its text (a string). */
async function extract(files: readonly string[], options: ExtractOptions, io: CliIo): Promise<unknown> {
  const { config, schema } = await pipelineFromOptions(options, io);
  const extracting = config.stages.includes(Stage.LLM_EXTRACTION);
  const pipeline = buildPipeline(config, cacheFromOptions(options), schema);
  let current = '';
  const stopProgress = reportPageProgress(pipeline, io, () => current);
  try {
    const results: PipelineResult<unknown>[] = [];
    // One document at a time: `docpipe batch` is the command for concurrency and rate limits.
    for (const file of files) {
      current = file;
      const result = await pipeline.run(file);
      // `--json` output carries them already.
      if (!options.json) reportWarnings(io, file, result.warnings);
      results.push(result);
    }
    // Without an extraction there is no data to print: what the stages made is the answer.
    if (!extracting && !options.json) {
      const terminal = options.out === undefined && io.stdout.isTTY === true;
      return results.map((result, i) => parsedText(result, files[i] ?? '', files, i, { terminal })).join('');
    }
    if (options.json) {
      const whole = results.map(extracting ? withoutStageOutputs : parsedJson);
      return files.length === 1 ? whole[0] : whole;
    }
    return files.length === 1
      ? results[0]?.data
      : results.map((result, i) => ({ file: files[i], data: result.data }));
  } finally {
    stopProgress();
    await pipeline.close();
  }
}

/** The whole result but the stage outputs, which can be large (OCR boxes). */
function withoutStageOutputs(result: PipelineResult<unknown>): Omit<PipelineResult<unknown>, 'stages'> {
  const { stages: _stages, ...rest } = result;
  return rest;
}
