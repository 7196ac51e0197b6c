/**
 * Compiles a JSON Schema with ajv, once per schema, in the dialect its `$schema` names.
 *
 * @module
 */

import {
  Ajv,
  type AnySchemaObject,
  type AsyncValidateFunction,
  MissingRefError,
  type Options,
  type ValidateFunction,
} from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ConfigError, messageOf } from '../spec/errors.js';
import { formatIssue, issuesFromAjv } from './issues.js';
import type { JSONSchema } from './json-schema.js';

type Dialect = 'draft 2020-12' | 'draft 2019-09' | 'draft-07';

// Keyed by the `$schema` URI without its optional trailing `#`, which ajv ignores too.
const DIALECTS: ReadonlyMap<string, Dialect> = new Map([
  ['https://json-schema.org/draft/2020-12/schema', 'draft 2020-12'],
  ['https://json-schema.org/draft/2019-09/schema', 'draft 2019-09'],
  ['http://json-schema.org/draft-07/schema', 'draft-07'],
]);

const AJV_OPTIONS: Options = {
  allErrors: true,
  // Users annotate schemas with their own keywords (`x-aliases`, …), which strict mode rejects.
  strict: false,
  validateSchema: true,
  // zod emits formats ajv does not know (`cuid`, `emoji`, …); zod checks those itself when parsing,
  // so ajv's "unknown format ignored" warnings would be noise on the console.
  logger: false,
};

type AjvInstance = Ajv | Ajv2019 | Ajv2020;

// Creating an Ajv instance (and adding the formats) is slow, so there is one per dialect.
const instances = new Map<Dialect, AjvInstance>();

/**
 * Validates `schema` against its dialect's meta-schema and compiles it into a validation function.
 *
 * @throws {ConfigError} when `$schema` names an unsupported dialect, the schema fails the
 * meta-schema, a `$ref` cannot be resolved, or ajv cannot compile it for another reason.
 */
export function compileJsonSchema(schema: JSONSchema): ValidateFunction {
  const dialect = dialectOf(schema.$schema);
  const ajv = ajvFor(dialect);
  if (ajv.validateSchema(schema) !== true) {
    const [first] = issuesFromAjv(ajv.errors ?? []);
    throw new ConfigError(
      `jsonSchema is not a valid JSON Schema (${first === undefined ? 'unknown error' : formatIssue(first)}); fix it so it passes the ${dialect} meta-schema.`,
      { option: 'jsonSchema' },
    );
  }
  let validate: ValidateFunction | AsyncValidateFunction;
  try {
    validate = ajv.compile(schema as AnySchemaObject);
  } catch (error) {
    throw compileError(error);
  } finally {
    // The compiled function no longer needs the instance's entry for the schema. Left there, two
    // schemas with one `$id` would clash, and the shared instance would grow with every pipeline.
    // (`addUsedSchema: false` would avoid the entry, but then ajv cannot resolve `$ref: '#'`.)
    ajv.removeSchema(schema);
  }
  if ('$async' in validate) {
    const message = 'jsonSchema sets $async: true, but answers are validated synchronously; remove $async.';
    throw new ConfigError(message, { option: 'jsonSchema' });
  }
  return validate;
}

function dialectOf($schema: unknown): Dialect {
  if ($schema === undefined) return 'draft 2020-12';
  const dialect = typeof $schema === 'string' ? DIALECTS.get($schema.replace(/#$/, '')) : undefined;
  if (dialect === undefined) {
    throw new ConfigError(
      `jsonSchema declares $schema ${JSON.stringify($schema)}, a dialect docpipe does not support; use 'https://json-schema.org/draft/2020-12/schema', 'https://json-schema.org/draft/2019-09/schema' or 'http://json-schema.org/draft-07/schema#', or leave $schema out for 2020-12.`,
      { option: 'jsonSchema' },
    );
  }
  return dialect;
}

function ajvFor(dialect: Dialect): AjvInstance {
  let ajv = instances.get(dialect);
  if (ajv === undefined) {
    ajv =
      dialect === 'draft-07'
        ? new Ajv(AJV_OPTIONS)
        : dialect === 'draft 2019-09'
          ? new Ajv2019(AJV_OPTIONS)
          : new Ajv2020(AJV_OPTIONS);
    // ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose
    // `default` is the plugin.
    addFormats.default(ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

function compileError(error: unknown): ConfigError {
  if (error instanceof MissingRefError) {
    return new ConfigError(
      `jsonSchema has a $ref to '${error.missingRef}', which points to nothing in the schema; define it (under $defs, or definitions in draft-07) or correct the reference.`,
      { option: 'jsonSchema', cause: error },
    );
  }
  return new ConfigError(
    `jsonSchema could not be compiled (${messageOf(error)}); fix the part of the schema the message names.`,
    { option: 'jsonSchema', cause: error },
  );
}
