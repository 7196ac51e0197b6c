/**
 * `linearPipeline`: the common case, stages wired one after another.
 *
 * @module
 */

import type { InferSchema, SchemaInput } from '../schema/index.js';
import type { Warning } from '../spec/document.js';
import { ConfigError } from '../spec/errors.js';
import { Stage } from '../stages/constants.js';
import type { LLMExtractionConfig, LLMExtractionConfigOptions } from '../stages/llm-extraction-config.js';
import { LLMExtractionStage } from '../stages/llm-extraction-stage.js';
import type { OCRConfig, OCRConfigOptions } from '../stages/ocr-config.js';
import { OCRStage } from '../stages/ocr-stage.js';
import type { ParserConfig, ParserConfigOptions } from '../stages/parser-config.js';
import { ParserStage } from '../stages/parser-stage.js';
import { type AnyStage, PipelineStage } from '../stages/stage.js';
import { buildStageGraph } from './graph.js';
import { Pipeline, type PipelineOptions } from './pipeline.js';
import type { ExtractedData } from './result.js';

/** An entry of `linearPipeline({ stages })`: a built-in stage by name, or a stage object. */
export type LinearStageEntry = Stage | AnyStage;

/** The stages of a linear pipeline when none are given. */
export const DEFAULT_STAGES = [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION] as const;

/** Options of {@link linearPipeline}. */
export interface LinearPipelineOptions<
  S extends SchemaInput | undefined,
  L extends readonly LinearStageEntry[],
  A extends boolean = false,
> extends PipelineOptions<S> {
  /** @inheritDoc PipelineOptions.acceptIncomplete */
  readonly acceptIncomplete?: A;
  /** The stages, in order; each runs after the one before it unless it has its own `.after()` edges. @default [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION] */
  readonly stages?: L;
  /** Config of the `Stage.OCR` stage. @default new OCRConfig() */
  readonly ocr?: OCRConfig | OCRConfigOptions;
  /** Config of the `Stage.PARSER` stage. @default new ParserConfig() */
  readonly parser?: ParserConfig | ParserConfigOptions;
  /** Config of the `Stage.LLM_EXTRACTION` stage. @default new LLMExtractionConfig() */
  readonly llm?: LLMExtractionConfig | LLMExtractionConfigOptions;
}

/**
 * `result.data`'s type: the schema's type when the stages include an extraction (partial with
 * `acceptIncomplete: true`), else `undefined`.
 */
export type LinearPipelineData<S, L extends readonly LinearStageEntry[], A extends boolean = false> = [
  Extract<L[number], typeof Stage.LLM_EXTRACTION | LLMExtractionStage<string>>,
] extends [never]
  ? undefined
  : ExtractedData<InferSchema<S>, A>;

/**
 * Makes a pipeline whose stages run one after another: by default OCR, then the parser, then
 * LLM extraction. Any valid subset works: `[Stage.LLM_EXTRACTION]` for text input or a model
 * that reads PDFs, `[Stage.OCR, Stage.PARSER]` to parse only.
 *
 * @example
 * ```ts
 * const pipeline = linearPipeline({
 *   jsonSchema: Invoice,
 *   systemPrompt: 'Extract the invoice.',
 *   ocr: new OCRConfig({ provider: OCRProviderType.AWS_TEXTRACT, features: ['TABLES'] }),
 *   llm: new LLMExtractionConfig({ provider: ExtractorProvider.ANTHROPIC }),
 * });
 * const { data } = await pipeline.run('invoice.pdf');
 * ```
 * @throws {ConfigError} when the stages are not a valid sequence or an option is invalid
 */
export function linearPipeline<
  const S extends SchemaInput | undefined = undefined,
  const L extends readonly LinearStageEntry[] = typeof DEFAULT_STAGES,
  const A extends boolean = false,
>(options: LinearPipelineOptions<S, L, A>): Pipeline<LinearPipelineData<S, L, A>> {
  const entries: readonly LinearStageEntry[] = options.stages ?? DEFAULT_STAGES;
  checkSequence(entries);
  let previous: AnyStage | undefined;
  const stages = entries.map((entry) => {
    const stage = typeof entry === 'string' ? builtInStage(entry, options) : entry;
    // A stage with its own edges keeps them; the others follow the entry before them.
    const wired =
      previous && stage.dependencies.length === 0 ? (stage as ChainableStage).after(previous) : stage;
    previous = wired;
    return wired;
  });
  return new Pipeline(buildStageGraph(stages), options, unusedConfigWarnings(entries, options));
}

interface ChainableStage extends AnyStage {
  after(...stages: AnyStage[]): AnyStage;
}

function builtInStage(
  name: Stage,
  options: LinearPipelineOptions<SchemaInput | undefined, readonly LinearStageEntry[], boolean>,
): AnyStage {
  switch (name) {
    case Stage.OCR:
      return new OCRStage(options.ocr);
    case Stage.PARSER:
      return new ParserStage(options.parser);
    case Stage.LLM_EXTRACTION:
      return new LLMExtractionStage(options.llm);
  }
}

const STAGE_NAMES: readonly string[] = Object.values(Stage);
const CONFIG_OF_STAGE = {
  [Stage.OCR]: 'ocr',
  [Stage.PARSER]: 'parser',
  [Stage.LLM_EXTRACTION]: 'llm',
} as const;

/** Rejects sequences that cannot work, saying which one to write instead. */
function checkSequence(entries: readonly unknown[]): void {
  const fail = (message: string): never => {
    throw new ConfigError(message, { option: 'stages' });
  };
  if (!Array.isArray(entries) || entries.length === 0) {
    fail('stages must list at least one stage, e.g. [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION].');
  }
  const names = entries.filter((entry): entry is Stage => typeof entry === 'string');
  for (const entry of entries) {
    if (typeof entry === 'string' && !STAGE_NAMES.includes(entry)) {
      fail(
        `stages has an unknown stage '${entry}'; use Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION or a stage object.`,
      );
    }
    if (typeof entry !== 'string' && !(entry instanceof PipelineStage)) {
      fail(`stages entries must be Stage names or stage objects, got ${typeof entry}.`);
    }
  }
  if (new Set(names).size !== names.length) fail('stages lists a stage twice; list each stage once.');
  const position = (name: Stage) => entries.indexOf(name);
  if (names.includes(Stage.PARSER)) {
    const before = entries[position(Stage.PARSER) - 1];
    const givesOcr =
      before === Stage.OCR ||
      (before instanceof PipelineStage && (before.kind === 'ocr' || before.kind === 'custom'));
    if (!givesOcr) {
      fail(
        'Stage.PARSER reads OCR output, so Stage.OCR must come right before it: use [Stage.OCR, Stage.PARSER] or [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION].',
      );
    }
  }
  if (
    names.includes(Stage.LLM_EXTRACTION) &&
    position(Stage.LLM_EXTRACTION) < Math.max(position(Stage.OCR), position(Stage.PARSER))
  ) {
    fail('Stage.LLM_EXTRACTION reads text, so it must come after Stage.OCR and Stage.PARSER.');
  }
}

/**
 * A `config-unused` warning for each stage option whose stage is not in `stages`: users keep one base config and
 * vary the stages (parse only, extract from text), so an option for a stage left out is no error, but it
 * should not go unnoticed either.
 */
function unusedConfigWarnings(
  entries: readonly LinearStageEntry[],
  options: LinearPipelineOptions<SchemaInput | undefined, readonly LinearStageEntry[], boolean>,
): Warning[] {
  return Object.entries(CONFIG_OF_STAGE).flatMap(([name, option]) =>
    options[option] === undefined || entries.includes(name as Stage)
      ? []
      : [
          {
            code: 'config-unused',
            message: `The '${option}' option configures ${stageConstant(name)}, which is not in stages, so it is not used; add the stage to stages if you meant to run it.`,
          },
        ],
  );
}

function stageConstant(name: string): string {
  return `Stage.${Object.entries(Stage).find(([, value]) => value === name)?.[0]}`;
}
