/**
 * JSON Schemas adapted for providers' strict structured-output modes, which accept only a subset
 * of JSON Schema. The adapted schema constrains decoding; the answer is still validated against
 * the user's original schema, so a keyword dropped here is checked there.
 *
 * @module
 */
import type { JSONSchema } from '../schema/index.js';
import { parseAnswer } from './answer.js';

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
  /**
   * Objects must be closed (`additionalProperties: false`): an object whose keys are data (`z.record`) is
   * sent as a list of `{ key, value }` entries, which {@link StrictSchema.restore} turns back into the
   * object. Without it, such objects are left open, as a tool's input schema may be.
   */
  readonly recordsAsEntries: boolean;
}

/** A schema a strict mode accepts, and how to turn its answers back into the original's shape. */
export interface StrictSchema {
  readonly schema: JSONSchema;
  /**
   * The answer in the original schema's shape: records back from their entries, and nulls removed where the
   * original made a property optional, not nullable.
   */
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
 * dialect needs it, records as entry lists and every property required (optional ones nullable).
 *
 * @example
 * ```ts
 * const strict = toStrictSchema(schema, {
 *   unsupportedKeywords: ['minimum'],
 *   allPropertiesRequired: true,
 *   recordsAsEntries: true,
 * });
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
    if (isRecordSchema(source)) return dialect.recordsAsEntries ? entryList(adapted) : adapted;
    return isObjectSchema(adapted) ? closeObject(adapted, dialect) : adapted;
  };
  const reshapes = dialect.allPropertiesRequired || dialect.recordsAsEntries;
  return {
    schema: adapt(schema) as JSONSchema,
    restore: reshapes ? (answer) => restoreAnswer(answer, schema, schema, dialect) : (answer) => answer,
  };
}

/**
 * An answer decoded under `strict`'s schema, parsed and restored to the original schema's shape; `undefined`
 * when it is not JSON, which leaves it to the stage to parse and repair.
 */
export function restoredAnswer(text: string, strict: StrictSchema): unknown {
  const parsed = parseAnswer(text);
  return parsed.ok ? strict.restore(parsed.value) : undefined;
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

/**
 * Whether an object schema's keys are data (`z.record`): no properties of its own, and a schema every value
 * must match. Closed, it could only ever be answered with `{}`.
 */
function isRecordSchema(node: SchemaNode): boolean {
  const { properties, additionalProperties } = node;
  const hasProperties = isNode(properties) && Object.keys(properties).length > 0;
  return !hasProperties && isNode(additionalProperties) && Object.keys(additionalProperties).length > 0;
}

/** An adapted record schema as a list of closed `{ key, value }` entries (nullable if the record was). */
function entryList(record: SchemaNode): SchemaNode {
  const nullable = Array.isArray(record.type) && record.type.includes('null');
  const list: SchemaNode = {
    type: nullable ? ['array', 'null'] : 'array',
    items: {
      type: 'object',
      properties: { key: { type: 'string' }, value: record.additionalProperties },
      required: ['key', 'value'],
      additionalProperties: false,
    },
  };
  for (const annotation of ['title', 'description']) {
    if (record[annotation] !== undefined) list[annotation] = record[annotation];
  }
  return list;
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

/**
 * Walks the answer beside the original schema, turning entry lists back into records and dropping nulls only
 * the strict schema allowed.
 */
function restoreAnswer(
  value: unknown,
  node: unknown,
  root: JSONSchema,
  dialect: StrictSchemaDialect,
): unknown {
  const schema = resolveRef(node, root);
  if (!isNode(schema)) return value;
  const objectSchema = branchOf(schema, root, isObjectSchema);
  if (Array.isArray(value)) {
    if (dialect.recordsAsEntries && objectSchema && isRecordSchema(objectSchema) && value.every(isEntry)) {
      const values = objectSchema.additionalProperties;
      return Object.fromEntries(
        value.map(({ key, value: item }) => [key, restoreAnswer(item, values, root, dialect)]),
      );
    }
    const items = branchOf(schema, root, (candidate) => candidate.items !== undefined)?.items;
    return items === undefined ? value : value.map((item) => restoreAnswer(item, items, root, dialect));
  }
  if (!isNode(value) || objectSchema === undefined || !isNode(objectSchema.properties)) return value;
  const properties = objectSchema.properties;
  const required = new Set(Array.isArray(objectSchema.required) ? (objectSchema.required as string[]) : []);
  const restored: SchemaNode = {};
  for (const [key, item] of Object.entries(value)) {
    const property = resolveRef(properties[key], root);
    const addedNull =
      dialect.allPropertiesRequired && !required.has(key) && !(isNode(property) && allowsNull(property));
    if (item === null && addedNull) continue;
    restored[key] = restoreAnswer(item, property, root, dialect);
  }
  return restored;
}

/** `schema` if it passes `test`, else its first `anyOf`/`oneOf` branch that does (a nullable object, say). */
function branchOf(
  schema: SchemaNode,
  root: JSONSchema,
  test: (candidate: SchemaNode) => boolean,
): SchemaNode | undefined {
  if (test(schema)) return schema;
  return [schema.anyOf, schema.oneOf]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((candidate) => resolveRef(candidate, root))
    .find((candidate): candidate is SchemaNode => isNode(candidate) && test(candidate));
}

function isEntry(value: unknown): value is { key: string; value: unknown } {
  return isNode(value) && typeof value.key === 'string' && 'value' in value;
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
