/**
 * Redis as the cache store, through `@keyv/redis`, set up so that a Redis that stops answering
 * turns into "no cache" within a bounded time instead of a run that waits for it forever.
 *
 * @module
 */
import Keyv from 'keyv';
import { ConfigError } from '../spec/errors.js';
import { checkOptionKeys, optionalInteger } from '../util/config-checks.js';
import { type CacheConfigWithStore, cacheConfigAround, type StoreSettings } from './store-cache-config.js';

/** Options of {@link redisCache}. */
export interface RedisCacheOptions extends StoreSettings {
  /** The server, `redis://[[user]:password@]host[:port][/db]` or `rediss://` for TLS. Keys are `<namespace>::<hash>`. */
  readonly url: string;
  /** How long connecting, and each command, may take before the cache gives up on Redis. @default 2000 */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * Cache settings that keep stage results in Redis, shared by every machine that uses it.
 *
 * The client does not queue commands while disconnected and does not reconnect in the
 * background: with `@keyv/redis`'s defaults a Redis that goes away makes every cache call wait
 * for it to come back. Here it fails fast, and the pipeline carries on without the cache, with
 * one `cache-unavailable` warning. It connects before resolving (an unreachable Redis is not an
 * error here, only a warning later). `@keyv/redis` is loaded on the first call, so docpipe's
 * import stays fast. Call `disconnect()` on the store when done, or the open connection keeps
 * the process alive.
 *
 * @example
 * ```ts
 * const cache = await redisCache({ url: 'redis://cache.internal:6379', ttlMs: 7 * 86_400_000 });
 * const pipeline = linearPipeline({ jsonSchema: Invoice, cache });
 * // ... run documents ...
 * await cache.store.disconnect();
 * ```
 * @throws {ConfigError} when an option is unknown or invalid
 */
export async function redisCache(options: RedisCacheOptions): Promise<CacheConfigWithStore> {
  checkOptionKeys('redisCache', options, ['url', 'namespace', 'ttlMs', 'timeoutMs']);
  const url = checkedUrl(options.url);
  const timeout =
    optionalInteger({ config: 'redisCache', option: 'timeoutMs' }, options.timeoutMs, 1) ??
    DEFAULT_TIMEOUT_MS;
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout },
    socket: { connectTimeout: timeout, reconnectStrategy: false },
  });
  const config = cacheConfigAround(
    options,
    // KeyvRedis prefixes the namespace itself; a Keyv prefix too would double it.
    (namespace) =>
      new Keyv({
        store: new KeyvRedis(client, { namespace, throwOnConnectError: true }),
        namespace,
        useKeyPrefix: false,
      }),
  );
  // Connected now: without an offline queue, commands racing the first connection would be refused.
  // A Redis that is not there is not an error here; the first cache call reports it as a warning.
  await client.connect().catch(() => undefined);
  return config;
}

// The URL may carry a password, so messages never quote it.
function checkedUrl(url: unknown): string {
  if (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError(
      'redisCache.url must be a Redis URL such as redis://localhost:6379 (or rediss:// for TLS).',
      { option: 'redisCache.url' },
    );
  }
  return url;
}
