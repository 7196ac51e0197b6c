/**
 * The cache settings of a pipeline or of one stage.
 *
 * @module
 */
import type Keyv from 'keyv';
import { checkOptionKeys, invalidOption, optionalInteger, optionalString } from '../util/config-checks.js';

/** Options of {@link CacheConfig}. */
export interface CacheOptions {
  /** Whether stage results are read from and written to the cache. @default true */
  readonly enabled?: boolean;
  /** Any Keyv instance (memory, disk, Redis, ...). @default a Map in this process (library), entries kept as JSON text */
  readonly store?: Keyv;
  /** How long an entry lives, in ms. @default no expiry */
  readonly ttlMs?: number;
  /** Prefix that keeps docpipe's entries apart from others in a shared store. @default 'docpipe' */
  readonly namespace?: string;
  /**
   * Read nothing, compute every result again and store it over the old one: for asking a provider again what
   * it answered before (a rerun after a bad answer), while later runs still reuse what it says now.
   * @default false
   */
  readonly refresh?: boolean;
}

const CACHE_OPTIONS = ['enabled', 'store', 'ttlMs', 'namespace', 'refresh'] as const;

/**
 * Where and how stage results are cached, so nothing is paid for twice.
 *
 * @example
 * ```ts
 * import Keyv from 'keyv';
 * const cache = new CacheConfig({ store: new Keyv(), ttlMs: 86_400_000 });
 * ```
 */
export class CacheConfig {
  readonly enabled: boolean;
  readonly store: Keyv | undefined;
  readonly ttlMs: number | undefined;
  readonly namespace: string;
  readonly refresh: boolean;

  /** @throws {ConfigError} when an option is unknown or of the wrong type */
  constructor(options: CacheOptions = {}) {
    checkOptionKeys('CacheConfig', options, CACHE_OPTIONS);
    const name = (option: string) => ({ config: 'CacheConfig', option });
    if (options.enabled !== undefined && typeof options.enabled !== 'boolean') {
      invalidOption(name('enabled'), 'true or false', options.enabled);
    }
    if (options.refresh !== undefined && typeof options.refresh !== 'boolean') {
      invalidOption(name('refresh'), 'true or false', options.refresh);
    }
    if (options.store !== undefined && !isKeyvLike(options.store)) {
      invalidOption(name('store'), 'a Keyv instance', options.store, 'Wrap your store: new Keyv({ store }).');
    }
    this.enabled = options.enabled ?? true;
    this.store = options.store;
    this.ttlMs = optionalInteger(name('ttlMs'), options.ttlMs, 1);
    this.namespace = optionalString(name('namespace'), options.namespace) ?? 'docpipe';
    this.refresh = options.refresh ?? false;
    Object.freeze(this);
  }
}

/** What users may pass as `cache`: a config, a Keyv store, or on/off. */
export type CacheSetting = CacheConfig | Keyv | boolean;

function isKeyvLike(value: unknown): value is Keyv {
  const store = value as Keyv | null;
  return (
    typeof store?.get === 'function' && typeof store.set === 'function' && typeof store.delete === 'function'
  );
}

/** Turns any {@link CacheSetting} into a {@link CacheConfig}. */
export function toCacheConfig(setting: CacheSetting): CacheConfig {
  if (setting instanceof CacheConfig) return setting;
  if (typeof setting === 'boolean') return new CacheConfig({ enabled: setting });
  return new CacheConfig({ store: setting });
}
