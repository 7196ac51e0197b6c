import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  CycleError,
  DocpipeError,
  GraphError,
  InputError,
  ProviderError,
  StageError,
  ValidationError,
} from '../src/index.js';

describe('DocpipeError', () => {
  it('gives every error a stable code and its class name', () => {
    const error = new ConfigError('LLMExtractionConfig.maxTokens must be a whole number.', {
      option: 'LLMExtractionConfig.maxTokens',
    });
    expect(error.code).toBe('config');
    expect(error.name).toBe('ConfigError');
    expect(error.option).toBe('LLMExtractionConfig.maxTokens');
    expect(error).toBeInstanceOf(Error);
  });

  it('recognises its own errors and subclasses with isInstance', () => {
    const cycle = new CycleError(['a', 'b', 'a']);
    expect(DocpipeError.isInstance(cycle)).toBe(true);
    expect(GraphError.isInstance(cycle)).toBe(true);
    expect(CycleError.isInstance(cycle)).toBe(true);
    expect(ConfigError.isInstance(cycle)).toBe(false);
    expect(DocpipeError.isInstance(new Error('plain'))).toBe(false);
    expect(DocpipeError.isInstance(null)).toBe(false);
  });

  it('recognises errors thrown by another copy of docpipe, which instanceof cannot', () => {
    class ForeignInputError extends Error {
      readonly code = 'input';
    }
    const foreign = new ForeignInputError('x.pdf is empty');
    Object.defineProperty(foreign, Symbol.for('docpipe.error.kinds'), {
      value: ['InputError', 'DocpipeError'],
    });
    expect(foreign instanceof InputError).toBe(false);
    expect(InputError.isInstance(foreign)).toBe(true);
    expect(DocpipeError.isInstance(foreign)).toBe(true);
  });

  it('carries the cycle, the failing stage and the provider details', () => {
    expect(new CycleError(['a', 'b', 'a']).cyclePath).toEqual(['a', 'b', 'a']);
    expect(new CycleError(['a', 'b', 'a']).message).toContain('a → b → a');

    const cause = new ProviderError('Throttled.', {
      provider: 'aws.textract',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    const stageError = new StageError('ocr', cause, { documentId: 'abc' });
    expect(stageError).toMatchObject({ code: 'stage', stageId: 'ocr', documentId: 'abc', cause });
    expect(stageError.message).toBe("Stage 'ocr' failed: Throttled.");
    expect(cause).toMatchObject({
      provider: 'aws.textract',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('keeps the raw output and the issues of a validation failure', () => {
    const error = new ValidationError('Does not match.', {
      issues: [{ path: '/total', message: 'must be number' }],
      raw: { total: 'x' },
    });
    expect(error.issues).toEqual([{ path: '/total', message: 'must be number' }]);
    expect(error.raw).toEqual({ total: 'x' });
  });
});
