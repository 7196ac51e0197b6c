/**
 * `docpipe extract <file...> --schema <schema>`: runs a linear pipeline and prints the data.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PipelineResult } from '../pipeline/result.js';
import { renderReport } from '../report/index.js';
import { Stage } from '../stages/constants.js';
import { cacheFromOptions } from './cache-command.js';
import { IncompleteResultsError, reportIncomplete } from './incomplete.js';
import type { CliIo } from './io.js';
import { parsedJson, parsedText } from './parsed-output.js';
import {
  addPipelineOptions,
  buildPipeline,
  type PipelineCliOptions,
  pipelineFromOptions,
} from './pipeline-options.js';
import { reportPageProgress } from './progress.js';
import { writeReportFile } from './report-command.js';
import { reportWarnings } from './warnings.js';

interface ExtractOptions extends PipelineCliOptions {
  readonly out?: string;
  readonly json?: boolean;
  readonly report?: string;
}

/** Adds the `extract` command to `program`. */
export function registerExtractCommand(program: Command, io: CliIo): void {
  const command = program
    .command('extract')
    .description('Extract data matching a schema from documents and print it as JSON.')
    .argument('<file...>', 'documents to extract from (PDF, image or text)')
    .option('-o, --out <file>', 'write the JSON to a file instead of stdout')
    .option('--json', 'print the whole result: data, fields, usage, timings and warnings')
    .option('--report <file.html>', 'also write an HTML report: each page with the extracted fields boxed');
  addPipelineOptions(command).action(async (files: string[], options: ExtractOptions) => {
    const output = await extract(files, options, io);
    const printed =
      typeof output.printed === 'string' ? output.printed : `${JSON.stringify(output.printed, null, 2)}\n`;
    if (options.out) await writeFile(options.out, printed);
    else io.stdout.write(printed);
    if (options.report) {
      const entries = output.results.map((result, i) => ({ source: files[i] ?? '', result }));
      await writeReportFile(options.report, await renderReport(entries), io);
    }
    if (output.incomplete > 0) {
      throw new IncompleteResultsError(
        `${output.incomplete} of ${files.length} document${files.length === 1 ? ' is' : 's are'} incomplete: the data printed has null where a required value was not found (listed above).`,
      );
    }
  });
}

/**
 * What to print: the data as JSON, or, for a run without an extraction stage, its text (a string); and how many
 * documents' data is incomplete.
 */
async function extract(
  files: readonly string[],
  options: ExtractOptions,
  io: CliIo,
): Promise<{ printed: unknown; incomplete: number; results: readonly PipelineResult<unknown>[] }> {
  const { config, schema } = await pipelineFromOptions(options, io);
  const extracting = config.stages.includes(Stage.LLM_EXTRACTION);
  const pipeline = buildPipeline(config, cacheFromOptions(options), { schema });
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
      if (result.incomplete) reportIncomplete(io, file, result.incomplete);
      results.push(result);
    }
    const incomplete = results.filter((result) => result.incomplete).length;
    // Without an extraction there is no data to print: what the stages made is the answer.
    if (!extracting && !options.json) {
      const terminal = options.out === undefined && io.stdout.isTTY === true;
      const text = results.map((result, i) => parsedText(result, files[i] ?? '', files, i, { terminal }));
      return { printed: text.join(''), incomplete, results };
    }
    if (options.json) {
      const whole = results.map(extracting ? withoutStageOutputs : parsedJson);
      return { printed: files.length === 1 ? whole[0] : whole, incomplete, results };
    }
    const data =
      files.length === 1
        ? results[0]?.data
        : results.map((result, i) => ({ file: files[i], data: result.data }));
    return { printed: data, incomplete, results };
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
