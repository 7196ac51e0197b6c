/**
 * Maps the built-in provider names of one kind (OCR, extraction) to their adapters. A config's `provider` is
 * either such a name — the config class has checked it is one — or an instance the user made, used as it is.
 *
 * A stage config is resolved into an adapter's own settings here, once, when the pipeline is built: the adapter
 * receives only the options it declares it uses, and every other option the user changed from its default comes
 * back as a `config-unused` warning instead of being silently ignored.
 *
 * @module
 */
import type { Warning } from '../spec/document.js';
import { canonicalJson } from '../util/canonical-json.js';

/** A built-in adapter: the config options it reads (its settings), and its factory. */
export interface BuiltinAdapter<Config, Provider> {
  /** The options of the stage config the adapter reads; they have the same names in its settings. */
  readonly settings: readonly (keyof Config & string)[];
  /** Makes the provider from the config's fields of those names (the factories differ in their settings types). */
  readonly create: (settings: never) => Provider;
}

/** A provider resolved from a config, with what the config set that the provider does not use. */
export interface ResolvedProvider<Provider> {
  readonly provider: Provider;
  readonly warnings: readonly Warning[];
}

/** The built-in adapters of one kind, by provider name. */
export class ProviderRegistry<
  Name extends string,
  Provider,
  Config extends { readonly provider: Name | Provider },
> {
  /**
   * @param configName - The config class as messages name it, e.g. `OCRConfig`.
   * @param stageOptions - Options the stage itself reads whatever the provider (timeouts, pages, prompts).
   * @param defaults - A config with every option at its default, for a provider name.
   */
  constructor(
    private readonly configName: string,
    private readonly adapters: Readonly<Record<Name, BuiltinAdapter<Config, Provider>>>,
    private readonly stageOptions: ReadonlySet<string>,
    private readonly defaults: (provider: Name) => Config,
  ) {}

  /**
   * The provider a config names, made from the options its adapter reads, or the instance it holds.
   *
   * @throws {ConfigError} when the adapter finds its settings or credentials unusable
   */
  resolve(config: Config): ResolvedProvider<Provider> {
    if (typeof config.provider !== 'string') return { provider: config.provider as Provider, warnings: [] };
    const name = config.provider as Name;
    const adapter = this.adapters[name];
    const settings = Object.fromEntries(
      adapter.settings.flatMap((option) => (config[option] === undefined ? [] : [[option, config[option]]])),
    );
    return {
      provider: adapter.create(settings as never),
      warnings: this.unusedOptions(config, name, adapter),
    };
  }

  /** A `config-unused` warning for each option changed from its default that neither the stage nor the adapter reads. */
  private unusedOptions(config: Config, name: Name, adapter: BuiltinAdapter<Config, Provider>): Warning[] {
    const defaults = this.defaults(name) as Record<string, unknown>;
    const used = new Set<string>([...this.stageOptions, ...adapter.settings]);
    return Object.entries(config as Record<string, unknown>)
      .filter(
        ([option, value]) => !used.has(option) && canonicalJson(value) !== canonicalJson(defaults[option]),
      )
      .map(([option]) => {
        const users = this.providersUsing(option);
        const fix =
          users.length > 0 ? `remove it, or choose a provider that does (${users.join(', ')})` : 'remove it';
        return {
          code: 'config-unused',
          message: `${this.configName}.${option} is set, but the ${name} provider does not use it; ${fix}.`,
        };
      });
  }

  private providersUsing(option: string): string[] {
    return Object.entries<BuiltinAdapter<Config, Provider>>(this.adapters)
      .filter(([, adapter]) => (adapter.settings as readonly string[]).includes(option))
      .map(([provider]) => provider);
  }
}
