import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fitsStructuredOutput,
  toStructuredOutputSchema,
  toToolInputSchema,
} from '../../../src/llm/anthropic/output-schema.js';
import { type JSONSchema, resolveSchema } from '../../../src/schema/index.js';
import { INVOICE_SCHEMA } from './messages-fixtures.js';

const objectWith = (properties: Record<string, JSONSchema>, required: string[] = []): JSONSchema => ({
  type: 'object',
  properties,
  required,
});

describe('toStructuredOutputSchema', () => {
  it('closes every object and moves the keywords structured output rejects into descriptions', () => {
    expect(toStructuredOutputSchema(INVOICE_SCHEMA).schema).toEqual({
      type: 'object',
      properties: {
        invoice_number: { type: 'string', description: '(minLength: 1)' },
        total: { type: 'number', description: '(minimum: 0)' },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { description: { type: 'string' }, amount: { type: 'number' } },
            additionalProperties: false,
          },
        },
      },
      required: ['invoice_number', 'total'],
      additionalProperties: false,
    });
  });

  it('turns oneOf (a zod discriminated union) into anyOf, in definitions too', () => {
    const card = objectWith({ kind: { const: 'card' } }, ['kind']);
    const cash = objectWith({ kind: { const: 'cash' } }, ['kind']);
    const schema: JSONSchema = {
      ...objectWith({ payment: { oneOf: [card, cash] }, refund: { $ref: '#/$defs/refund' } }),
      $defs: { refund: { oneOf: [card, cash] } },
    };
    const adapted = toStructuredOutputSchema(schema).schema as {
      properties: { payment: Record<string, unknown> };
      $defs: { refund: Record<string, unknown> };
    };
    expect(Object.keys(adapted.properties.payment)).toEqual(['anyOf']);
    expect(Object.keys(adapted.$defs.refund)).toEqual(['anyOf']);
    expect(schema.properties?.payment).toHaveProperty('oneOf');
  });

  it('sends a record as a list of entries, and restores the record from the answer', () => {
    const totals = z.object({ currency: z.string(), byTaxRate: z.record(z.string(), z.number().min(0)) });
    const { jsonSchema, validate } = resolveSchema(totals);
    const strict = toStructuredOutputSchema(jsonSchema);
    expect(strict.schema).toMatchObject({
      properties: {
        byTaxRate: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: { type: 'string' }, value: { type: 'number', description: '(minimum: 0)' } },
            required: ['key', 'value'],
            additionalProperties: false,
          },
        },
      },
    });
    const answer = {
      currency: 'EUR',
      byTaxRate: [
        { key: '20%', value: 12.5 },
        { key: '5%', value: 1 },
      ],
    };
    const restored = strict.restore(answer);
    expect(restored).toEqual({ currency: 'EUR', byTaxRate: { '20%': 12.5, '5%': 1 } });
    expect(validate(restored).success).toBe(true);
  });
});

describe('toToolInputSchema', () => {
  it('keeps every keyword and closes every object but records, whose keys are data', () => {
    const tool = toToolInputSchema(INVOICE_SCHEMA).schema as { properties: Record<string, unknown> };
    expect(tool).toMatchObject({ additionalProperties: false });
    expect(tool).not.toHaveProperty('$schema');
    expect(tool.properties.total).toEqual({ type: 'number', minimum: 0 });
    const record = { type: 'object', additionalProperties: { type: 'number' } } as const;
    const withRecord = toToolInputSchema(objectWith({ byTaxRate: record }));
    expect(withRecord.schema.properties?.byTaxRate).toEqual(record);
    expect(withRecord.restore({ byTaxRate: { a: 1 } })).toEqual({ byTaxRate: { a: 1 } });
  });
});

describe('fitsStructuredOutput', () => {
  const optional = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`field_${i}`, { type: 'string' } as JSONSchema]),
    );

  it('takes up to 24 optional properties in all', () => {
    expect(fitsStructuredOutput(objectWith(optional(24)))).toBe(true);
    expect(
      fitsStructuredOutput(objectWith({ ...optional(20), nested: objectWith(optional(5)) }, ['nested'])),
    ).toBe(false);
  });

  it('takes up to 16 unions, nullable types included', () => {
    const unions = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`u_${i}`, { type: ['string', 'null'] } as JSONSchema]),
      );
    expect(fitsStructuredOutput(objectWith(unions(16), Object.keys(unions(16))))).toBe(true);
    expect(fitsStructuredOutput(objectWith(unions(17), Object.keys(unions(17))))).toBe(false);
  });

  it('counts a definition each time it is used', () => {
    const schema: JSONSchema = {
      ...objectWith({ a: { $ref: '#/$defs/party' }, b: { $ref: '#/$defs/party' } }, ['a', 'b']),
      $defs: { party: objectWith(optional(13)) },
    };
    expect(fitsStructuredOutput(schema)).toBe(false);
  });

  it('rejects recursive schemas and tuples', () => {
    const tree: JSONSchema = {
      ...objectWith({ children: { type: 'array', items: { $ref: '#' } } }, ['children']),
    };
    expect(fitsStructuredOutput(tree)).toBe(false);
    const pair = objectWith(
      { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
      ['pair'],
    );
    expect(fitsStructuredOutput(pair)).toBe(false);
  });
});
