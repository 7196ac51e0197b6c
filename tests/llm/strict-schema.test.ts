import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toStrictSchema } from '../../src/llm/strict-schema.js';
import { resolveSchema } from '../../src/schema/index.js';

const Invoice = z.object({
  invoice_number: z.string(),
  total: z.number().min(0),
  note: z.string().optional(),
  discount: z.number().nullable().optional(),
  items: z.array(z.object({ sku: z.string().min(3), qty: z.number().int().optional() })).max(100),
});
const { jsonSchema, validate } = resolveSchema(Invoice);

const OPENAI_LIKE = { unsupportedKeywords: [], allPropertiesRequired: true, recordsAsEntries: true };

describe('toStrictSchema', () => {
  it('closes every object and moves unsupported keywords into descriptions (Anthropic-like)', () => {
    const { schema } = toStrictSchema(jsonSchema, {
      unsupportedKeywords: ['minimum', 'minLength', 'maxItems'],
      allPropertiesRequired: false,
      recordsAsEntries: true,
    });
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({
      additionalProperties: false,
      required: ['invoice_number', 'total', 'items'],
      properties: {
        total: { type: 'number', description: '(minimum: 0)' },
        items: {
          description: '(maxItems: 100)',
          items: {
            additionalProperties: false,
            properties: { sku: { type: 'string', description: '(minLength: 3)' } },
          },
        },
      },
    });
  });

  it('requires every property for OpenAI, makes optional ones nullable, and restores the original shape', () => {
    const strict = toStrictSchema(jsonSchema, OPENAI_LIKE);
    expect(strict.schema).toMatchObject({
      required: ['invoice_number', 'total', 'note', 'discount', 'items'],
      properties: {
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        // Already nullable: left as it is.
        discount: { type: ['number', 'null'] },
      },
    });
    const answer = {
      invoice_number: 'A',
      total: 1,
      note: null,
      discount: null,
      items: [{ sku: 'abc', qty: null }],
    };
    const restored = strict.restore(answer);
    expect(restored).toEqual({ invoice_number: 'A', total: 1, discount: null, items: [{ sku: 'abc' }] });
    expect(validate(restored).success).toBe(true);
    expect(validate(answer).success).toBe(false);
  });

  it('follows local $refs when restoring', () => {
    const schema = {
      type: 'object',
      properties: { buyer: { $ref: '#/$defs/party' } },
      required: ['buyer'],
      $defs: {
        party: {
          type: 'object',
          properties: { name: { type: 'string' }, vat: { type: 'string' } },
          required: ['name'],
        },
      },
    } as const;
    const strict = toStrictSchema(schema, OPENAI_LIKE);
    expect(strict.schema).toMatchObject({ $defs: { party: { required: ['name', 'vat'] } } });
    expect(strict.restore({ buyer: { name: 'X', vat: null } })).toEqual({ buyer: { name: 'X' } });
  });

  it('sends records as entry lists, optional and nested ones too, and restores them', () => {
    const Totals = z.object({
      byTaxRate: z.record(z.string(), z.object({ net: z.number(), tax: z.number().optional() })),
      notes: z.record(z.string(), z.string()).optional(),
      pages: z.array(z.object({ labels: z.record(z.string(), z.string()) })),
    });
    const totals = resolveSchema(Totals);
    const strict = toStrictSchema(totals.jsonSchema, OPENAI_LIKE);
    expect(strict.schema).toMatchObject({
      required: ['byTaxRate', 'notes', 'pages'],
      properties: {
        byTaxRate: { type: 'array', items: { required: ['key', 'value'], additionalProperties: false } },
        notes: { anyOf: [{ type: 'array' }, { type: 'null' }] },
        pages: { items: { properties: { labels: { type: 'array' } } } },
      },
    });
    const answer = {
      byTaxRate: [{ key: '20%', value: { net: 10, tax: null } }],
      notes: null,
      pages: [{ labels: [{ key: 'A', value: 'x' }] }],
    };
    const restored = strict.restore(answer);
    expect(restored).toEqual({ byTaxRate: { '20%': { net: 10 } }, pages: [{ labels: { A: 'x' } }] });
    expect(totals.validate(restored).success).toBe(true);
    expect(strict.restore({ ...answer, notes: [{ key: 'k', value: 'v' }] })).toMatchObject({
      notes: { k: 'v' },
    });
  });
});
