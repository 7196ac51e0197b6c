import { ConfigError } from '../errors.js';

/**
 * Maps the built-in provider names of one kind (OCR, extraction) to factories. A config's
 * `provider` is either such a name or an instance the user made, which is used as it is.
 */
export class ProviderRegistry<
  Name extends string,
  Provider,
  Config extends { readonly provider: Name | Provider },
> {
  constructor(
    private readonly description: {
      readonly kind: string;
      readonly option: string;
      readonly instead: string;
    },
    // Adapters are added here as they are built; a documented name without one is reported as such.
    private readonly factories: Partial<Record<Name, (config: Config) => Provider>>,
  ) {}

  /** The provider a config names. @throws {ConfigError} when that provider is not available */
  resolve(config: Config): Provider {
    if (typeof config.provider !== 'string') return config.provider as Provider;
    const factory = this.factories[config.provider as Name];
    if (!factory) {
      const { kind, option, instead } = this.description;
      throw new ConfigError(
        `${kind} '${config.provider}' is not available in this version of docpipe yet. ${instead}`,
        { option },
      );
    }
    return factory(config);
  }
}
