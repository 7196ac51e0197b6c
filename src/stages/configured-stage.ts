import { PipelineStage, type StageSettings } from './stage.js';
import type { StageConfig } from './stage-options.js';

/** A config class: built from its options object, which its own fields also satisfy. */
interface ConfigClass<Config extends StageConfig, Options> {
  new (options?: Options): Config;
}

/**
 * The shared shape of the built-in stages: a config class instance (or its options) in, the
 * config's timeout, retry and cache as the stage's settings, and `.withConfig()` to patch it.
 */
export abstract class ConfiguredStage<
  Id extends string,
  Output,
  Config extends StageConfig,
  Options,
> extends PipelineStage<Id, Output> {
  readonly config: Config;

  protected constructor(
    id: Id,
    configClass: ConfigClass<Config, Options>,
    config: Config | Options | undefined,
  ) {
    super(id, []);
    this.config = config instanceof configClass ? config : new configClass(config as Options | undefined);
  }

  get settings(): StageSettings {
    return this.config;
  }

  /**
   * A copy with some config options changed; the patched options are validated again.
   *
   * @example
   * ```ts
   * const summary = extract.withId('summary').withConfig({ maxTokens: 300 });
   * ```
   */
  withConfig(patch: Options): this {
    const configClass = this.config.constructor as ConfigClass<Config, Options>;
    return this.derive({ config: new configClass({ ...this.config, ...patch } as Options) });
  }
}
