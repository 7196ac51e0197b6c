import type { JSONSchema as LiteralJSONSchema } from 'json-schema-to-ts';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod/v3';
import {
  type InferSchema,
  type JSONSchema,
  type ResolvedSchema,
  resolveSchema,
  type SchemaInput,
} from '../../src/schema/index.js';

const ZodInvoice = z.object({
  invoiceNumber: z.string().transform((value) => Number.parseInt(value, 10)),
  total: z.number(),
  currency: z.enum(['EUR', 'USD']).default('EUR'),
  vatId: z.string().nullable(),
  notes: z.string().optional(),
});

const S = {
  type: 'object',
  properties: { total: { type: 'number' }, id: { type: 'string' } },
  required: ['total'],
  additionalProperties: false,
} as const;

describe('InferSchema', () => {
  it('is z.output of a zod 4 schema, so transforms, defaults, optional and nullable fields show', () => {
    expectTypeOf<InferSchema<typeof ZodInvoice>>().toEqualTypeOf<z.output<typeof ZodInvoice>>();
    expectTypeOf<InferSchema<typeof ZodInvoice>>().toEqualTypeOf<{
      invoiceNumber: number;
      total: number;
      currency: 'EUR' | 'USD';
      vatId: string | null;
      notes?: string | undefined;
    }>();
  });

  it('is the output of a zod/mini schema', () => {
    const Mini = zm.object({ total: zm.number(), notes: zm.optional(zm.string()) });
    expectTypeOf<InferSchema<typeof Mini>>().toEqualTypeOf<{ total: number; notes?: string | undefined }>();
  });

  it('is the output of a zod 3 schema', () => {
    const Zod3Invoice = z3.object({
      invoiceNumber: z3.string().transform((value) => Number.parseInt(value, 10)),
      total: z3.number(),
      vatId: z3.string().nullable(),
      notes: z3.string().optional(),
    });
    expectTypeOf<InferSchema<typeof Zod3Invoice>>().toEqualTypeOf<z3.output<typeof Zod3Invoice>>();
    expectTypeOf<InferSchema<typeof Zod3Invoice>>().toEqualTypeOf<{
      invoiceNumber: number;
      total: number;
      vatId: string | null;
      notes?: string | undefined;
    }>();
  });

  it('is FromSchema of an `as const` JSON Schema', () => {
    expectTypeOf<InferSchema<typeof S>>().toEqualTypeOf<{ total: number; id?: string }>();
  });

  it('follows $refs into $defs', () => {
    const WithDefs = {
      type: 'object',
      $defs: { line: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] } },
      properties: { lines: { type: 'array', items: { $ref: '#/$defs/line' } } },
      required: ['lines'],
      additionalProperties: false,
    } as const;
    expectTypeOf<InferSchema<typeof WithDefs>>().toEqualTypeOf<{
      lines: { [key: string]: unknown; amount: number }[];
    }>();
  });

  it('is unknown for a JSON Schema whose shape is not known literally', () => {
    expectTypeOf<InferSchema<JSONSchema>>().toBeUnknown();
    expectTypeOf<InferSchema<Exclude<LiteralJSONSchema, boolean>>>().toBeUnknown();
    expectTypeOf<InferSchema<Record<string, unknown>>>().toBeUnknown();
  });

  it('is unknown, not any, for SchemaInput itself', () => {
    expectTypeOf<InferSchema<SchemaInput>>().toBeUnknown();
  });
});

describe('resolveSchema', () => {
  it('returns a ResolvedSchema of the inferred type', () => {
    expectTypeOf(resolveSchema(S)).toEqualTypeOf<ResolvedSchema<{ total: number; id?: string }>>();
    expectTypeOf(resolveSchema(ZodInvoice)).toEqualTypeOf<ResolvedSchema<z.output<typeof ZodInvoice>>>();
    const wide: JSONSchema = { type: 'object', 'x-aliases': ['Invoice'] };
    expectTypeOf(resolveSchema(wide)).toEqualTypeOf<ResolvedSchema<unknown>>();
  });

  it('accepts any SchemaInput where the caller needs only a ResolvedSchema', () => {
    const input: SchemaInput = ZodInvoice;
    const resolved: ResolvedSchema = resolveSchema(input);
    expectTypeOf(resolved).toEqualTypeOf<ResolvedSchema<unknown>>();
    expectTypeOf(resolveSchema(input)).toEqualTypeOf<ResolvedSchema<unknown>>();
  });

  it('infers an inline JSON Schema literally, without `as const`', () => {
    const resolved = resolveSchema({
      type: 'object',
      properties: { total: { type: 'number' } },
      required: ['total'],
      additionalProperties: false,
    });
    expectTypeOf(resolved).toEqualTypeOf<ResolvedSchema<{ total: number }>>();
  });

  it('narrows validate results to the data or the issues', () => {
    const result = resolveSchema(ZodInvoice).validate({});
    if (result.success) expectTypeOf(result.data.invoiceNumber).toEqualTypeOf<number>();
    else
      expectTypeOf(result.issues).toEqualTypeOf<
        readonly { readonly path: string; readonly message: string }[]
      >();
  });

  it('rejects what is not a schema', () => {
    // @ts-expect-error a string is not a schema
    resolveSchema('invoice.schema.json');
    // @ts-expect-error `type` must name a JSON type
    resolveSchema({ type: 'objekt' });
  });
});
