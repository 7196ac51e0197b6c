/**
 * Custom stages: any async function over the document and upstream outputs.
 *
 * @module
 */

import { ConfigError } from '../spec/errors.js';
import { checkOptionKeys, optionalString } from '../util/config-checks.js';
import {
  type AnyStage,
  type OutputOf,
  PipelineStage,
  type PreparedStage,
  type StageContext,
  type StageReference,
  type StageSettings,
} from './stage.js';
import { STAGE_OPTION_KEYS, StageConfig, type StageOptions } from './stage-options.js';

/** The `inputs` a custom stage receives: each dependency's output under its id. */
export type InputsOf<Deps extends readonly StageReference[]> = {
  readonly [S in Deps[number] as S extends AnyStage ? S['id'] : S & string]: S extends AnyStage
    ? OutputOf<S>
    : unknown;
};

/** Options of {@link defineStage}. */
export interface DefineStageOptions<Id extends string, Output, Deps extends readonly StageReference[]>
  extends StageOptions {
  /** The stage's id, unique within a pipeline. */
  readonly id: Id;
  /** Stages (or ids of stages in the same pipeline) whose outputs this stage reads. @default [] */
  readonly after?: Deps;
  /** The stage's work. Its result must be JSON-serializable, so it can be cached and stored. */
  readonly run: (context: StageContext<InputsOf<Deps>>) => Output | Promise<Output>;
  /**
   * Caches the stage's results under this key, beside the document and its inputs: a version you change with
   * `run`, and whatever else its result depends on (settings its closure captures). Without it the stage is
   * not cached, since docpipe cannot see what a function captured: two stages with the same source but other
   * captured values would share a stale result. @default not cached
   */
  readonly cacheKey?: string;
}

class CustomStageSettings extends StageConfig {
  constructor(options: StageOptions) {
    super('defineStage', options);
    Object.freeze(this);
  }
}

const DEFINE_STAGE_OPTION_KEYS = ['id', 'after', 'run', 'cacheKey', ...STAGE_OPTION_KEYS] as const;

/** A stage made with {@link defineStage}. */
export class CustomStage<Id extends string = string, Output = unknown> extends PipelineStage<Id, Output> {
  readonly kind = 'custom' as const;
  // Plain (not #private) fields: derive() copies a stage's own properties.
  private readonly runStage: (context: StageContext) => Output | Promise<Output>;
  private readonly cacheKey: string | undefined;
  private readonly stageSettings: CustomStageSettings;

  /** @internal use {@link defineStage} */
  constructor(options: DefineStageOptions<Id, Output, readonly StageReference[]>) {
    checkOptionKeys('defineStage', options, DEFINE_STAGE_OPTION_KEYS);
    if (typeof options.run !== 'function') {
      throw new ConfigError(
        `defineStage '${String(options.id)}' needs a run function: run: async ({ document, inputs }) => ...`,
        {
          option: 'run',
        },
      );
    }
    super(options.id, options.after ?? []);
    this.runStage = options.run as (context: StageContext) => Output | Promise<Output>;
    this.cacheKey = optionalString({ config: 'defineStage', option: 'cacheKey' }, options.cacheKey);
    this.stageSettings = new CustomStageSettings(options);
    Object.freeze(this);
  }

  get settings(): StageSettings {
    return this.stageSettings;
  }

  /** A copy that also runs after `stages` (stage objects or ids). */
  after(...stages: readonly StageReference[]): CustomStage<Id, Output> {
    const objects = stages.filter((s): s is AnyStage => typeof s !== 'string');
    const ids = stages.filter((s): s is string => typeof s === 'string');
    const withObjects = this.withDependencies(objects, ['ocr', 'parser', 'llm-extraction', 'custom'], '');
    return withObjects.derive({ dependencies: Object.freeze([...withObjects.dependencies, ...ids]) });
  }

  /** @internal */
  prepare(): PreparedStage<Output> {
    const run = this.runStage;
    const prepared = { run: async (context: StageContext) => run(context) };
    if (this.cacheKey === undefined) return prepared;
    // Frozen, so that its text in cache keys is written once per pipeline rather than once per document.
    const identity = Object.freeze({ id: this.id, cacheKey: this.cacheKey });
    return { run: prepared.run, cacheIdentity: () => identity };
  }
}

/**
 * Makes a custom stage. Its `run` gets the loaded document and its dependencies' outputs by id,
 * typed from `after`.
 *
 * @example
 * ```ts
 * const pageCount = defineStage({
 *   id: 'page-count',
 *   after: [parser],
 *   run: ({ inputs }) => inputs.parser.pages.length,
 * });
 * ```
 * @throws {ConfigError} when an option is invalid
 */
export function defineStage<
  const Id extends string,
  Output,
  const Deps extends readonly StageReference[] = [],
>(options: DefineStageOptions<Id, Output, Deps>): CustomStage<Id, Awaited<Output>> {
  return new CustomStage(
    options as unknown as DefineStageOptions<Id, Awaited<Output>, readonly StageReference[]>,
  );
}
