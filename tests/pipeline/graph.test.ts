import { describe, expect, it } from 'vitest';
import { CycleError, dagPipeline, defineStage, GraphError, OCRStage, ParserStage } from '../../src/index.js';

const noop = () => null;

describe('the stage graph', () => {
  it('includes dependencies transitively, in topological order', () => {
    const ocr = new OCRStage({ provider: 'auto' });
    const a = defineStage({ id: 'a', after: [], run: noop });
    const b = defineStage({ id: 'b', after: [a], run: noop });
    const c = defineStage({ id: 'c', after: [b], run: noop });
    const pipeline = dagPipeline({ stages: [c] });
    expect(pipeline.stages.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(ocr.id).toBe('ocr');
  });

  it('resolves dependencies given by id', () => {
    const a = defineStage({ id: 'a', run: noop });
    const b = defineStage({ id: 'b', after: ['a'], run: noop });
    expect(dagPipeline({ stages: [b, a] }).stages.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('rejects a cycle with the path of the cycle', () => {
    const a = defineStage({ id: 'a', after: ['c'], run: noop });
    const b = defineStage({ id: 'b', after: [a], run: noop });
    const c = defineStage({ id: 'c', after: [b], run: noop });
    let error: unknown;
    try {
      dagPipeline({ stages: [a, b, c] });
    } catch (e) {
      error = e;
    }
    expect(CycleError.isInstance(error)).toBe(true);
    expect((error as CycleError).cyclePath).toEqual(['a', 'c', 'b', 'a']);
    expect((error as CycleError).message).toContain('a → c → b → a');
  });

  it('rejects a stage that depends on itself', () => {
    const a = defineStage({ id: 'a', after: ['a'], run: noop });
    expect(() => dagPipeline({ stages: [a] })).toThrow(CycleError);
  });

  it('rejects two different stages with one id, and says how to fix it', () => {
    const ocr = new OCRStage();
    const other = ocr.withConfig({ features: ['TABLES'] });
    const parser = new ParserStage().after(ocr);
    expect(() => dagPipeline({ stages: [other, parser] })).toThrow(
      "Two different stages have the id 'ocr'. Give one of them another id with .withId('...').",
    );
  });

  it('accepts the same stage object listed twice', () => {
    const a = defineStage({ id: 'a', run: noop });
    expect(dagPipeline({ stages: [a, a] }).stages).toHaveLength(1);
  });

  it('rejects a dependency on an id not in the pipeline', () => {
    const b = defineStage({ id: 'b', after: ['missing'], run: noop });
    expect(() => dagPipeline({ stages: [b] })).toThrow(GraphError);
    expect(() => dagPipeline({ stages: [b] })).toThrow("depends on 'missing', which is not in the pipeline");
  });

  it('rejects things that are not stages', () => {
    expect(() => dagPipeline({ stages: ['ocr' as never] })).toThrow("got the string 'ocr'");
    expect(() => dagPipeline({ stages: [] })).toThrow('needs stages');
  });
});
