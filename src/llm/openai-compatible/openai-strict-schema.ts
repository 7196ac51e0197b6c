/**
 * The JSON Schema subset of OpenAI's Structured Outputs (`strict: true`), used for both `json_schema`
 * response formats and strict function tools. Compatible servers with guided decoding (vLLM, Ollama) accept
 * the same subset.
 *
 * @module
 */
import type { JSONSchema } from '../../schema/index.js';
import { type StrictSchema, type StrictSchemaDialect, toStrictSchema } from '../strict-schema.js';

/**
 * OpenAI's strict dialect: every property required (optional ones nullable), and the keywords its
 * "Supported schemas" guide lists as unsupported (composition: `allOf`, `not`, `dependentRequired`,
 * `dependentSchemas`, `if`/`then`/`else`), plus those the API rejects in strict mode although the guide
 * no longer names them (string lengths, object size and name constraints, array containment and
 * uniqueness, `default`). `pattern`, `format`, numeric bounds and `minItems`/`maxItems` are supported.
 */
export const OPENAI_STRICT_DIALECT: StrictSchemaDialect = {
  allPropertiesRequired: true,
  recordsAsEntries: true,
  // zod's discriminated unions are `oneOf`, which strict mode rejects; for an answer that validates the two agree.
  keywordRenames: { oneOf: 'anyOf' },
  unsupportedKeywords: [
    'allOf',
    'not',
    'dependentRequired',
    'dependentSchemas',
    'if',
    'then',
    'else',
    'minLength',
    'maxLength',
    'minProperties',
    'maxProperties',
    'patternProperties',
    'unevaluatedProperties',
    'propertyNames',
    'unevaluatedItems',
    'contains',
    'minContains',
    'maxContains',
    'uniqueItems',
    'default',
  ],
};

/**
 * `schema` adapted for OpenAI's strict mode; the answer is still validated against the original.
 *
 * @example
 * ```ts
 * const strict = openAIStrictSchema(schema);
 * const data = strict.restore(JSON.parse(answer));
 * ```
 */
export function openAIStrictSchema(schema: JSONSchema): StrictSchema {
  return toStrictSchema(schema, OPENAI_STRICT_DIALECT);
}
