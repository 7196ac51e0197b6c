import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openAIStrictSchema } from '../../../src/llm/openai-compatible/openai-strict-schema.js';
import type { JSONSchema } from '../../../src/schema/index.js';

describe('openAIStrictSchema', () => {
  it("sends zod's discriminated unions (oneOf) as anyOf, which strict mode accepts", () => {
    const Payment = z.discriminatedUnion('method', [
      z.object({ method: z.literal('card'), last4: z.string() }),
      z.object({ method: z.literal('cash') }),
    ]);
    const schema = z.toJSONSchema(z.object({ payment: Payment })) as JSONSchema;

    const strict = openAIStrictSchema(schema).schema as { properties: { payment: Record<string, unknown> } };

    expect(strict.properties.payment).not.toHaveProperty('oneOf');
    expect(strict.properties.payment.anyOf).toHaveLength(2);
  });

  it('keeps a property named oneOf, and oneOf inside const data, as they are', () => {
    const schema = {
      type: 'object',
      properties: { oneOf: { type: 'string' }, tag: { const: { oneOf: 1 } } },
      required: ['oneOf', 'tag'],
    } as const satisfies JSONSchema;

    expect(openAIStrictSchema(schema).schema).toEqual({
      type: 'object',
      properties: { oneOf: { type: 'string' }, tag: { const: { oneOf: 1 } } },
      required: ['oneOf', 'tag'],
      additionalProperties: false,
    });
  });

  it('moves keywords strict mode rejects into the description and keeps those it supports', () => {
    const schema = {
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]+$', maxLength: 8 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 5, uniqueItems: true },
        amount: { type: 'number', minimum: 0, default: 0 },
      },
      required: ['code', 'tags', 'amount'],
    } as const satisfies JSONSchema;

    expect(openAIStrictSchema(schema).schema).toMatchObject({
      properties: {
        code: { type: 'string', pattern: '^[A-Z]+$', description: '(maxLength: 8)' },
        tags: { type: 'array', maxItems: 5, description: '(uniqueItems: true)' },
        amount: { type: 'number', minimum: 0, description: '(default: 0)' },
      },
    });
  });

  it('restores the shape of the original schema: nulls only strict mode allowed are removed', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: ['string', 'null'] } },
      required: ['a'],
    } as const satisfies JSONSchema;

    expect(openAIStrictSchema(schema).restore({ a: 'x', b: null })).toEqual({ a: 'x', b: null });
    expect(openAIStrictSchema({ ...schema, required: [] }).restore({ a: null, b: null })).toEqual({
      b: null,
    });
  });
});
