import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CACHE_FORMAT_VERSION } from '../../src/cache/stage-cache.js';
import { AnthropicCredential, LLMExtractionConfig } from '../../src/index.js';
import { configFingerprint, type StageKeyParts, stageCacheKey } from '../../src/stages/stage-key.js';
import { canonicalJson } from '../../src/util/canonical-json.js';

const schema = Object.freeze({
  type: 'object',
  properties: Object.freeze({ total: Object.freeze({ type: 'number' }) }),
});
const config = configFingerprint(
  new LLMExtractionConfig({ provider: 'anthropic', model: 'claude-sonnet-4-5' }),
);
const parts = (identity: Record<string, unknown> = {}): StageKeyParts => ({
  kind: 'llm-extraction',
  identity: {
    provider: 'anthropic',
    modelId: 'claude-sonnet-4-5',
    config,
    schema,
    variables: {},
    ...identity,
  },
  documentId: 'a'.repeat(64),
  dependencyKeys: ['b'.repeat(64)],
});

describe('stageCacheKey', () => {
  it('is the sha256 of the canonical JSON of its parts, so keys stored before stay valid', () => {
    const expected = createHash('sha256')
      .update(canonicalJson({ format: CACHE_FORMAT_VERSION, ...parts() }))
      .digest('hex');
    expect(stageCacheKey(parts())).toBe(expected);
    expect(stageCacheKey(parts())).toBe(expected);
  });

  it('changes with each part, a remembered one swapped for another included', () => {
    const base = stageCacheKey(parts());
    const otherSchema = Object.freeze({ ...schema, required: Object.freeze(['total']) });
    const variants = [
      stageCacheKey(parts({ schema: otherSchema })),
      stageCacheKey(
        parts({
          config: configFingerprint(
            new LLMExtractionConfig({ provider: 'anthropic', model: 'claude-opus-4-1' }),
          ),
        }),
      ),
      stageCacheKey(parts({ variables: { customer: 'ACME' } })),
      stageCacheKey({ ...parts(), documentId: 'c'.repeat(64) }),
      stageCacheKey({ ...parts(), dependencyKeys: ['d'.repeat(64)] }),
      stageCacheKey({ ...parts(), kind: 'ocr' }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('is the same for equal identities made of other objects', () => {
    const copy = JSON.parse(JSON.stringify(schema)) as object;
    expect(stageCacheKey(parts({ schema: copy }))).toBe(stageCacheKey(parts()));
  });
});

describe('configFingerprint', () => {
  it('is frozen, and leaves out the run settings and the credential', () => {
    const fingerprint = configFingerprint(
      new LLMExtractionConfig({
        provider: 'anthropic',
        credential: new AnthropicCredential({ apiKey: 'sk-secret' }),
        timeoutMs: 5,
      }),
    );
    expect(Object.isFrozen(fingerprint)).toBe(true);
    expect(fingerprint).not.toHaveProperty('timeoutMs');
    expect(fingerprint).not.toHaveProperty('credential');
    expect(JSON.stringify(fingerprint)).not.toContain('sk-secret');
  });
});
