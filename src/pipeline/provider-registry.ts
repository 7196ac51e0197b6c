/**
 * Maps the built-in provider names of one kind (OCR, extraction) to factories. A config's
 * `provider` is either such a name — the config class has checked it is one — or an instance the
 * user made, which is used as it is.
 */
export class ProviderRegistry<
  Name extends string,
  Provider,
  Config extends { readonly provider: Name | Provider },
> {
  constructor(private readonly factories: Readonly<Record<Name, (config: Config) => Provider>>) {}

  /** The provider a config names, or the instance it holds. */
  resolve(config: Config): Provider {
    if (typeof config.provider !== 'string') return config.provider as Provider;
    return this.factories[config.provider as Name](config);
  }
}
