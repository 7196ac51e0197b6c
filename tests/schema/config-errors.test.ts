import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { z as z3 } from 'zod/v3';
import { resolveSchema, type SchemaInput } from '../../src/schema/index.js';
import { ConfigError } from '../../src/spec/errors.js';

/** Resolves `schema` (typed loosely: these are the mistakes the types exist to prevent) and returns the error. */
function configErrorOf(schema: unknown): ConfigError {
  try {
    resolveSchema(schema as SchemaInput);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected resolveSchema to throw a ConfigError');
}

const circular: Record<string, unknown> = { type: 'object', properties: {} };
(circular.properties as Record<string, unknown>).self = circular;

describe('resolveSchema rejects with a ConfigError naming the problem and the fix', () => {
  it.each([
    ['a string', 'invoice.schema.json', [/got a string/, /z\.object\(/, /JSON\.parse it first/]],
    ['null', null, [/got null/, /JSON Schema object/]],
    ['an array', [{ type: 'string' }], [/got an array/, /\{ type: 'object'/]],
    ['a number', 42, [/got a number/]],
    ['a class instance', new Map(), [/got a Map/]],
    [
      'a schema of another library',
      { '~standard': { version: 1, vendor: 'valibot', validate: () => ({}) } },
      [/is a valibot schema/, /convert it to a JSON Schema object/],
    ],
    [
      'a copy of a zod schema',
      { _def: { type: 'object' }, safeParse: () => ({}) },
      [/neither zod 4 .* nor zod 3/, /created with 'zod', 'zod\/mini' or 'zod\/v3'/],
    ],
    [
      'a JSON Schema failing the meta-schema',
      { type: 'object', properties: { total: { type: 'objekt' } } },
      [
        /not a valid JSON Schema/,
        /\/properties\/total\/type: must be equal to one of the allowed values: "array"/,
        /passes the draft 2020-12 meta-schema/,
      ],
    ],
    [
      'a draft-07 JSON Schema failing its meta-schema',
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        required: 'total',
      },
      [/\/required: must be array/, /draft-07 meta-schema/],
    ],
    [
      'an unresolvable $ref',
      { type: 'object', properties: { lines: { $ref: '#/$defs/line' } } },
      [/\$ref to '#\/\$defs\/line', which points to nothing/, /define it \(under \$defs/],
    ],
    [
      'an unsupported $schema',
      { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' },
      [/draft-04.*a dialect docpipe does not support/, /leave \$schema out/],
    ],
    [
      'a RegExp inside',
      { type: 'string', pattern: /^INV-\d+$/ },
      [/holds a RegExp at \/pattern/, /a pattern as a string/],
    ],
    ['NaN inside', { type: 'number', maximum: Number.NaN }, [/holds NaN at \/maximum/]],
    ['a schema containing itself', circular, [/contains itself at \/properties\/self/, /\$ref/]],
    ['an async schema', { $async: true, type: 'object' }, [/\$async: true/, /remove \$async/]],
    [
      'an invalid regular expression',
      { type: 'string', pattern: '[' },
      [/could not be compiled/, /regular expression/],
    ],
  ])('%s', (_, schema, expected) => {
    const error = configErrorOf(schema);
    expect(error.option).toBe('jsonSchema');
    for (const pattern of expected) expect(error.message).toMatch(pattern);
  });

  it.each([
    [
      'z.date()',
      z.object({ invoice: z.object({ issuedOn: z.date() }) }),
      [
        /uses z\.date\(\) at #\/properties\/invoice\/properties\/issuedOn/,
        /JSON Schema cannot represent/,
        /use z\.iso\.date\(\) or z\.iso\.datetime\(\) instead/,
      ],
    ],
    [
      'z.bigint()',
      z.object({ amountCents: z.bigint() }),
      [/z\.bigint\(\) at #\/properties\/amountCents/, /z\.number\(\)\.int\(\)/],
    ],
    [
      'z.custom()',
      z.object({ iban: z.custom<string>((value) => typeof value === 'string') }),
      [/z\.custom\(\)/, /z\.string\(\)\.refine\(/],
    ],
    ['z.instanceof()', z.instanceof(URL), [/z\.instanceof\(\) at #[,]/]],
    [
      'z.map()',
      z.object({ totals: z.map(z.string(), z.number()) }),
      [/z\.map\(\)/, /z\.record\(z\.string\(\), valueSchema\)/],
    ],
    ['z.set()', z.array(z.set(z.string())), [/z\.set\(\) at #\/items/, /z\.array\(itemSchema\)/]],
    ['z.undefined()', z.object({ note: z.undefined() }), [/z\.undefined\(\)/, /\.optional\(\)/]],
    [
      'a bare z.transform()',
      z.transform((value: unknown) => String(value)),
      [/z\.transform\(\)/, /z\.string\(\)\.transform\(/],
    ],
  ])('a zod 4 schema using %s', (_, schema, expected) => {
    const error = configErrorOf(schema);
    expect(error.option).toBe('jsonSchema');
    for (const pattern of expected) expect(error.message).toMatch(pattern);
  });

  it.each([
    [
      'z.date()',
      z3.object({ issuedOn: z3.date() }),
      [
        /uses z\.date\(\) at #\/properties\/issuedOn/,
        /use z\.string\(\)\.date\(\) or z\.string\(\)\.datetime\(\) instead/,
      ],
    ],
    ['z.coerce.date()', z3.object({ issuedOn: z3.coerce.date() }), [/z\.date\(\)/]],
    ['z.bigint()', z3.array(z3.bigint()), [/z\.bigint\(\) at #\/items/, /z\.number\(\)\.int\(\)/]],
    ['z.map()', z3.object({ totals: z3.map(z3.string(), z3.number()) }), [/z\.map\(\)/, /z\.record\(/]],
    ['z.set()', z3.object({ tags: z3.set(z3.string()) }), [/z\.set\(\)/, /z\.array\(/]],
  ])('a zod 3 schema using %s', (_, schema, expected) => {
    const error = configErrorOf(schema);
    expect(error.option).toBe('jsonSchema');
    for (const pattern of expected) expect(error.message).toMatch(pattern);
  });
});
