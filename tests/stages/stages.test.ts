import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  defineStage,
  LLMExtractionConfig,
  LLMExtractionStage,
  OCRConfig,
  OCRStage,
  ParserConfig,
  ParserStage,
} from '../../src/index.js';

describe('stages', () => {
  it('have the default ids of their kind', () => {
    expect(new OCRStage().id).toBe('ocr');
    expect(new ParserStage().id).toBe('parser');
    expect(new LLMExtractionStage().id).toBe('llm-extraction');
  });

  it('take a config object or its options', () => {
    expect(new ParserStage({ method: 'plain' }).config.method).toBe('plain');
    expect(new ParserStage(new ParserConfig({ method: 'plain' })).config.method).toBe('plain');
  });

  it('.after() returns a new stage and leaves the original as it was', () => {
    const ocr = new OCRStage();
    const parser = new ParserStage();
    const chained = parser.after(ocr);
    expect(chained).not.toBe(parser);
    expect(chained).toBeInstanceOf(ParserStage);
    expect(chained.dependencies).toEqual([ocr]);
    expect(parser.dependencies).toEqual([]);
    expect(Object.isFrozen(chained)).toBe(true);
    expect(chained.after(ocr).dependencies).toEqual([ocr]);
  });

  it('.withId() and .withConfig() return changed copies', () => {
    const extract = new LLMExtractionStage(new LLMExtractionConfig({ maxTokens: 1000 }));
    const summary = extract.withId('summary').withConfig({ maxTokens: 200, systemPrompt: 'Summarize.' });
    expect(summary).toBeInstanceOf(LLMExtractionStage);
    expect(summary.id).toBe('summary');
    expect(summary.config).toMatchObject({ maxTokens: 200, systemPrompt: 'Summarize.' });
    expect(extract.id).toBe('llm-extraction');
    expect(extract.config.maxTokens).toBe(1000);
    expect(new OCRStage().withConfig({ features: ['TABLES'] }).config.features).toEqual(['TABLES']);
  });

  it('.withConfig() validates the patched options', () => {
    expect(() => new OCRStage().withConfig({ pages: [-1] })).toThrow(ConfigError);
  });

  it('rejects ids that cannot name a file', () => {
    expect(() => new OCRStage().withId('../x')).toThrow(/is not valid/);
    expect(() => defineStage({ id: '', run: () => 1 })).toThrow(ConfigError);
  });

  it('rejects incompatible upstream stages at run time too, for JavaScript callers', () => {
    const extract = new LLMExtractionStage();
    const parser = new ParserStage() as unknown as { after(...s: unknown[]): unknown };
    expect(() => parser.after(extract)).toThrow(
      "ParserStage 'parser' cannot come after the llm-extraction stage 'llm-extraction'",
    );
    expect(() => parser.after('ocr')).toThrow('ParserStage.after() takes stages');
  });

  it('defineStage makes a custom stage that can depend on stages or ids', () => {
    const parser = new ParserStage().after(new OCRStage());
    const count = defineStage({
      id: 'count',
      after: [parser, 'other'],
      run: ({ inputs }) => inputs.parser.pages.length,
    });
    expect(count.kind).toBe('custom');
    expect(count.dependencies).toEqual([parser, 'other']);
    expect(count.after('third').dependencies).toEqual([parser, 'other', 'third']);
    expect(() => defineStage({ id: 'x', run: 'nope' as never })).toThrow('needs a run function');
  });

  it('take common stage options: timeout, retry and cache', () => {
    const stage = new OCRStage(new OCRConfig({ timeoutMs: 5000, retry: false, cache: false }));
    expect(stage.settings.timeoutMs).toBe(5000);
    expect(stage.settings.retry.maxAttempts).toBe(1);
    expect(stage.settings.cache?.enabled).toBe(false);
  });
});
