/**
 * Cache settings around a store docpipe builds for the user (disk, Redis).
 *
 * @module
 */
import type Keyv from 'keyv';
import { CacheConfig } from './cache-config.js';

/** Cache settings whose store is always there: what {@link diskCache} and {@link redisCache} return. */
export type CacheConfigWithStore = CacheConfig & { readonly store: Keyv };

/** The settings every built store takes. */
export interface StoreSettings {
  /** Keeps these entries apart from others in the same store. @default 'docpipe' */
  readonly namespace?: string;
  /** How long an entry lives, in ms. @default no expiry */
  readonly ttlMs?: number;
}

/**
 * Checks `namespace` and `ttlMs` as {@link CacheConfig} does (defaults included), then makes the
 * settings around the Keyv `storeFor` builds for that namespace.
 *
 * @throws {ConfigError} when `namespace` or `ttlMs` is invalid
 */
export function cacheConfigAround(
  settings: StoreSettings,
  storeFor: (namespace: string) => Keyv,
): CacheConfigWithStore {
  const checked = new CacheConfig({
    ...(settings.namespace === undefined ? {} : { namespace: settings.namespace }),
    ...(settings.ttlMs === undefined ? {} : { ttlMs: settings.ttlMs }),
  });
  const config = new CacheConfig({
    store: storeFor(checked.namespace),
    namespace: checked.namespace,
    ...(checked.ttlMs === undefined ? {} : { ttlMs: checked.ttlMs }),
  });
  return config as CacheConfigWithStore;
}
