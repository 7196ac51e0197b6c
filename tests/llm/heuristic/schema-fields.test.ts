import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  arrayFields,
  type ObjectField,
  readSchema,
  type ScalarField,
  type SchemaField,
  scalarFields,
} from '../../../src/llm/heuristic/schema-fields.js';
import { resolveSchema } from '../../../src/schema/index.js';

function property(root: SchemaField | undefined, name: string): SchemaField {
  const found = (root as ObjectField).properties.find((field) => field.name === name);
  if (found === undefined) throw new Error(`no property ${name}`);
  return found;
}

const labelTexts = (field: SchemaField) => field.labels.map((form) => form.words.join(' '));

describe('readSchema', () => {
  it('reads value types, formats, enums and which fields are required', () => {
    const root = readSchema({
      type: 'object',
      properties: {
        invoice_number: { type: 'string' },
        issued: { type: 'string', format: 'date' },
        stamped: { type: 'string', format: 'date-time' },
        total: { type: 'number' },
        lines: { type: 'integer' },
        paid: { type: 'boolean' },
        status: { type: 'string', enum: ['open', 'paid'] },
        code: { type: 'string', pattern: '^[A-Z]+$', minLength: 2, maxLength: 5 },
      },
      required: ['invoice_number', 'total'],
    });
    const fields = scalarFields(root as SchemaField);
    expect(fields.map((field) => [field.name, field.type, field.required])).toEqual([
      ['invoice_number', 'string', true],
      ['issued', 'date', false],
      ['stamped', 'date-time', false],
      ['total', 'number', true],
      ['lines', 'integer', false],
      ['paid', 'boolean', false],
      ['status', 'string', false],
      ['code', 'string', false],
    ]);
    expect(property(root, 'status')).toMatchObject({ choices: ['open', 'paid'] });
    const code = property(root, 'code') as ScalarField;
    expect([code.accepts('ABC'), code.accepts('A'), code.accepts('abc')]).toEqual([true, false, false]);
  });

  it('takes null from type arrays, anyOf branches, enums and const', () => {
    const root = readSchema({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        c: { enum: ['x', null] },
        d: { type: 'string' },
      },
    });
    expect(['a', 'b', 'c', 'd'].map((name) => property(root, name).nullable)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(property(root, 'b')).toMatchObject({ kind: 'scalar', type: 'number' });
    expect(property(root, 'c')).toMatchObject({ type: 'string', choices: ['x'] });
  });

  it('follows $refs into $defs and merges allOf', () => {
    const root = readSchema({
      $defs: {
        Money: { type: 'number', title: 'Amount' },
        Party: { type: 'object', properties: { name: { type: 'string' } } },
      },
      type: 'object',
      properties: {
        total: { $ref: '#/$defs/Money', description: 'Grand total' },
        vendor: {
          allOf: [
            { $ref: '#/$defs/Party' },
            { properties: { tax_id: { type: 'string' } }, required: ['tax_id'] },
          ],
        },
      },
    });
    expect(property(root, 'total')).toMatchObject({ kind: 'scalar', type: 'number' });
    expect(labelTexts(property(root, 'total')).slice(0, 3)).toEqual(['total', 'amount', 'grand total']);
    const vendor = property(root, 'vendor') as ObjectField;
    expect(vendor.properties.map((field) => [field.name, field.required])).toEqual([
      ['name', false],
      ['tax_id', true],
    ]);
  });

  it('stops at a recursive $ref instead of looping', () => {
    const root = readSchema({
      $defs: {
        Node: { type: 'object', properties: { label: { type: 'string' }, child: { $ref: '#/$defs/Node' } } },
      },
      $ref: '#/$defs/Node',
    });
    expect(root?.kind).toBe('object');
  });

  it('labels a field by its name, title, x-aliases, aliases and the quoted phrases of its description', () => {
    const root = readSchema({
      type: 'object',
      properties: {
        invoiceId: { type: 'string', title: 'Invoice #', 'x-aliases': ['Bill No'], aliases: ['Reference'] },
        income: { type: 'number', description: "Row 'Net Employment Income', the APPLICANT's column." },
        note: { type: 'string', description: 'Remarks' },
        long: { type: 'string', description: 'A description far too long to be the label on the page.' },
      },
    });
    expect(property(root, 'invoiceId').labels).toEqual([
      { words: ['invoice', 'number'], weight: 1 },
      { words: ['bill', 'number'], weight: 1 },
      { words: ['reference'], weight: 1 },
    ]);
    expect(labelTexts(property(root, 'income'))).toEqual(['income', 'net employment income']);
    expect(labelTexts(property(root, 'note'))).toEqual(['note', 'remark']);
    expect(labelTexts(property(root, 'long'))).toEqual(['long']);
  });

  it("reads the aliases of zod's .meta()", () => {
    const schema = z.object({ total: z.number().meta({ aliases: ['Amount due'] }) });
    const root = readSchema(resolveSchema(schema).jsonSchema);
    expect(labelTexts(property(root, 'total')).slice(0, 2)).toEqual(['total', 'amount due']);
  });

  it("adds the labels documents print for a field's role, after its own and weighing less", () => {
    const root = readSchema({
      type: 'object',
      properties: {
        total: { type: 'number' },
        invoice_date: { type: 'string', format: 'date' },
        due_date: { type: 'string', format: 'date' },
        invoice_number: { type: 'string' },
      },
    });
    const total = property(root, 'total');
    expect(labelTexts(total)).toEqual(expect.arrayContaining(['total', 'amount due', 'grand total']));
    expect(total.labels.find((form) => form.words.join(' ') === 'amount due')?.weight).toBeLessThan(1);
    expect(labelTexts(property(root, 'invoice_date'))).toEqual(expect.arrayContaining(['date', 'issued']));
    // A due date is labelled as one: the document's `Date` is not its label.
    expect(labelTexts(property(root, 'due_date'))).toEqual(['due date']);
    expect(labelTexts(property(root, 'invoice_number'))).toEqual(['invoice number']);
  });

  it("names a nested object's fields with the parent's labels too, and a name field by the parent alone", () => {
    const root = readSchema({
      type: 'object',
      properties: {
        vendor: {
          type: 'object',
          title: 'Seller',
          properties: { name: { type: 'string' }, address: { type: 'string' } },
        },
      },
    });
    const vendor = property(root, 'vendor') as ObjectField;
    const [name, address] = vendor.properties as [ScalarField, ScalarField];
    expect(labelTexts(name)).toEqual(['vendor name', 'seller name', 'name', 'vendor', 'seller']);
    expect(labelTexts(address)).toEqual(['vendor address', 'seller address', 'address']);
    expect(name.labels.find((form) => form.words.join(' ') === 'vendor')?.weight).toBeLessThan(1);
  });

  it('finds the arrays outside other arrays, with their item fields labelled by their own names', () => {
    const root = readSchema({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { qty: { type: 'integer' } } },
        },
      },
    });
    const [items] = arrayFields(root as SchemaField);
    const item = items?.items as ObjectField;
    expect(item.kind).toBe('object');
    expect(labelTexts(item.properties[0] as SchemaField)).toEqual(['quantity']);
    expect(scalarFields(root as SchemaField)).toEqual([]);
  });
});
