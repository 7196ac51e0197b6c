/**
 * The public types of schemas: what users may pass as `jsonSchema`, the TypeScript type of the data
 * it describes, and the resolved form the pipeline works with.
 *
 * @module
 */

import type { FromSchema, JSONSchema as LiteralJSONSchema } from 'json-schema-to-ts';
import type { ZodTypeAny } from 'zod/v3';
import type { $ZodType, output as Zod4Output } from 'zod/v4/core';
import type { ValidationIssue } from '../spec/errors.js';
import type { JSONSchema } from '../spec/json-schema.js';

export type { JSONSchema, JSONSchemaDefinition, JSONSchemaTypeName } from '../spec/json-schema.js';

/**
 * What users may pass as `jsonSchema`: a zod 4 schema (classic or mini), a `zod/v3` schema, or a
 * JSON Schema object.
 */
export type SchemaInput = $ZodType | ZodTypeAny | JSONSchema;

/**
 * The TypeScript type of data valid for a schema: `z.output<S>` for zod 4 (so transforms show),
 * `S['_output']` for zod 3, `FromSchema<S>` for an `as const` JSON Schema, and `unknown` for a JSON
 * Schema whose shape is not known literally.
 */
export type InferSchema<S> =
  // NoInfer: a generic function returning `Thing<InferSchema<S>>` must infer `S` from its arguments.
  // Inferring it backwards from a contextual return type would walk every branch below, `FromSchema`
  // included, and hit TypeScript's instantiation depth limit. (It vanishes once `S` is concrete.)
  //
  // Tuples keep the conditional from distributing over a union such as `SchemaInput` itself. zod 4 is
  // tested first because its classic schemas also carry `_def` and `_output`; `FromSchema` comes last
  // as it is by far the most expensive to instantiate.
  NoInfer<
    [S] extends [{ readonly _zod: unknown }]
      ? Zod4Output<S>
      : [S] extends [{ readonly _def: unknown; readonly _output: infer Output }]
        ? Output
        : [S] extends [infer Literal extends LiteralJSONSchema]
          ? [JSONSchema] extends [Literal]
            ? unknown
            : FromSchema<Literal>
          : unknown
  >;

/** Which kind of schema a {@link ResolvedSchema} was made from. */
export type SchemaKind = 'zod4' | 'zod3' | 'json-schema';

/** The outcome of {@link ResolvedSchema.validate}: the (parsed) data, or what is wrong with the value. */
export type SchemaValidationResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly ValidationIssue[] };

/** A schema turned into the JSON Schema sent to providers plus a validator for their answers. */
export interface ResolvedSchema<T = unknown> {
  /** Which kind of schema this was made from. */
  readonly kind: SchemaKind;
  /**
   * The JSON Schema sent to providers: a frozen, JSON-serializable copy. For zod it describes the
   * schema's *input*, since a model produces what the schema then parses.
   */
  readonly jsonSchema: JSONSchema;
  /**
   * Validates a value, such as a model's answer. For zod, a value that passes the JSON Schema is then
   * parsed by the zod schema, so transforms and defaults apply and `data` is the parsed output.
   * Never throws.
   */
  validate(value: unknown): SchemaValidationResult<T>;
}
