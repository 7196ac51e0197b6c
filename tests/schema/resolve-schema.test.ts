import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod/v3';
import { type JSONSchema, resolveSchema } from '../../src/schema/index.js';

function expectFailure(result: ReturnType<ReturnType<typeof resolveSchema>['validate']>) {
  if (result.success) throw new Error(`expected validation to fail, got ${JSON.stringify(result.data)}`);
  return result.issues;
}

const validInvoice = {
  invoiceNumber: ' inv-042 ',
  issuedOn: '2024-02-29',
  customer: { name: 'ACME GmbH', vatId: null },
  payment: { method: 'transfer', iban: 'DE02120300000000202051' },
  lines: [
    { description: 'Widgets', quantity: 3, unitPrice: 2.5 },
    { description: 'Shipping', quantity: 1, unitPrice: 4 },
  ],
  total: 11.5,
};

describe('resolveSchema with a zod 4 schema', () => {
  const LineItem = z.object({
    description: z.string(),
    quantity: z.number().int().positive(),
    unitPrice: z.number(),
  });
  const ZodInvoice = z.object({
    invoiceNumber: z.string().transform((value) => value.trim().toUpperCase()),
    issuedOn: z.iso.date(),
    currency: z.enum(['EUR', 'USD']).default('EUR'),
    customer: z.object({ name: z.string(), vatId: z.string().nullable() }),
    payment: z.union([
      z.object({ method: z.literal('card'), last4: z.string().length(4) }),
      z.object({ method: z.literal('transfer'), iban: z.string() }),
    ]),
    lines: z.array(LineItem).min(1),
    total: z.number(),
    notes: z.string().optional(),
  });
  const invoice = resolveSchema(ZodInvoice);

  it('describes the input side: transformed fields by their input, defaulted fields as optional', () => {
    expect(invoice.kind).toBe('zod4');
    const { jsonSchema } = invoice;
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(jsonSchema.properties?.invoiceNumber).toEqual({ type: 'string' });
    expect(jsonSchema.properties?.currency).toEqual({ type: 'string', enum: ['EUR', 'USD'], default: 'EUR' });
    expect(jsonSchema.properties?.issuedOn).toMatchObject({ type: 'string', format: 'date' });
    expect(jsonSchema.required).toEqual([
      'invoiceNumber',
      'issuedOn',
      'customer',
      'payment',
      'lines',
      'total',
    ]);
  });

  it('parses valid data into the output: transforms run, defaults apply, null is kept', () => {
    const result = invoice.validate(validInvoice);
    expect(result).toEqual({
      success: true,
      data: { ...validInvoice, invoiceNumber: 'INV-042', currency: 'EUR' },
    });
  });

  it('reports every problem of an invalid answer with a JSON Pointer', () => {
    const issues = expectFailure(
      invoice.validate({
        ...validInvoice,
        issuedOn: '2023-02-29',
        currency: 'GBP',
        lines: [{ description: 'Widgets', quantity: '3', unitPrice: 2.5 }, { description: 'Shipping' }],
        total: '11.50',
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/issuedOn', message: 'must match format "date"' },
        { path: '/currency', message: 'must be equal to one of the allowed values: "EUR", "USD"' },
        { path: '/lines/0/quantity', message: 'must be integer' },
        { path: '/lines/1/quantity', message: "must have required property 'quantity'" },
        { path: '/total', message: 'must be number' },
      ]),
    );
    // The regex zod emits alongside `format: date` would only repeat the format error.
    expect(issues.filter((issue) => issue.path === '/issuedOn')).toHaveLength(1);
  });

  it('rejects an answer matching no branch of a union', () => {
    const issues = expectFailure(
      invoice.validate({ ...validInvoice, payment: { method: 'card', last4: '12' } }),
    );
    expect(issues.map((issue) => issue.path)).toContain('/payment');
  });

  it('runs checks JSON Schema cannot express after it, reporting them at their path', () => {
    const Totals = z
      .object({ lines: z.array(z.number()), total: z.number() })
      .refine((value) => value.lines.reduce((sum, line) => sum + line, 0) === value.total, {
        message: 'total must equal the sum of the lines',
        path: ['total'],
      });
    const totals = resolveSchema(Totals);
    expect(totals.validate({ lines: [1, 2], total: 3 })).toEqual({
      success: true,
      data: { lines: [1, 2], total: 3 },
    });
    expect(expectFailure(totals.validate({ lines: [1, 2], total: 4 }))).toEqual([
      { path: '/total', message: 'total must equal the sum of the lines' },
    ]);
  });

  it('strips unknown keys like zod does, and rejects them for z.strictObject', () => {
    const loose = resolveSchema(z.object({ total: z.number() }));
    expect(loose.validate({ total: 1, extra: true })).toEqual({ success: true, data: { total: 1 } });
    const strict = resolveSchema(z.strictObject({ total: z.number() }));
    expect(expectFailure(strict.validate({ total: 1, extra: true }))).toEqual([
      { path: '', message: "must NOT have additional property 'extra'" },
    ]);
  });

  it('follows recursive schemas and schemas registered with an id', () => {
    const Category = z.object({
      name: z.string(),
      get children() {
        return z.array(Category);
      },
    });
    const Address = z.object({ city: z.string() }).meta({ id: 'DocpipeSchemaTestAddress' });
    const tree = resolveSchema(z.object({ root: Category, billing: Address, shipping: Address }));
    expect(JSON.stringify(tree.jsonSchema)).toContain('"$ref":"#/$defs/DocpipeSchemaTestAddress"');
    const value = {
      root: { name: 'a', children: [{ name: 'b', children: [] }] },
      billing: { city: 'Berlin' },
      shipping: { city: 'Paris' },
    };
    expect(tree.validate(value)).toEqual({ success: true, data: value });
    const issues = expectFailure(
      tree.validate({ ...value, root: { name: 'a', children: [{ name: 2, children: [] }] }, shipping: {} }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/root/children/0/name', message: 'must be string' },
        { path: '/shipping/city', message: "must have required property 'city'" },
      ]),
    );
  });

  it('never takes the zod 3 path, although zod 4 schemas also have _def and safeParse', () => {
    // zod-to-json-schema turns a zod 4 schema into `{}`, which would accept anything.
    const Schema = z.object({ total: z.number() });
    expect(Schema).toHaveProperty('_def');
    expect(typeof Schema.safeParse).toBe('function');
    const resolved = resolveSchema(Schema);
    expect(resolved.kind).toBe('zod4');
    expect(resolved.jsonSchema.properties).toEqual({ total: { type: 'number' } });
    expect(resolved.validate({}).success).toBe(false);
  });

  it('reports a transform that throws as an issue instead of throwing', () => {
    const resolved = resolveSchema(
      z.string().transform((): string => {
        throw new TypeError('cannot parse amount');
      }),
    );
    expect(expectFailure(resolved.validate('12,50'))).toEqual([
      { path: '', message: 'the zod schema threw: cannot parse amount' },
    ]);
  });

  it('escapes keys in zod issue paths as JSON Pointer segments', () => {
    const resolved = resolveSchema(
      z.object({ 'net/gross~ratio': z.number().refine(() => false, 'never valid') }),
    );
    expect(expectFailure(resolved.validate({ 'net/gross~ratio': 1 }))).toEqual([
      { path: '/net~1gross~0ratio', message: 'never valid' },
    ]);
  });
});

describe('resolveSchema with a zod/mini schema', () => {
  const MiniInvoice = zm.object({
    total: zm.number().check(zm.refine((total) => total > 0, 'total must be positive')),
    issuedOn: zm.iso.date(),
    currency: zm._default(zm.enum(['EUR', 'USD']), 'EUR'),
    notes: zm.optional(zm.string()),
  });
  const invoice = resolveSchema(MiniInvoice);

  it('converts, validates and parses it like a classic zod 4 schema', () => {
    expect(invoice.kind).toBe('zod4');
    expect(invoice.jsonSchema.required).toEqual(['total', 'issuedOn']);
    expect(invoice.validate({ total: 3, issuedOn: '2024-05-01' })).toEqual({
      success: true,
      data: { total: 3, issuedOn: '2024-05-01', currency: 'EUR' },
    });
    expect(expectFailure(invoice.validate({ total: 3, issuedOn: '2024-13-01' }))).toEqual([
      { path: '/issuedOn', message: 'must match format "date"' },
    ]);
    expect(expectFailure(invoice.validate({ total: -3, issuedOn: '2024-05-01' }))).toEqual([
      { path: '/total', message: 'total must be positive' },
    ]);
  });
});

describe('resolveSchema with a zod 3 schema', () => {
  const Address = z3.object({ street: z3.string(), city: z3.string() });
  const Category: z3.ZodType<{ name: string; children: unknown[] }> = z3.lazy(() =>
    z3.object({ name: z3.string(), children: z3.array(Category) }),
  );
  const Zod3Invoice = z3.object({
    invoiceNumber: z3.string().transform((value) => value.trim().toUpperCase()),
    issuedOn: z3.string().date(),
    currency: z3.enum(['EUR', 'USD']).default('EUR'),
    customer: z3.object({ name: z3.string(), vatId: z3.string().nullable() }),
    payment: z3.discriminatedUnion('method', [
      z3.object({ method: z3.literal('card'), last4: z3.string().length(4) }),
      z3.object({ method: z3.literal('transfer'), iban: z3.string() }),
    ]),
    lines: z3.array(
      z3.object({ description: z3.string(), quantity: z3.number().int(), unitPrice: z3.number() }),
    ),
    billing: Address,
    shipping: Address,
    category: Category.optional(),
    total: z3.number(),
    notes: z3.string().optional(),
  });
  const invoice = resolveSchema(Zod3Invoice);
  const value = {
    ...validInvoice,
    billing: { street: 'Main St 1', city: 'Berlin' },
    shipping: { street: 'Rue 2', city: 'Paris' },
    category: { name: 'office', children: [{ name: 'paper', children: [] }] },
  };

  it('converts it to a draft-07 JSON Schema of its input', () => {
    expect(invoice.kind).toBe('zod3');
    expect(invoice.jsonSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(invoice.jsonSchema.properties?.invoiceNumber).toEqual({ type: 'string' });
    expect(invoice.jsonSchema.required).not.toContain('currency');
    // A reused schema becomes a $ref to where it first appeared.
    expect(invoice.jsonSchema.properties?.shipping).toEqual({ $ref: '#/properties/billing' });
  });

  it('parses valid data into the output: transforms run, defaults apply, unknown keys are stripped', () => {
    expect(invoice.validate({ ...value, extra: 1 })).toEqual({
      success: true,
      data: { ...value, invoiceNumber: 'INV-042', currency: 'EUR' },
    });
  });

  it('reports invalid data with paths, following $refs and recursion', () => {
    const issues = expectFailure(
      invoice.validate({
        ...value,
        issuedOn: '2024-02-30',
        shipping: { street: 'Rue 2' },
        category: { name: 'office', children: [{ name: 1, children: [] }] },
        lines: [{ description: 'Widgets', quantity: 1.5, unitPrice: 2 }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/issuedOn', message: 'must match format "date"' },
        { path: '/shipping/city', message: "must have required property 'city'" },
        { path: '/category/children/0/name', message: 'must be string' },
        { path: '/lines/0/quantity', message: 'must be integer' },
      ]),
    );
  });

  it('runs refinements after the JSON Schema check and rejects unknown keys for .strict()', () => {
    const Totals = z3
      .object({ net: z3.number(), gross: z3.number() })
      .strict()
      .refine((totals) => totals.gross >= totals.net, {
        message: 'gross must not be below net',
        path: ['gross'],
      });
    const totals = resolveSchema(Totals);
    expect(expectFailure(totals.validate({ net: 10, gross: 5 }))).toEqual([
      { path: '/gross', message: 'gross must not be below net' },
    ]);
    expect(expectFailure(totals.validate({ net: 10, gross: 12, tax: 2 }))).toEqual([
      { path: '', message: "must NOT have additional property 'tax'" },
    ]);
  });
});

describe('resolveSchema with a JSON Schema object', () => {
  const InvoiceSchema = {
    type: 'object',
    $defs: {
      line: {
        type: 'object',
        properties: { description: { type: 'string' }, amount: { type: 'number' } },
        required: ['description', 'amount'],
        additionalProperties: false,
      },
    },
    properties: {
      invoiceNumber: { type: 'string', 'x-aliases': ['Invoice No.', 'Rechnungsnummer'] },
      issuedOn: { type: 'string', format: 'date' },
      paidAt: { type: ['string', 'null'], format: 'date-time' },
      currency: { enum: ['EUR', 'USD'] },
      payment: {
        oneOf: [
          { type: 'object', properties: { card: { type: 'string' } }, required: ['card'] },
          { type: 'object', properties: { iban: { type: 'string' } }, required: ['iban'] },
        ],
      },
      reference: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      email: { type: 'string', format: 'email' },
      lines: { type: 'array', items: { $ref: '#/$defs/line' } },
      total: { type: 'number' },
    },
    required: ['invoiceNumber', 'issuedOn', 'lines', 'total'],
    additionalProperties: false,
  } as const;
  const invoice = resolveSchema(InvoiceSchema);
  const value = {
    invoiceNumber: 'INV-1',
    issuedOn: '2024-05-01',
    paidAt: null,
    currency: 'EUR',
    payment: { iban: 'DE02120300000000202051' },
    reference: 42,
    email: 'billing@example.com',
    lines: [{ description: 'Widgets', amount: 7.5 }],
    total: 7.5,
  };

  it('returns the valid value itself as data', () => {
    expect(invoice.kind).toBe('json-schema');
    const result = invoice.validate(value);
    expect(result.success && result.data).toBe(value);
    expect(invoice.validate({ ...value, paidAt: '2024-05-02T10:00:00Z' }).success).toBe(true);
  });

  it('reports formats, enums, unions, $ref targets and unknown or missing keys with readable messages', () => {
    const issues = expectFailure(
      invoice.validate({
        ...value,
        issuedOn: '2024-02-30',
        paidAt: 'yesterday',
        currency: 'GBP',
        payment: { iban: 'DE02', card: '4242' },
        reference: 1.5,
        email: 'billing',
        lines: [{ description: 'Widgets', amount: '7.50', discount: 1 }],
        total: undefined,
        tax: 1,
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/total', message: "must have required property 'total'" },
        { path: '', message: "must NOT have additional property 'tax'" },
        { path: '/issuedOn', message: 'must match format "date"' },
        { path: '/paidAt', message: 'must match format "date-time"' },
        { path: '/currency', message: 'must be equal to one of the allowed values: "EUR", "USD"' },
        { path: '/payment', message: 'must match exactly one schema in oneOf' },
        { path: '/reference', message: 'must match a schema in anyOf' },
        { path: '/email', message: 'must match format "email"' },
        { path: '/lines/0/amount', message: 'must be number' },
        { path: '/lines/0', message: "must NOT have additional property 'discount'" },
      ]),
    );
  });

  it('sends a frozen deep copy that keeps annotation keywords and is stable', () => {
    const { jsonSchema } = invoice;
    expect(jsonSchema).toEqual(InvoiceSchema);
    expect(jsonSchema).not.toBe(InvoiceSchema);
    expect(jsonSchema.properties?.invoiceNumber).toEqual({
      type: 'string',
      'x-aliases': ['Invoice No.', 'Rechnungsnummer'],
    });
    expect(Object.isFrozen(jsonSchema.properties?.lines)).toBe(true);
    expect(JSON.stringify(resolveSchema(InvoiceSchema).jsonSchema)).toBe(JSON.stringify(jsonSchema));
  });

  it('is not affected by later changes to the object passed in', () => {
    const total: { type: 'number' | 'string' } = { type: 'number' };
    const resolved = resolveSchema({ type: 'object', properties: { total } });
    total.type = 'string';
    expect(resolved.jsonSchema.properties?.total).toEqual({ type: 'number' });
    expect(resolved.validate({ total: 1 }).success).toBe(true);
  });

  it('uses draft-07 for draft-07 schemas, with definitions', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { amount: { type: 'number', minimum: 0 } },
      properties: {
        total: { $ref: '#/definitions/amount' },
        // `prefixItems` only means something from 2020-12 on: draft-07 ignores it.
        pair: { type: 'array', prefixItems: [{ type: 'number' }] },
      },
    } as const;
    const resolved = resolveSchema(schema);
    expect(resolved.validate({ total: 5, pair: ['x'] }).success).toBe(true);
    expect(expectFailure(resolved.validate({ total: -1 }))).toEqual([
      { path: '/total', message: 'must be >= 0' },
    ]);
    const { $schema: _, ...as2020 } = schema;
    expect(expectFailure(resolveSchema(as2020).validate({ total: 5, pair: ['x'] }))).toEqual([
      { path: '/pair/0', message: 'must be number' },
    ]);
  });

  it('uses 2019-09 for 2019-09 schemas', () => {
    const resolved = resolveSchema({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      $defs: { id: { type: 'string', minLength: 3 } },
      properties: { id: { $ref: '#/$defs/id' } },
      dependentRequired: { iban: ['bic'] },
    });
    expect(resolved.validate({ id: 'abc' }).success).toBe(true);
    expect(expectFailure(resolved.validate({ id: 'ab', iban: 'DE02' }))).toEqual([
      { path: '/id', message: 'must NOT have fewer than 3 characters' },
      { path: '', message: 'must have property bic when property iban is present' },
    ]);
  });

  it('resolves different schemas that share an $id', () => {
    const first = resolveSchema({ $id: 'https://example.com/invoice', type: 'object', required: ['a'] });
    const second = resolveSchema({ $id: 'https://example.com/invoice', type: 'object', required: ['b'] });
    expect(first.validate({ a: 1 }).success).toBe(true);
    expect(second.validate({ b: 1 }).success).toBe(true);
    expect(second.validate({ a: 1 }).success).toBe(false);
  });

  it('follows a recursive $ref to the root', () => {
    // Typed as the wide JSONSchema: json-schema-to-ts cannot infer a type for a recursive literal.
    const Tree: JSONSchema = {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
      required: ['name'],
    };
    const resolved = resolveSchema(Tree);
    expect(
      resolved.validate({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] }).success,
    ).toBe(true);
    expect(expectFailure(resolved.validate({ name: 'a', children: [{ children: [] }] }))).toEqual([
      { path: '/children/0/name', message: "must have required property 'name'" },
    ]);
  });
});
