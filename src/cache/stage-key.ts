/**
 * Cache keys of stage results, derived like build actions: a stage's key changes when anything
 * that decides its output changes — its kind, provider, model and settings, the document, or
 * the keys of the stages it reads — and only then.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { isCredential } from '../credentials.js';
import type { StageConfig } from '../stages/stage-options.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Bumped when the shape of cached entries changes, so old entries are never read as new ones. */
export const CACHE_FORMAT_VERSION = 1;

/** What a stage's cache key is made of. */
export interface StageKeyParts {
  readonly kind: string;
  /** The stage's provider, model and settings: whatever decides its output besides its inputs. */
  readonly identity: unknown;
  readonly documentId: string;
  /** The cache keys of the stage's direct dependencies, in order. */
  readonly dependencyKeys: readonly string[];
}

/**
 * The sha256 (hex) of the canonical JSON of the key's parts.
 *
 * @example
 * ```ts
 * stageCacheKey({ kind: 'ocr', identity, documentId: document.id, dependencyKeys: [] });
 * ```
 */
export function stageCacheKey(parts: StageKeyParts): string {
  return createHash('sha256')
    .update(canonicalJson({ format: CACHE_FORMAT_VERSION, ...parts }))
    .digest('hex');
}

// How a stage is run (time limit, retries, caching) does not change what it produces.
const RUN_SETTINGS = new Set(['timeoutMs', 'retry', 'cache']);

/**
 * A stage config as the part of a cache key it decides: its options without the run settings and
 * without credentials (which one key was used does not change the answer, and keys must never
 * reach a cache entry or key).
 */
export function configFingerprint(config: StageConfig): Record<string, unknown> {
  const fingerprint: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(config)) {
    if (RUN_SETTINGS.has(option) || isCredential(value) || isSecretHolder(value)) continue;
    fingerprint[option] = isProviderObject(value)
      ? { provider: value.provider, modelId: value.modelId }
      : value;
  }
  return fingerprint;
}

// A provider instance the user passed is known by its names; its other fields are code and state.
function isProviderObject(value: unknown): value is { provider: string; modelId: string } {
  return typeof (value as { specificationVersion?: unknown } | null)?.specificationVersion === 'string';
}

// Azure TokenCredentials and other credential objects users pass: identified by getToken.
function isSecretHolder(value: unknown): boolean {
  return typeof (value as { getToken?: unknown } | null)?.getToken === 'function';
}
