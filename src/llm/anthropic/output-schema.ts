/**
 * The user's JSON Schema in the two shapes Claude's Messages API constrains answers with: a
 * structured-output format (`output_config.format`, a strict subset of JSON Schema) and a tool's
 * `input_schema` (any JSON Schema). Answers are validated against the original schema afterwards,
 * so a constraint dropped here is still checked.
 *
 * @module
 */
import type { JSONSchema } from '../../schema/index.js';
import { resolveRef, type StrictSchema, type StrictSchemaDialect, toStrictSchema } from '../strict-schema.js';

type SchemaNode = Record<string, unknown>;

/**
 * What Claude's structured output rejects (platform.claude.com, "Structured outputs" › JSON Schema
 * limitations): numeric and length bounds, most array and object constraints, conditionals. `format`
 * and `minItems` are accepted only for some values and `pattern` only for a regex subset, so they
 * are moved into the description rather than risk a 400 for the whole request.
 */
const STRUCTURED_OUTPUT_DIALECT: StrictSchemaDialect = {
  unsupportedKeywords: [
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'multipleOf',
    'minLength',
    'maxLength',
    'pattern',
    'format',
    'minItems',
    'maxItems',
    'uniqueItems',
    'contains',
    'minContains',
    'maxContains',
    'minProperties',
    'maxProperties',
    'patternProperties',
    'propertyNames',
    'dependentRequired',
    'dependentSchemas',
    'unevaluatedItems',
    'unevaluatedProperties',
    'if',
    'then',
    'else',
    'not',
  ],
  allPropertiesRequired: false,
  recordsAsEntries: true,
  // Structured output has no `oneOf`; `anyOf` accepts a superset, and validation enforces the rest.
  keywordRenames: { oneOf: 'anyOf' },
};

// A tool's input schema may use all of JSON Schema; closing its objects (records aside) keeps invented keys out.
const TOOL_DIALECT: StrictSchemaDialect = {
  unsupportedKeywords: [],
  allPropertiesRequired: false,
  recordsAsEntries: false,
};

/**
 * Limits on one request's strict schemas; past them the API answers 400 "Schema is too complex for
 * compilation". A union is a property typed with `anyOf` or a `type` array (`["string", "null"]`).
 */
const STRUCTURED_OUTPUT_LIMITS = { optionalProperties: 24, unions: 16 } as const;

/** `jsonSchema` as an `output_config.format` schema (records as entry lists, which `restore` undoes). */
export function toStructuredOutputSchema(jsonSchema: JSONSchema): StrictSchema {
  return toStrictSchema(jsonSchema, STRUCTURED_OUTPUT_DIALECT);
}

/** `jsonSchema` as a tool's `input_schema`, every object but records closed; answers need no restoring. */
export function toToolInputSchema(jsonSchema: JSONSchema): StrictSchema {
  return toStrictSchema(jsonSchema, TOOL_DIALECT);
}

/**
 * Whether a structured-output schema is within what the API compiles: no recursive `$ref`, no
 * tuples (`prefixItems`), and at most 24 optional properties and 16 unions in all.
 */
export function fitsStructuredOutput(schema: JSONSchema): boolean {
  let optionalProperties = 0;
  let unions = 0;
  let representable = true;
  // $refs are followed where they are used, as the grammar compiler expands them.
  const visit = (node: unknown, depth: number, expanding: readonly string[]): void => {
    if (!isNode(node) || !representable) return;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      if (expanding.includes(ref)) {
        representable = false;
        return;
      }
      visit(resolveRef(node, schema), depth, [...expanding, ref]);
    }
    if (node.prefixItems !== undefined) representable = false;
    if (depth > 0 && (Array.isArray(node.anyOf) || Array.isArray(node.type))) unions += 1;
    if (isNode(node.properties)) {
      const required = Array.isArray(node.required) ? node.required : [];
      optionalProperties += Object.keys(node.properties).filter((key) => !required.includes(key)).length;
    }
    for (const child of subschemas(node)) visit(child, depth + 1, expanding);
  };
  visit(schema, 0, []);
  return (
    representable &&
    optionalProperties <= STRUCTURED_OUTPUT_LIMITS.optionalProperties &&
    unions <= STRUCTURED_OUTPUT_LIMITS.unions
  );
}

/** The subschemas directly under `node`, but not its definitions: `$ref`s reach those where they are used. */
function subschemas(node: SchemaNode): unknown[] {
  return [
    ...['properties'].flatMap((keyword) => (isNode(node[keyword]) ? Object.values(node[keyword]) : [])),
    ...['anyOf', 'oneOf', 'allOf', 'prefixItems'].flatMap((keyword) =>
      Array.isArray(node[keyword]) ? node[keyword] : [],
    ),
    node.items,
    node.additionalProperties,
  ];
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
