import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/llm/grounding/dates.js';
import { boundedEditDistance, fuzzyBudget } from '../../../src/llm/grounding/edit-distance.js';
import { labelSimilarity, labelWords, nameWords } from '../../../src/llm/grounding/labels.js';
import { comparisonKey } from '../../../src/llm/grounding/normalize.js';
import { numberKey, parseNumberReadings } from '../../../src/llm/grounding/numbers.js';

describe('parseNumberReadings', () => {
  it.each([
    ['56651.49', [56651.49]],
    ['$56,651.49', [56651.49]],
    ['1,234', [1234]],
    ['1.234.567', [1234567]],
    ['1.234,50 €', [1234.5]],
    ['1234,567', [1234.567]],
    ['12,50', [12.5]],
    ['0,5', [0.5]],
    ['1.5', [1.5]],
    ['(12.00)', [-12]],
    ['-$12', [-12]],
    ['$-12', [-12]],
    ['12.00-', [-12]],
    ['−5', [-5]],
    ['USD 100', [100]],
    ['100 EUR', [100]],
    ['US$ 12', [12]],
    ["1'234.50", [1234.5]],
    ['1\u00a0234,50', [1234.5]],
    ['15%', [15, 0.15]],
  ])('reads %j as %j', (text, readings) => {
    expect(parseNumberReadings(text)).toEqual(readings);
  });

  it.each(['Total', 'ABC123', '2 100.00', '1,2.3', '1,234,5', '6/18/2017', '2017-06-18', '12.', ''])(
    'reads %j as no number',
    (text) => {
      expect(parseNumberReadings(text)).toEqual([]);
    },
  );

  it('keys equal amounts alike despite floating-point noise', () => {
    expect(numberKey(0.1 + 0.2)).toBe(numberKey(0.3));
    expect(numberKey(-0)).toBe('0');
  });
});

describe('parseDate', () => {
  it.each([
    ['2017-06-18', '2017-06-18'],
    ['2017-06-18T00:00:00Z', '2017-06-18'],
    ['6/18/2017', '2017-06-18'],
    ['(6/18/2017),', '2017-06-18'],
    ['18/06/2017', '2017-06-18'],
    ['18.06.2017', '2017-06-18'],
    ['6/18/17', '2017-06-18'],
    ['6/18/69', '1969-06-18'],
    ['June 18, 2017', '2017-06-18'],
    ['Jun. 18 2017', '2017-06-18'],
    ['Sept 18, 2017', '2017-09-18'],
    ['Sunday, June 18th, 2017', '2017-06-18'],
    ['18 Jun 2017', '2017-06-18'],
    ['18-Jun-17', '2017-06-18'],
    ['18th of June, 2017', '2017-06-18'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads an ambiguous numeric date in the order given, month first by default', () => {
    expect(parseDate('06/07/2017')).toBe('2017-06-07');
    expect(parseDate('06/07/2017', 'day-first')).toBe('2017-07-06');
    expect(parseDate('6/18/2017', 'day-first')).toBe('2017-06-18');
  });

  it.each(['2017', '31/06/2017', '2/30/2017', '13/13/2017', 'June 2017', 'Date: 6/18/2017', 'Ju 18 2017'])(
    'reads %j as no date',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});

describe('comparisonKey', () => {
  it('keeps lowercase letters and digits, without accents', () => {
    expect(comparisonKey('Rue de la Paíx, N° 5')).toBe('ruedelapaixn5');
  });
});

describe('boundedEditDistance', () => {
  it('counts edits up to the budget', () => {
    expect(boundedEditDistance('enterprise', 'enterprlse', 1)).toBe(1);
    expect(boundedEditDistance('enterprise', 'enterpnse', 1)).toBe(2);
    expect(boundedEditDistance('enterprise', 'enterpnse', 2)).toBe(2);
    expect(boundedEditDistance('invoice', 'invoices', 1)).toBe(1);
  });

  it('never adds, drops or changes a digit, but reads a lookalike letter for one', () => {
    expect(boundedEditDistance('inv1001', 'inv1002', 3)).toBe(4);
    expect(boundedEditDistance('inv1001', 'inv101', 3)).toBe(4);
    expect(boundedEditDistance('inv1001', 'inv100l', 3)).toBe(1);
    expect(boundedEditDistance('a10', 'ai0', 3)).toBe(1);
    expect(boundedEditDistance('a10', 'ax0', 3)).toBe(4);
  });

  it('allows no edit under 4 characters, one up to 13, then 15% of the length', () => {
    expect([3, 4, 13, 14, 20, 40].map(fuzzyBudget)).toEqual([0, 1, 1, 2, 3, 6]);
  });
});

describe('labels', () => {
  it('split field names and labels into canonical words', () => {
    expect(nameWords('invoice_date')).toEqual(['invoice', 'date']);
    expect(nameWords('InvoiceId')).toEqual(['invoice', 'number']);
    expect(nameWords('lineItems')).toEqual(['line', 'item']);
    expect(nameWords('VATNumber')).toEqual(['vat', 'number']);
    expect(labelWords('Invoice #:')).toEqual(['invoice', 'number']);
    expect(labelWords('Qty.')).toEqual(['quantity']);
  });

  it('score how well a label names a field', () => {
    const score = (field: string, label: string) => labelSimilarity(nameWords(field), labelWords(label));
    expect(score('invoice_date', 'Invoice Date:')).toBe(1);
    expect(score('invoice_date', 'Invoice Due Date')).toBeCloseTo(0.8);
    expect(score('due_date', 'Invoice Date')).toBeCloseTo(0.5);
    expect(score('invoice_id', 'Inv. No.')).toBe(1);
    expect(score('total', 'Subtotal')).toBe(0);
    expect(score('amount', '')).toBe(0);
  });
});
