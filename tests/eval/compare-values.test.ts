import { describe, expect, it } from 'vitest';
import {
  isEmptyValue,
  type ResolvedRule,
  valueSimilarity,
  valuesEqual,
} from '../../src/eval/compare-values.js';
import { readDate } from '../../src/eval/read-date.js';
import { comparableText, similarityRatio } from '../../src/eval/text-similarity.js';

const number = (absolute = 0, relative = 0): ResolvedRule => ({ kind: 'number', absolute, relative });
const string = (similarity = 1, dayFirst = false): ResolvedRule => ({ kind: 'string', similarity, dayFirst });
const date = (dayFirst = false): ResolvedRule => ({ kind: 'date', dayFirst });
const exact: ResolvedRule = { kind: 'exact' };

describe('number rule', () => {
  it('asks for equality by default, forgiving floating-point dust', () => {
    expect(valuesEqual(number(), 12.5, 12.5)).toBe(true);
    expect(valuesEqual(number(), 0.3, 0.1 + 0.2)).toBe(true);
    expect(valuesEqual(number(), 12.5, 12.51)).toBe(false);
  });

  it('accepts a difference within the absolute tolerance', () => {
    expect(valuesEqual(number(0.01), 100, 100.01)).toBe(true);
    expect(valuesEqual(number(0.01), 100, 100.02)).toBe(false);
  });

  it('accepts a difference within the relative tolerance of the true value', () => {
    expect(valuesEqual(number(0, 0.01), 1000, 1009)).toBe(true);
    expect(valuesEqual(number(0, 0.01), 1000, 1011)).toBe(false);
  });

  it('takes the larger of the two tolerances', () => {
    expect(valuesEqual(number(0.5, 0.01), 10, 10.4)).toBe(true);
    expect(valuesEqual(number(0.5, 0.01), 1000, 1009)).toBe(true);
  });

  it('reads numbers written as text', () => {
    expect(valuesEqual(number(), 1234.5, '1,234.50')).toBe(true);
    expect(valuesEqual(number(), 12, '$12')).toBe(true);
    expect(valuesEqual(number(), 12, 'twelve')).toBe(false);
  });
});

describe('string rule', () => {
  it('sets case, white space and punctuation aside', () => {
    expect(valuesEqual(string(), 'Northwind Traders', 'NORTHWIND  traders.')).toBe(true);
    expect(valuesEqual(string(), 'INV-2041', 'inv 2041')).toBe(true);
    expect(valuesEqual(string(), '870 Market St., Denver', '870 Market St Denver')).toBe(true);
    expect(valuesEqual(string(), 'Northwind Traders', 'Southwind Traders')).toBe(false);
  });

  it('accepts strings at least as alike as the fuzzy ratio', () => {
    expect(similarityRatio(comparableText('Northwind'), comparableText('Nortwind'))).toBeCloseTo(8 / 9);
    expect(valuesEqual(string(0.85), 'Northwind', 'Nortwind')).toBe(true);
    expect(valuesEqual(string(0.9), 'Northwind', 'Nortwind')).toBe(false);
  });

  it('compares strings that both read as dates as dates', () => {
    expect(valuesEqual(string(), '2024-05-17', '17 May 2024')).toBe(true);
    expect(valuesEqual(string(), '2024-05-17', '18 May 2024')).toBe(false);
  });
});

describe('date rule', () => {
  it.each([
    ['17 May 2024'],
    ['May 17, 2024'],
    ['17th May, 2024'],
    ['17-May-2024'],
    ['2024/05/17'],
    ['05/17/2024'],
    ['17/05/2024'],
    ['17.05.2024'],
    ['17/05/24'],
    ['May 17 2024'],
  ])('reads %s as 2024-05-17', (printed) => {
    expect(valuesEqual(date(), '2024-05-17', printed)).toBe(true);
  });

  it('reads month names and their abbreviations', () => {
    expect(readDate('Sept 3, 2024', false)?.day).toBe('2024-09-03');
    expect(readDate('3 September 2024', false)?.day).toBe('2024-09-03');
  });

  it('reads an ambiguous numeric date month first, or day first when told', () => {
    expect(readDate('03/04/2024', false)?.day).toBe('2024-03-04');
    expect(readDate('03/04/2024', true)?.day).toBe('2024-04-03');
    // A dot means day first wherever it is written.
    expect(readDate('03.04.2024', false)?.day).toBe('2024-04-03');
  });

  it('compares instants when both sides carry a time, else the day', () => {
    expect(valuesEqual(date(), '2024-05-17T10:00:00Z', '2024-05-17T12:00:00+02:00')).toBe(true);
    expect(valuesEqual(date(), '2024-05-17T10:00:00Z', '2024-05-17T11:00:00Z')).toBe(false);
    expect(valuesEqual(date(), '2024-05-17', '2024-05-17T23:30:00Z')).toBe(true);
  });

  it('reads no date from text that is not a whole, real date', () => {
    expect(readDate('May 2024', false)).toBeUndefined();
    expect(readDate('31 April 2024', false)).toBeUndefined();
    expect(readDate('INV-2024-05', false)).toBeUndefined();
    expect(readDate('17 Mayo 2024', false)).toBeUndefined();
  });

  it('falls back to comparing text when a side is no date', () => {
    expect(valuesEqual(date(), 'unknown', 'Unknown')).toBe(true);
    expect(valuesEqual(date(), '2024-05-17', 'unknown')).toBe(false);
  });
});

describe('exact rule (enums, booleans)', () => {
  it('asks for the same value, case included', () => {
    expect(valuesEqual(exact, 'USD', 'USD')).toBe(true);
    expect(valuesEqual(exact, 'USD', 'usd')).toBe(false);
    expect(valuesEqual(exact, true, true)).toBe(true);
    expect(valuesEqual(exact, true, 'true')).toBe(false);
    expect(valuesEqual(exact, { a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});

describe('empty values', () => {
  it('treats null, absent and blank strings alike', () => {
    expect([null, undefined, '', '  '].map(isEmptyValue)).toEqual([true, true, true, true]);
    expect([0, false, 'x', []].map(isEmptyValue)).toEqual([false, false, false, false]);
  });
});

describe('valueSimilarity', () => {
  it('is 1 for equal values, the text ratio for strings at least half alike, 0 otherwise', () => {
    expect(valueSimilarity(number(), 5, 5)).toBe(1);
    expect(valueSimilarity(number(), 5, 6)).toBe(0);
    expect(valueSimilarity(string(), 'stapler', 'staple')).toBeCloseTo(6 / 7);
    expect(valueSimilarity(string(), 'stapler', 'gift wrap')).toBe(0);
    expect(valueSimilarity(exact, 'USD', 'EUR')).toBe(0);
  });
});
