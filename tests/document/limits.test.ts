import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS, resolveDocumentLimits } from '../../src/document/limits.js';

describe('resolveDocumentLimits', () => {
  it('returns the defaults when no limits are given', () => {
    expect(resolveDocumentLimits()).toEqual({
      maxBytes: 104_857_600,
      maxPages: 1000,
      maxPixels: 100_000_000,
      maxPageMs: 60_000,
    });
    expect(resolveDocumentLimits({})).toEqual(DEFAULT_DOCUMENT_LIMITS);
  });

  it('keeps the defaults for unset and undefined fields', () => {
    expect(resolveDocumentLimits({ maxPages: 5, maxPixels: undefined })).toEqual({
      ...DEFAULT_DOCUMENT_LIMITS,
      maxPages: 5,
    });
  });

  it('does not let callers change the defaults', () => {
    expect(Object.isFrozen(DEFAULT_DOCUMENT_LIMITS)).toBe(true);
    resolveDocumentLimits({ maxBytes: 1 });
    expect(DEFAULT_DOCUMENT_LIMITS.maxBytes).toBe(104_857_600);
  });

  it.each([
    ['maxBytes', 0, /limits\.maxBytes must be a positive whole number, but it is 0; pass e\.g\. 104857600/],
    ['maxPages', -1, /limits\.maxPages must be a positive whole number, but it is -1/],
    ['maxPixels', 1.5, /limits\.maxPixels must be a positive whole number, but it is 1\.5/],
    ['maxBytes', Number.POSITIVE_INFINITY, /but it is Infinity/],
    ['maxBytes', Number.NaN, /but it is NaN/],
    ['maxBytes', '10', /but it is a string/],
    ['maxBytes', null, /but it is null/],
  ])('rejects %s = %s with a ConfigError naming the option', (name, value, message) => {
    expect(() => resolveDocumentLimits({ [name]: value })).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        option: `limits.${name}`,
        message: expect.stringMatching(message),
      }),
    );
  });

  it('rejects an unknown limit, naming the known ones', () => {
    expect(() => resolveDocumentLimits({ maxSize: 10 } as never)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        option: 'limits.maxSize',
        message:
          'limits.maxSize is not a document limit; use maxBytes, maxPages, maxPixels, maxPageMs (check the spelling).',
      }),
    );
  });

  it('rejects limits that are not an object', () => {
    expect(() => resolveDocumentLimits(5 as never)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        option: 'limits',
        message: expect.stringMatching(/^limits must be an object, but it is 5;/),
      }),
    );
  });
});
