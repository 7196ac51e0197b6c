/**
 * `docpipe extract <file...> --schema <schema>`: runs a linear pipeline and prints the data.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError, messageOf } from '../errors.js';
import { DEFAULT_STAGES, linearPipeline } from '../pipeline/linear-pipeline.js';
import type { PipelineResult } from '../pipeline/result.js';
import {
  type ExtractorProvider,
  type OCRProviderType,
  type ParsingMethod,
  Stage,
} from '../stages/constants.js';
import type { CliIo } from './io.js';
import { loadSchemaFile } from './load-schema.js';
import {
  parseExtractorProvider,
  parseOcrProvider,
  parseParsingMethod,
  parseStages,
} from './option-values.js';
import { reportPageProgress } from './progress.js';

interface ExtractOptions {
  readonly schema: string;
  readonly prompt?: string;
  readonly ocr?: OCRProviderType;
  readonly parser?: ParsingMethod;
  readonly llm?: ExtractorProvider;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly stages?: Stage[];
  readonly out?: string;
  readonly json?: boolean;
}

/** Adds the `extract` command to `program`. */
export function registerExtractCommand(program: Command, io: CliIo): void {
  program
    .command('extract')
    .description('Extract data matching a schema from documents and print it as JSON.')
    .argument('<file...>', 'documents to extract from (PDF, image or text)')
    .requiredOption('-s, --schema <schema>', 'the schema: schema.json, or module.mjs#Export for a zod schema')
    .option('-p, --prompt <text>', 'instructions for the extraction, or @file to read them from a file')
    .option('--ocr <provider>', 'OCR provider: auto, pdf-text, tesseract, textract, azure', parseOcrProvider)
    .option('--parser <method>', 'how OCR output becomes text: layout, plain, markdown', parseParsingMethod)
    .option(
      '--llm <provider>',
      'extraction provider: anthropic, bedrock, openai, heuristic',
      parseExtractorProvider,
    )
    .option('--model <id>', 'the model id of the extraction provider')
    .option(
      '--base-url <url>',
      "the extraction provider's API base URL, e.g. a LiteLLM proxy or http://127.0.0.1:11434/v1 for Ollama",
    )
    .option('--stages <list>', 'comma-separated stages, e.g. ocr,parser,llm or llm', parseStages)
    .option('-o, --out <file>', 'write the JSON to a file instead of stdout')
    .option('--json', 'print the whole result: data, fields, usage, timings and warnings')
    .action(async (files: string[], options: ExtractOptions) => {
      const output = await extract(files, options, io);
      const json = `${JSON.stringify(output, null, 2)}\n`;
      if (options.out) await writeFile(options.out, json);
      else io.stdout.write(json);
    });
}

async function extract(files: readonly string[], options: ExtractOptions, io: CliIo): Promise<unknown> {
  const stages = options.stages ?? [...DEFAULT_STAGES];
  const has = (stage: Stage) => stages.includes(stage);
  const systemPrompt = await readPrompt(options.prompt);
  const pipeline = linearPipeline({
    jsonSchema: await loadSchemaFile(options.schema),
    stages,
    ...(systemPrompt === undefined ? {} : { systemPrompt }),
    ...(has(Stage.OCR) ? { ocr: { provider: options.ocr ?? 'auto' } } : {}),
    ...(has(Stage.PARSER) && options.parser ? { parser: { method: options.parser } } : {}),
    ...(has(Stage.LLM_EXTRACTION)
      ? {
          llm: {
            ...(options.llm ? { provider: options.llm } : {}),
            ...(options.model ? { model: options.model } : {}),
            ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
          },
        }
      : {}),
  });
  let current = '';
  const stopProgress = reportPageProgress(pipeline, io, () => current);
  try {
    const results: PipelineResult<unknown>[] = [];
    // One document at a time: `docpipe batch` is the command for concurrency and rate limits.
    for (const file of files) {
      current = file;
      results.push(await pipeline.run(file));
    }
    if (options.json) {
      const whole = results.map(withoutStageOutputs);
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

async function readPrompt(prompt: string | undefined): Promise<string | undefined> {
  if (!prompt?.startsWith('@')) return prompt;
  const path = prompt.slice(1);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read the prompt file ${path} (${messageOf(error)}); check the --prompt @file path.`,
      {
        option: '--prompt',
        cause: error,
      },
    );
  }
}
