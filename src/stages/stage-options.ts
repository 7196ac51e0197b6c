/**
 * Options every stage takes, whatever its kind: a timeout, a retry policy, and cache settings.
 *
 * @module
 */
import { type CacheConfig, type CacheSetting, toCacheConfig } from '../cache/cache-config.js';
import { invalidOption, optionalInteger } from '../util/config-checks.js';
import { type RetryOptions, type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';

/** Options common to every stage's config. */
export interface StageOptions {
  /** Time one attempt of the stage may take before it is aborted (and retried). @default no limit */
  readonly timeoutMs?: number;
  /** How failed attempts are retried; `false` for no retries. @default {@link DEFAULT_RETRY_POLICY} */
  readonly retry?: RetryOptions;
  /** This stage's cache settings; they win over the pipeline's. @default the pipeline's */
  readonly cache?: CacheSetting;
}

/** The names of {@link StageOptions}, for option-key checks. */
export const STAGE_OPTION_KEYS = ['timeoutMs', 'retry', 'cache'] as const;

/** The part every stage config shares: {@link StageOptions} checked, with defaults filled in. */
export abstract class StageConfig {
  readonly timeoutMs: number | undefined;
  readonly retry: RetryPolicy;
  /** Undefined when the stage follows the pipeline's cache settings. */
  readonly cache: CacheConfig | undefined;

  protected constructor(config: string, options: StageOptions) {
    this.timeoutMs = optionalInteger({ config, option: 'timeoutMs' }, options.timeoutMs, 1);
    this.retry = resolveRetryPolicy(config, options.retry);
    this.cache = resolveCacheSetting(config, options.cache);
  }
}

function resolveCacheSetting(config: string, cache: unknown): CacheConfig | undefined {
  if (cache === undefined) return undefined;
  if (typeof cache !== 'boolean' && (typeof cache !== 'object' || cache === null)) {
    invalidOption({ config, option: 'cache' }, 'true, false, a CacheConfig or a Keyv store', cache);
  }
  return toCacheConfig(cache as CacheSetting);
}
