/**
 * `dagPipeline`: stages with explicit `.after()` edges; several branches and sinks allowed.
 *
 * @module
 */

import type { InferSchema, SchemaInput } from '../schema/index.js';
import { ConfigError } from '../spec/errors.js';
import type { LLMExtractionStage } from '../stages/llm-extraction-stage.js';
import type { AnyStage } from '../stages/stage.js';
import { buildStageGraph } from './graph.js';
import { Pipeline, type PipelineOptions } from './pipeline.js';
import type { ExtractedData } from './result.js';

/** Options of {@link dagPipeline}. */
export interface DagPipelineOptions<
  S extends SchemaInput | undefined,
  St extends readonly AnyStage[],
  A extends boolean = false,
> extends PipelineOptions<S> {
  /** @inheritDoc PipelineOptions.acceptIncomplete */
  readonly acceptIncomplete?: A;
  /** The stages; their dependencies are included whether listed or not. */
  readonly stages: St;
}

/**
 * `result.data`'s type: the schema's type when an extraction stage is listed (partial with
 * `acceptIncomplete: true`), else `undefined`.
 */
export type DagPipelineData<S, St extends readonly AnyStage[], A extends boolean = false> = [
  Extract<St[number], LLMExtractionStage<string>>,
] extends [never]
  ? undefined
  : ExtractedData<InferSchema<S>, A>;

/**
 * Makes a pipeline from stages wired with `.after()`. Stages whose dependencies are done start
 * at once, so independent branches run concurrently.
 *
 * @example
 * ```ts
 * const ocr = new OCRStage(new OCRConfig({ provider: 'azure' }));
 * const parser = new ParserStage().after(ocr);
 * const extract = new LLMExtractionStage(new LLMExtractionConfig({ provider: 'anthropic' })).after(parser);
 * const pipeline = dagPipeline({ jsonSchema: Invoice, stages: [ocr, parser, extract] });
 * ```
 * @throws {GraphError} for duplicate ids or unknown dependencies
 * @throws {CycleError} when the dependencies form a cycle
 * @throws {ConfigError} when an option is invalid
 */
export function dagPipeline<
  const S extends SchemaInput | undefined = undefined,
  const St extends readonly AnyStage[] = readonly AnyStage[],
  const A extends boolean = false,
>(options: DagPipelineOptions<S, St, A>): Pipeline<DagPipelineData<S, St, A>> {
  if (!Array.isArray(options.stages) || options.stages.length === 0) {
    throw new ConfigError('dagPipeline needs stages: a non-empty array of stage objects.', {
      option: 'stages',
    });
  }
  return new Pipeline(buildStageGraph(options.stages), options);
}
