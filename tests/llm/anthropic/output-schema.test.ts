import { describe, expect, it } from 'vitest';
import {
  fitsStructuredOutput,
  toStructuredOutputSchema,
  toToolInputSchema,
} from '../../../src/llm/anthropic/output-schema.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { INVOICE_SCHEMA } from './messages-fixtures.js';

const objectWith = (properties: Record<string, JSONSchema>, required: string[] = []): JSONSchema => ({
  type: 'object',
  properties,
  required,
});

describe('toStructuredOutputSchema', () => {
  it('closes every object and moves the keywords structured output rejects into descriptions', () => {
    expect(toStructuredOutputSchema(INVOICE_SCHEMA)).toEqual({
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
    const adapted = toStructuredOutputSchema(schema) as {
      properties: { payment: Record<string, unknown> };
      $defs: { refund: Record<string, unknown> };
    };
    expect(Object.keys(adapted.properties.payment)).toEqual(['anyOf']);
    expect(Object.keys(adapted.$defs.refund)).toEqual(['anyOf']);
    expect(schema.properties?.payment).toHaveProperty('oneOf');
  });
});

describe('toToolInputSchema', () => {
  it('keeps every keyword and closes every object', () => {
    const tool = toToolInputSchema(INVOICE_SCHEMA) as { properties: Record<string, unknown> };
    expect(tool).toMatchObject({ additionalProperties: false });
    expect(tool).not.toHaveProperty('$schema');
    expect(tool.properties.total).toEqual({ type: 'number', minimum: 0 });
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
