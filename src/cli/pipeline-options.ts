/**
 * The options that describe an extraction pipeline on the command line (`extract`, `batch`), the
 * JSON config they resolve to — stored with a run, without secrets, so `runs rerun` can rebuild
 * the pipeline without the original command — and the pipeline built from it.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CacheConfig, type CacheSetting, toCacheConfig } from '../cache/cache-config.js';
import { DEFAULT_STAGES, linearPipeline } from '../pipeline/linear-pipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { type JSONSchema, resolveSchema, type SchemaInput } from '../schema/index.js';
import type { DocumentLimits } from '../spec/document.js';
import { ConfigError, messageOf } from '../spec/errors.js';
import type { OutputMode } from '../spec/extraction-model.js';
import {
  type ExtractorProvider,
  type OCRProviderType,
  type ParsingMethod,
  Stage,
} from '../stages/constants.js';
import { type CacheCliOptions, cacheDirOption, noCacheOption } from './cache-command.js';
import type { CliIo } from './io.js';
import { loadSchemaFile } from './load-schema.js';
import {
  type LimitCliOptions,
  limitOptions,
  limitsOf,
  parseExtractorProvider,
  parseOcrProvider,
  parseOutputMode,
  parsePageRanges,
  parseParsingMethod,
  parseStages,
  wholeNumber,
} from './option-values.js';

/** The pipeline options as commander parses them. */
export interface PipelineCliOptions extends CacheCliOptions, LimitCliOptions {
  readonly schema: string;
  readonly prompt?: string;
  readonly ocr?: OCRProviderType;
  readonly parser?: ParsingMethod;
  readonly llm?: ExtractorProvider;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly maxTokens?: number;
  readonly contextTokens?: number;
  readonly repairAttempts?: number;
  readonly outputMode?: OutputMode;
  readonly locale?: string;
  readonly pages?: number[];
  readonly stages?: Stage[];
}

/** A CLI pipeline as JSON: what a run stores in its metadata, and all `runs rerun` needs. */
export interface CliPipelineConfig {
  readonly jsonSchema: JSONSchema;
  readonly systemPrompt?: string;
  readonly stages: readonly Stage[];
  readonly ocr?: { readonly provider: OCRProviderType; readonly pages?: readonly number[] };
  readonly parser?: { readonly method: ParsingMethod };
  readonly llm?: {
    readonly provider?: ExtractorProvider;
    readonly model?: string;
    readonly baseURL?: string;
    readonly maxTokens?: number;
    readonly contextTokens?: number;
    readonly repairAttempts?: number;
    readonly outputMode?: OutputMode;
    readonly locale?: string;
  };
  readonly limits?: Partial<DocumentLimits>;
  /** Whether batch items keep their providers' raw responses (`batch --keep-raw`). */
  readonly keepRaw?: boolean;
}

/** Adds the pipeline options (schema, prompt, providers, stages, cache) to a command. */
export function addPipelineOptions(command: Command): Command {
  for (const option of limitOptions()) command.addOption(option);
  return command
    .requiredOption('-s, --schema <schema>', 'the schema: schema.json, or module.mjs#Export for a zod schema')
    .option('-p, --prompt <text>', 'instructions for the extraction, or @file to read them from a file')
    .option(
      '--ocr <provider>',
      'OCR provider: auto, pdf-text, paddle, tesseract, textract, azure',
      parseOcrProvider,
    )
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
    .option('--max-tokens <n>', 'the most tokens of one model answer (default 4096)', wholeNumber())
    .option(
      '--context-tokens <n>',
      "the model's context window; documents longer than it are extracted in chunks (default: the model's own)",
      wholeNumber(),
    )
    .option(
      '--repair-attempts <n>',
      'turns the model gets to mend an answer that does not fit the schema (default 2)',
      wholeNumber(0),
    )
    .option(
      '--output-mode <mode>',
      'how the model answers in JSON: auto, json-schema, tool, json-object',
      parseOutputMode,
    )
    .option(
      '--locale <tag>',
      "the documents' locale, e.g. en-GB, for what they leave open (08/04/2018: 8 April or 4 August)",
    )
    .option('--pages <ranges>', 'pages to read, e.g. 1-3,5 (default: all)', parsePageRanges)
    .option('--stages <list>', 'comma-separated stages, e.g. ocr,parser,llm or llm', parseStages)
    .addOption(cacheDirOption())
    .addOption(noCacheOption());
}

/** A pipeline config read from the options, and the schema as loaded (a zod schema keeps its transforms). */
export interface CliPipeline {
  readonly config: CliPipelineConfig;
  readonly schema: SchemaInput;
}

/**
 * The extraction provider the CLI uses without `--llm`: the first with credentials in the
 * environment — Anthropic (`ANTHROPIC_API_KEY`), then Bedrock (`AWS_BEARER_TOKEN_BEDROCK`, or AWS
 * keys or a profile with a region), then an OpenAI-compatible endpoint (`OPENAI_BASE_URL`, or
 * `OPENAI_API_KEY`) — else the offline `heuristic` extractor.
 */
export function defaultExtractor(env: NodeJS.ProcessEnv = process.env): {
  provider: ExtractorProvider;
  because: string;
} {
  if (env.ANTHROPIC_API_KEY) return { provider: 'anthropic', because: 'ANTHROPIC_API_KEY is set' };
  const awsKeys =
    Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) && Boolean(env.AWS_REGION || env.AWS_DEFAULT_REGION);
  if (env.AWS_BEARER_TOKEN_BEDROCK || awsKeys)
    return { provider: 'bedrock', because: 'AWS credentials and a region are set' };
  if (env.OPENAI_BASE_URL) return { provider: 'openai-compatible', because: 'OPENAI_BASE_URL is set' };
  if (env.OPENAI_API_KEY) return { provider: 'openai-compatible', because: 'OPENAI_API_KEY is set' };
  return { provider: 'heuristic', because: 'no model credentials are set' };
}

/** The pipeline the options describe; the config holds the schema as JSON Schema. */
export async function pipelineFromOptions(options: PipelineCliOptions, io?: CliIo): Promise<CliPipeline> {
  const stages = options.stages ?? [...DEFAULT_STAGES];
  const has = (stage: Stage) => stages.includes(stage);
  const schema = await loadSchemaFile(options.schema);
  const { jsonSchema } = resolveSchema(schema);
  const systemPrompt = await readPrompt(options.prompt);
  const limits = limitsOf(options);
  const llmProvider = has(Stage.LLM_EXTRACTION) ? (options.llm ?? chosenExtractor(io)) : undefined;
  const llm = {
    ...(llmProvider ? { provider: llmProvider } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    ...(options.contextTokens === undefined ? {} : { contextTokens: options.contextTokens }),
    ...(options.repairAttempts === undefined ? {} : { repairAttempts: options.repairAttempts }),
    ...(options.outputMode === undefined ? {} : { outputMode: options.outputMode }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  const config: CliPipelineConfig = {
    jsonSchema,
    stages,
    ...(systemPrompt === undefined ? {} : { systemPrompt }),
    ...(has(Stage.OCR)
      ? { ocr: { provider: options.ocr ?? 'auto', ...(options.pages ? { pages: options.pages } : {}) } }
      : {}),
    ...(has(Stage.PARSER) && options.parser ? { parser: { method: options.parser } } : {}),
    ...(has(Stage.LLM_EXTRACTION) ? { llm } : {}),
    ...(limits === undefined ? {} : { limits }),
  };
  return { config, schema };
}

/** How {@link buildPipeline} builds: the schema as loaded, and which stages ask their provider again. */
export interface BuildOptions {
  /** In place of the config's JSON Schema (a zod schema keeps its transforms). */
  readonly schema?: SchemaInput;
  /**
   * Stages whose cached results are not read but computed again and stored over them: `extraction` asks the
   * model again (the OCR and parser results still come from the cache), `all` redoes every stage.
   * @default nothing: every cached result is reused
   */
  readonly refresh?: 'extraction' | 'all';
}

/** The pipeline a config describes. */
export function buildPipeline(
  config: CliPipelineConfig,
  cache: CacheSetting,
  { schema = config.jsonSchema, refresh }: BuildOptions = {},
): Pipeline<unknown> {
  const llm =
    refresh === 'extraction' && config.llm ? { ...config.llm, cache: refreshing(cache) } : config.llm;
  return linearPipeline({
    ...config,
    jsonSchema: schema,
    stages: [...config.stages],
    cache: refresh === 'all' ? refreshing(cache) : cache,
    ...(llm ? { llm } : {}),
    // The CLI prints what was found and says what is missing, rather than discarding it.
    acceptIncomplete: true,
  }) as Pipeline<unknown>;
}

/** The same cache, read by nothing: each result is computed again and written over the stored one. */
function refreshing(setting: CacheSetting): CacheSetting {
  const { enabled, store, ttlMs, namespace } = toCacheConfig(setting);
  if (!enabled) return setting;
  return new CacheConfig({
    ...(store ? { store } : {}),
    ...(ttlMs === undefined ? {} : { ttlMs }),
    namespace,
    refresh: true,
  });
}

/** What `runs rerun` may change of a stored pipeline, as its command line gives it. */
export interface PipelineOverrides {
  readonly schema?: string;
  readonly prompt?: string;
  readonly llm?: ExtractorProvider;
  readonly model?: string;
}

/**
 * A stored pipeline with `overrides` applied: the config to store with the new version, and the schema as
 * loaded. A new `--llm` drops the stored model, which was another provider's.
 */
export async function overriddenPipeline(
  stored: CliPipelineConfig,
  overrides: PipelineOverrides,
): Promise<CliPipeline> {
  const schema = overrides.schema === undefined ? stored.jsonSchema : await loadSchemaFile(overrides.schema);
  const systemPrompt = await readPrompt(overrides.prompt);
  const { model: storedModel, ...storedLlm } = stored.llm ?? {};
  const model = overrides.model ?? (overrides.llm === undefined ? storedModel : undefined);
  const llm = stored.llm && {
    ...storedLlm,
    ...(overrides.llm ? { provider: overrides.llm } : {}),
    ...(model === undefined ? {} : { model }),
  };
  const config: CliPipelineConfig = {
    ...stored,
    jsonSchema: resolveSchema(schema).jsonSchema,
    ...(systemPrompt === undefined ? {} : { systemPrompt }),
    ...(llm ? { llm } : {}),
  };
  return { config, schema };
}

/** The default extractor, said in one line on stderr so the choice is never a surprise. */
function chosenExtractor(io: CliIo | undefined): ExtractorProvider {
  const { provider, because } = defaultExtractor();
  io?.stderr.write(`docpipe: extracting with ${provider} (${because}; choose with --llm).\n`);
  return provider;
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
