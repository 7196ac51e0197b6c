/**
 * Cache keys of stage results, derived like build actions: a stage's key changes when anything
 * that decides its output changes — its kind, provider, model and settings, the document, or
 * the keys of the stages it reads — and only then.
 *
 * @module
 */
import { hash } from 'node:crypto';
import { CACHE_FORMAT_VERSION } from '../cache/stage-cache.js';
import { isCredential } from '../credentials.js';
import { type CanonicalMemo, memoizedCanonicalJson } from '../util/canonical-json.js';
import type { StageConfig } from './stage-options.js';

/** What a stage's cache key is made of. */
export interface StageKeyParts {
  readonly kind: string;
  /** The stage's provider, model and settings: whatever decides its output besides its inputs. */
  readonly identity: unknown;
  readonly documentId: string;
  /** The cache keys of the stage's direct dependencies, in order. */
  readonly dependencyKeys: readonly string[];
}

// The text of the frozen parts of stage identities (a schema, a config's fingerprint), written once per pipeline
// instead of once per stage and document.
const identityParts: CanonicalMemo = new WeakMap();

/**
 * The sha256 (hex) of the canonical JSON of the key's parts.
 *
 * @example
 * ```ts
 * stageCacheKey({ kind: 'ocr', identity, documentId: document.id, dependencyKeys: [] });
 * ```
 */
export function stageCacheKey({ kind, identity, documentId, dependencyKeys }: StageKeyParts): string {
  // canonicalJson({ format, ...parts }) written out with its keys in sorted order: the same text, so keys already
  // stored stay valid, and only the identity needs walking.
  const text =
    `{"dependencyKeys":${JSON.stringify(dependencyKeys)},"documentId":${JSON.stringify(documentId)},` +
    `"format":${CACHE_FORMAT_VERSION},"identity":${memoizedCanonicalJson(identity, identityParts)},` +
    `"kind":${JSON.stringify(kind)}}`;
  return hash('sha256', text);
}

// How a stage is run (time limit, retries, caching) does not change what it produces.
const RUN_SETTINGS = new Set(['timeoutMs', 'retry', 'cache']);

/**
 * A stage config as the part of a cache key it decides: its options without the run settings and
 * without credentials (which one key was used does not change the answer, and keys must never
 * reach a cache entry or key).
 */
export function configFingerprint(config: StageConfig): Readonly<Record<string, unknown>> {
  const fingerprint: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(config)) {
    if (RUN_SETTINGS.has(option) || isCredential(value) || isSecretHolder(value)) continue;
    fingerprint[option] = isProviderObject(value)
      ? Object.freeze({ provider: value.provider, modelId: value.modelId })
      : value;
  }
  // Frozen like the config it copies (whose option values are frozen copies too), so that its canonical JSON
  // is written once per pipeline (see stageCacheKey).
  return Object.freeze(fingerprint);
}

// A provider instance the user passed is known by its names; its other fields are code and state.
function isProviderObject(value: unknown): value is { provider: string; modelId: string } {
  return typeof (value as { specificationVersion?: unknown } | null)?.specificationVersion === 'string';
}

// Azure TokenCredentials and other credential objects users pass: identified by getToken.
function isSecretHolder(value: unknown): boolean {
  return typeof (value as { getToken?: unknown } | null)?.getToken === 'function';
}
