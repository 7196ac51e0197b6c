import { describe, expect, it } from 'vitest';
import {
  AnthropicCredential,
  CacheConfig,
  ConfigError,
  DEFAULT_RETRY_POLICY,
  ExtractorProvider,
  LLMExtractionConfig,
  OCRConfig,
  OCRProviderType,
  ParserConfig,
  ParsingMethod,
  Stage,
} from '../../src/index.js';
import { createMockExtractionModel, createMockOcrProvider } from '../../src/testing/index.js';

function configError(make: () => unknown): ConfigError {
  try {
    make();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config classes', () => {
  it('have documented defaults', () => {
    expect(new OCRConfig()).toMatchObject({ provider: 'auto', features: [], queries: [], pages: undefined });
    expect(new ParserConfig().method).toBe('layout-conserved');
    expect(new LLMExtractionConfig()).toMatchObject({
      provider: 'anthropic',
      temperature: 0,
      maxTokens: 4096,
    });
    expect(new LLMExtractionConfig().retry).toEqual(DEFAULT_RETRY_POLICY);
    expect(new CacheConfig()).toMatchObject({ enabled: true, namespace: 'docpipe', ttlMs: undefined });
  });

  it('take the enum-like constants and the string literals interchangeably', () => {
    expect(OCRProviderType.AWS_TEXTRACT).toBe('textract');
    expect(new OCRConfig({ provider: OCRProviderType.AWS_TEXTRACT }).provider).toBe(
      new OCRConfig({ provider: 'textract' }).provider,
    );
    expect(new ParserConfig({ method: ParsingMethod.MARKDOWN }).method).toBe('markdown');
    expect(new LLMExtractionConfig({ provider: ExtractorProvider.OPENAI_COMPATIBLE }).provider).toBe(
      'openai-compatible',
    );
    expect(Stage.LLM_EXTRACTION).toBe('llm-extraction');
  });

  it('are frozen', () => {
    const config = new LLMExtractionConfig({ maxTokens: 100 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { maxTokens: number }).maxTokens = 5;
    }).toThrow(TypeError);
  });

  it.each([
    [
      () => new LLMExtractionConfig({ maxTokens: -1 }),
      'LLMExtractionConfig.maxTokens',
      'must be a whole number of at least 1, got -1',
    ],
    [() => new LLMExtractionConfig({ temperature: 3 }), 'LLMExtractionConfig.temperature', 'from 0 to 2'],
    [
      () => new LLMExtractionConfig({ provider: 'gpt' as never }),
      'LLMExtractionConfig.provider',
      "'anthropic', 'bedrock'",
    ],
    [() => new OCRConfig({ provider: 'tesseract-ocr' as never }), 'OCRConfig.provider', "'tesseract'"],
    [() => new OCRConfig({ features: ['TABLE' as never] }), 'OCRConfig.features', 'TABLES, FORMS'],
    [() => new OCRConfig({ features: ['QUERIES'] }), 'OCRConfig.queries', 'non-empty list'],
    [() => new OCRConfig({ pages: [0, 1] }), 'OCRConfig.pages', 'page numbers from 1'],
    [() => new OCRConfig({ timeoutMs: 0 }), 'OCRConfig.timeoutMs', 'at least 1'],
    [() => new OCRConfig({ retry: { maxAttempts: 0 } }), 'OCRConfig.retry.maxAttempts', 'at least 1'],
    [() => new ParserConfig({ method: 'layout' as never }), 'ParserConfig.method', "'layout-conserved'"],
    [
      () => new ParserConfig({ mehtod: 'plain' } as never),
      'ParserConfig.mehtod',
      'Valid options are: method',
    ],
    [() => new CacheConfig({ store: {} as never }), 'CacheConfig.store', 'a Keyv instance'],
    [() => new ParserConfig({ cache: 'yes' as never }), 'ParserConfig.cache', 'true, false, a CacheConfig'],
  ])('rejects a bad option with a ConfigError naming it (%#)', (make, option, words) => {
    const error = configError(make);
    expect(error.option).toBe(option);
    expect(error.message).toContain(words);
  });

  it('accepts https endpoints and plain http only on loopback hosts', () => {
    expect(new LLMExtractionConfig({ baseURL: 'https://api.example.com/v1' }).baseURL).toBe(
      'https://api.example.com/v1',
    );
    expect(new LLMExtractionConfig({ baseURL: 'http://127.0.0.1:8080' }).baseURL).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(new OCRConfig({ endpoint: 'http://localhost:4566' }).endpoint).toBe('http://localhost:4566/');
    const error = configError(() => new LLMExtractionConfig({ baseURL: 'http://10.0.0.8:8080' }));
    expect(error.message).toContain('only for loopback hosts');
  });

  it('take provider instances and reject objects of another specification version', () => {
    const model = createMockExtractionModel({ respond: {} });
    expect(new LLMExtractionConfig({ provider: model }).provider).toBe(model);
    const ocr = createMockOcrProvider();
    expect(new OCRConfig({ provider: ocr }).provider).toBe(ocr);
    const error = configError(
      () => new OCRConfig({ provider: { ...ocr, specificationVersion: 'v2' } as never }),
    );
    expect(error.message).toContain("specificationVersion 'v1'");
  });

  it('never show a credential secret when printed or serialized', async () => {
    const { inspect } = await import('node:util');
    const credential = new AnthropicCredential({ apiKey: 'sk-test-not-a-real-key' });
    const config = new LLMExtractionConfig({ credential });
    expect(JSON.stringify(config)).not.toContain('sk-test');
    expect(inspect(config, { depth: 5 })).not.toContain('sk-test');
    expect(credential.apiKey).toBe('sk-test-not-a-real-key');
  });
});
