/**
 * JSON Schemas adapted for providers' strict structured-output modes, which accept only a subset
 * of JSON Schema. The adapted schema constrains decoding; the answer is still validated against
 * the user's original schema, so a keyword dropped here is checked there.
 *
 * @module
 */
import type { JSONSchema } from '../schema/index.js';

/** What one provider's strict mode accepts. */
export interface StrictSchemaDialect {
  /** Keywords the provider rejects; they are removed and described in the property's `description`. */
  readonly unsupportedKeywords: readonly string[];
  /**
   * Every property must be listed in `required` (OpenAI): optional properties become nullable,
   * and {@link StrictSchema.restore} removes the nulls the original schema does not allow.
   */
  readonly allPropertiesRequired: boolean;
  /**
   * Keywords sent under another name, e.g. `oneOf` as `anyOf` (zod writes discriminated unions
   * as `oneOf`, which strict modes reject; for an answer that validates, the two agree).
   */
  readonly keywordRenames?: Readonly<Record<string, string>>;
}

/** A schema a strict mode accepts, and how to turn its answers back into the original's shape. */
export interface StrictSchema {
  readonly schema: JSONSchema;
  /** The answer with nulls removed where the original made a property optional, not nullable. */
  restore(answer: unknown): unknown;
}

type SchemaNode = Record<string, unknown>;

const SUBSCHEMA_MAPS = ['properties', '$defs', 'definitions'] as const;
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SUBSCHEMAS = ['items', 'not', 'additionalProperties'] as const;
// Keywords that only annotate the root document.
const ROOT_ONLY = ['$schema', '$id'];

/**
 * Adapts `schema` for a strict structured-output mode: every object closed
 * (`additionalProperties: false`), unsupported keywords moved into descriptions, and, when the
 * dialect needs it, every property required (optional ones nullable).
 *
 * @example
 * ```ts
 * const strict = toStrictSchema(schema, { unsupportedKeywords: ['minimum'], allPropertiesRequired: true });
 * const data = strict.restore(JSON.parse(answer));
 * ```
 */
export function toStrictSchema(schema: JSONSchema, dialect: StrictSchemaDialect): StrictSchema {
  const unsupported = new Set([...dialect.unsupportedKeywords, ...ROOT_ONLY]);
  const adapt = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
    const source = node as SchemaNode;
    const adapted: SchemaNode = {};
    const dropped: string[] = [];
    for (const [original, value] of Object.entries(source)) {
      const renamed = dialect.keywordRenames?.[original];
      const keyword = renamed !== undefined && !(renamed in source) ? renamed : original;
      if (unsupported.has(keyword)) {
        if (!ROOT_ONLY.includes(keyword)) dropped.push(`${keyword}: ${JSON.stringify(value)}`);
      } else if ((SUBSCHEMA_MAPS as readonly string[]).includes(keyword) && isNode(value)) {
        adapted[keyword] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, adapt(v)]));
      } else if ((SUBSCHEMA_LISTS as readonly string[]).includes(keyword) && Array.isArray(value)) {
        adapted[keyword] = value.map(adapt);
      } else if ((SUBSCHEMAS as readonly string[]).includes(keyword)) {
        adapted[keyword] = adapt(value);
      } else {
        adapted[keyword] = value;
      }
    }
    if (dropped.length > 0) {
      const note = `(${dropped.join(', ')})`;
      adapted.description = typeof source.description === 'string' ? `${source.description} ${note}` : note;
    }
    return isObjectSchema(adapted) ? closeObject(adapted, dialect) : adapted;
  };
  return {
    schema: adapt(schema) as JSONSchema,
    restore: dialect.allPropertiesRequired ? (answer) => removeAddedNulls(answer, schema, schema) : (a) => a,
  };
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectSchema(node: SchemaNode): boolean {
  return (
    node.type === 'object' ||
    (Array.isArray(node.type) && node.type.includes('object')) ||
    isNode(node.properties)
  );
}

function closeObject(node: SchemaNode, dialect: StrictSchemaDialect): SchemaNode {
  const properties = isNode(node.properties) ? node.properties : {};
  const closed: SchemaNode = { ...node, additionalProperties: false };
  if (!dialect.allPropertiesRequired) return closed;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  closed.properties = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, required.has(key) ? value : nullable(value)]),
  );
  closed.required = Object.keys(properties);
  return closed;
}

function nullable(node: unknown): unknown {
  if (!isNode(node) || allowsNull(node)) return node;
  return { anyOf: [node, { type: 'null' }] };
}

function allowsNull(node: SchemaNode): boolean {
  if (node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null'))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  const branches = [
    ...(Array.isArray(node.anyOf) ? node.anyOf : []),
    ...(Array.isArray(node.oneOf) ? node.oneOf : []),
  ];
  return branches.some((branch) => isNode(branch) && allowsNull(branch));
}

/** Walks the answer beside the original schema, dropping nulls only the strict schema allowed. */
function removeAddedNulls(value: unknown, node: unknown, root: JSONSchema): unknown {
  const schema = resolveRef(node, root);
  if (!isNode(schema)) return value;
  if (Array.isArray(value)) {
    return isNode(schema.items) || typeof schema.$ref === 'string'
      ? value.map((item) => removeAddedNulls(item, schema.items, root))
      : value;
  }
  if (!isNode(value)) return value;
  const branch = [schema.anyOf, schema.oneOf]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((candidate) => resolveRef(candidate, root))
    .find((candidate) => isNode(candidate) && isObjectSchema(candidate));
  const objectSchema = isObjectSchema(schema) ? schema : branch;
  if (!isNode(objectSchema) || !isNode(objectSchema.properties)) return value;
  const properties = objectSchema.properties;
  const required = new Set(Array.isArray(objectSchema.required) ? (objectSchema.required as string[]) : []);
  const restored: SchemaNode = {};
  for (const [key, item] of Object.entries(value)) {
    const property = resolveRef(properties[key], root);
    const optional = !required.has(key);
    if (item === null && optional && !(isNode(property) && allowsNull(property))) continue;
    restored[key] = removeAddedNulls(item, property, root);
  }
  return restored;
}

/** A local `$ref` (`#/$defs/x`) resolved against the root; other nodes as they are. */
export function resolveRef(node: unknown, root: JSONSchema): unknown {
  if (!isNode(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const segment of node.$ref.slice(2).split('/')) {
    target = isNode(target) ? target[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return target;
}
