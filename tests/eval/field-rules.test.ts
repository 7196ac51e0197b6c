import { describe, expect, it } from 'vitest';
import { FieldRules, fieldKey, parseFieldRule } from '../../src/eval/field-rules.js';
import { ConfigError } from '../../src/index.js';

describe('parseFieldRule', () => {
  it.each([
    ['number', { kind: 'number' }],
    ['number:0.01', { kind: 'number', absolute: 0.01 }],
    ['number:1%', { kind: 'number', relative: 0.01 }],
    ['number:0.01,1%', { kind: 'number', absolute: 0.01, relative: 0.01 }],
    ['string', { kind: 'string' }],
    ['string:0.9', { kind: 'string', similarity: 0.9 }],
    ['date', { kind: 'date' }],
    ['exact', { kind: 'exact' }],
    ['ignore', { kind: 'ignore' }],
  ])('reads %s', (text, rule) => {
    expect(parseFieldRule(text)).toEqual(rule);
  });

  it.each(['numbr', 'number:', 'number:-1', 'number:abc', 'string:1.5', 'date:x', 'exact:1', 'number:1:2'])(
    'rejects %s, naming the rules there are',
    (text) => {
      expect(() => parseFieldRule(text)).toThrow(ConfigError);
      expect(() => parseFieldRule(text)).toThrow(/write number, number:0\.01, number:1%, string/);
    },
  );
});

describe('fieldKey', () => {
  it('reads every way of writing a field path the same', () => {
    for (const path of [
      'line_items[].amount',
      'line_items.amount',
      '/line_items/*/amount',
      '/line_items/0/amount',
    ]) {
      expect(fieldKey(path)).toBe('line_items.amount');
    }
    expect(fieldKey('total')).toBe('total');
  });
});

describe('FieldRules', () => {
  const rules = new FieldRules(
    { 'line_items[].amount': { kind: 'number', relative: 0.01 }, vendor: { kind: 'string' } },
    { absolute: 0.5, relative: 0, similarity: 0.8, dayFirst: true },
  );

  it('fills a rule from the defaults where it leaves a setting out', () => {
    expect(rules.ruleFor('line_items[].amount', { kind: 'number' }, 1)).toEqual({
      kind: 'number',
      absolute: 0.5,
      relative: 0.01,
    });
    expect(rules.ruleFor('vendor', { kind: 'string' }, 'x')).toEqual({
      kind: 'string',
      similarity: 0.8,
      dayFirst: true,
    });
  });

  it('takes the rule from the schema, or from the value when the schema does not say', () => {
    expect(rules.ruleFor('date', { kind: 'date' }, 'x')).toEqual({ kind: 'date', dayFirst: true });
    expect(rules.ruleFor('paid', { kind: 'boolean' }, true)).toEqual({ kind: 'exact' });
    expect(rules.ruleFor('n', { kind: 'unknown' }, 3).kind).toBe('number');
    expect(rules.ruleFor('s', { kind: 'unknown' }, 'x').kind).toBe('string');
    expect(rules.ruleFor('b', { kind: 'unknown' }, false).kind).toBe('exact');
  });
});
