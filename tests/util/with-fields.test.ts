import { describe, expect, it } from 'vitest';
import { withFields } from '../../src/util/with-fields.js';

describe('withFields', () => {
  it('is { ...base, ...fields }: fields added and replaced, base untouched', () => {
    const base = { code: 'unknown-price', message: 'no price', stageId: 'old' };
    const copy = withFields(base, { stageId: 'llm-extraction', page: 2 });
    expect(copy).toEqual({ code: 'unknown-price', message: 'no price', stageId: 'llm-extraction', page: 2 });
    expect(Object.keys(copy)).toEqual(['code', 'message', 'stageId', 'page']);
    expect(base.stageId).toBe('old');
  });
});
