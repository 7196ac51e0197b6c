import { describe, expect, it } from 'vitest';
import { type ObjectField, readSchema, type ScalarField } from '../../../src/llm/heuristic/schema-fields.js';
import {
  answerWord,
  checkboxValue,
  choicesWritten,
  isCheckboxField,
  readValue,
} from '../../../src/llm/heuristic/value-readers.js';

import type { JSONSchema } from '../../../src/schema/index.js';

/** The field a property with this schema makes. */
function field(schema: JSONSchema): ScalarField {
  const root = readSchema({ type: 'object', properties: { f: schema } }) as ObjectField;
  return root.properties[0] as ScalarField;
}

const read = (f: ScalarField, text: string) => readValue(f, text, 'month-first');

describe('readValue', () => {
  it('reads numbers with currency marks, grouping, decimal commas and accounting negatives', () => {
    expect(read(field({ type: 'number' }), '$56,651.49')).toEqual({ value: 56651.49, certainty: 1 });
    expect(read(field({ type: 'number' }), '1.234,50 €')?.value).toBe(1234.5);
    expect(read(field({ type: 'number' }), '(12.00)')?.value).toBe(-12);
    expect(read(field({ type: 'number' }), '10%')?.value).toBe(10);
    expect(read(field({ type: 'number' }), 'Total')).toBeUndefined();
  });

  it('picks a number out of longer text, and reads OCR lookalike letters as digits, each less sure', () => {
    expect(read(field({ type: 'number' }), '93.50 USD')).toEqual({ value: 93.5, certainty: 1 });
    expect(read(field({ type: 'number' }), 'due 93.50 now')).toEqual({ value: 93.5, certainty: 0.85 });
    expect(read(field({ type: 'number' }), '$56,65l.49')).toEqual({ value: 56651.49, certainty: 0.7 });
  });

  it('reads integers only when the number has no fraction', () => {
    expect(read(field({ type: 'integer' }), '12')?.value).toBe(12);
    expect(read(field({ type: 'integer' }), '12.00')?.value).toBe(12);
    expect(read(field({ type: 'integer' }), '12.50')).toBeUndefined();
  });

  it('keeps numbers within an enum', () => {
    expect(read(field({ type: 'integer', enum: [1, 2] }), '2')?.value).toBe(2);
    expect(read(field({ type: 'integer', enum: [1, 2] }), '3')).toBeUndefined();
  });

  it('writes dates as ISO, in the order the document writes all-numeric dates', () => {
    expect(read(field({ type: 'string', format: 'date' }), '6/18/2017')).toEqual({
      value: '2017-06-18',
      certainty: 1,
    });
    expect(read(field({ type: 'string', format: 'date' }), 'June 18, 2017')?.value).toBe('2017-06-18');
    expect(readValue(field({ type: 'string', format: 'date' }), '06/07/2017', 'day-first')?.value).toBe(
      '2017-07-06',
    );
    expect(read(field({ type: 'string', format: 'date' }), 'Payable on or before 5/24/2024')).toEqual({
      value: '2024-05-24',
      certainty: 0.85,
    });
    expect(read(field({ type: 'string', format: 'date' }), 'soon')).toBeUndefined();
  });

  it('writes date-times with the time written, else midnight, in UTC', () => {
    expect(read(field({ type: 'string', format: 'date-time' }), '6/18/2017')?.value).toBe(
      '2017-06-18T00:00:00Z',
    );
    expect(read(field({ type: 'string', format: 'date-time' }), '6/18/2017 2:30 pm')?.value).toBe(
      '2017-06-18T14:30:00Z',
    );
    expect(read(field({ type: 'string', format: 'date-time' }), '6/18/2017 09:05:10')?.value).toBe(
      '2017-06-18T09:05:10Z',
    );
  });

  it('reads yes-or-no words as booleans', () => {
    expect(read(field({ type: 'boolean' }), 'Yes')?.value).toBe(true);
    expect(read(field({ type: 'boolean' }), 'x')?.value).toBe(true);
    expect(read(field({ type: 'boolean' }), 'No')?.value).toBe(false);
    expect(read(field({ type: 'boolean' }), 'maybe')).toBeUndefined();
  });

  it('matches enum choices by closest text', () => {
    const status = field({ type: 'string', enum: ['open', 'paid in full', 'void'] });
    expect(read(status, 'VOID')).toEqual({ value: 'void', certainty: 1 });
    expect(read(status, 'Status: void')).toEqual({ value: 'void', certainty: 0.9 });
    expect(read(status, 'Paid-in-ful')).toEqual({ value: 'paid in full', certainty: expect.closeTo(0.7) });
    expect(read(status, 'pending')).toBeUndefined();
  });

  it("keeps strings as written, trimmed of the separator after a label, within the field's constraints", () => {
    expect(read(field({ type: 'string' }), ': Sharp Consulting ')).toEqual({
      value: 'Sharp Consulting',
      certainty: 1,
    });
    const code = field({ type: 'string', pattern: '^[A-Z]{2}\\d+$' });
    expect(read(code, 'No. AB1234')).toEqual({ value: 'AB1234', certainty: 0.85 });
    expect(read(field({ type: 'string', maxLength: 3 }), 'toolong')).toBeUndefined();
    expect(read(field({ type: 'string', format: 'email' }), 'Mail: ap@acme.com')?.value).toBe('ap@acme.com');
    expect(read(field({ type: 'number', minimum: 0 }), '-5')).toBeUndefined();
  });
});

describe('checkboxes', () => {
  it('gives a boolean the state, and an enum the choice that names it', () => {
    expect(checkboxValue(field({ type: 'boolean' }), true)).toBe(true);
    const state = field({ type: 'string', enum: ['selected', 'unselected'] });
    expect(checkboxValue(state, false)).toBe('unselected');
    expect(isCheckboxField(state)).toBe(true);
    expect(isCheckboxField(field({ type: 'string', enum: ['open', 'paid'] }))).toBe(false);
  });

  it('knows the words of a yes-or-no answer', () => {
    expect(answerWord('YES')).toBe('yes');
    expect(answerWord('n')).toBe('no');
    expect(answerWord('Maybe')).toBeUndefined();
  });
});

describe('choicesWritten', () => {
  it('finds the choices written as words of their own', () => {
    expect(choicesWritten('Status: PAID in full', ['open', 'paid'])).toEqual(['paid']);
    expect(choicesWritten('Unpaid', ['paid'])).toEqual([]);
  });
});
