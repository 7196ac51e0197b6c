/**
 * The shape of the data a JSON Schema describes, reduced to what comparing values needs: objects and
 * their properties, arrays and their items, and the kind of each leaf.
 *
 * @module
 */
import { isPlainObject } from '../schema/values.js';

/** What a schema says about a value, for scoring it. `unknown` leaves are typed by their true value. */
export type Shape =
  | { readonly kind: 'object'; readonly properties: ReadonlyMap<string, Shape> }
  | { readonly kind: 'array'; readonly items: Shape }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly unknown[] }
  | { readonly kind: 'unknown' };

/** The shape of anything: every value is typed by the truth. */
export const UNKNOWN_SHAPE: Shape = { kind: 'unknown' };

const DATE_FORMATS = new Set(['date', 'date-time']);
// A recursive schema ($ref to itself) is followed this deep; data nested deeper is typed by its values.
const MAX_DEPTH = 32;

/** The shape `schema` describes; `$ref`s into `$defs`/`definitions` are followed, `null` branches dropped. */
export function shapeOfSchema(schema: unknown): Shape {
  return shapeOf(schema, schema, 0);
}

function shapeOf(node: unknown, root: unknown, depth: number): Shape {
  if (!isPlainObject(node) || depth > MAX_DEPTH) return UNKNOWN_SHAPE;
  if (typeof node.$ref === 'string') return shapeOf(resolveRef(node.$ref, root), root, depth + 1);
  const branches = [node.anyOf, node.oneOf].find(Array.isArray)?.filter((branch) => !isNullSchema(branch));
  if (branches?.length === 1) return shapeOf(branches[0], root, depth + 1);
  if (Array.isArray(node.enum)) return { kind: 'enum', values: node.enum.filter((value) => value !== null) };
  if ('const' in node) return { kind: 'enum', values: [node.const] };
  const type = typeOf(node);
  switch (type) {
    case 'object':
      return {
        kind: 'object',
        properties: new Map(
          Object.entries(isPlainObject(node.properties) ? node.properties : {}).map(([key, value]) => [
            key,
            shapeOf(value, root, depth + 1),
          ]),
        ),
      };
    case 'array':
      return { kind: 'array', items: shapeOf(node.items, root, depth + 1) };
    case 'number':
    case 'integer':
      return { kind: 'number' };
    case 'string':
      return typeof node.format === 'string' && DATE_FORMATS.has(node.format)
        ? { kind: 'date' }
        : { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return UNKNOWN_SHAPE;
  }
}

// The one type besides `null` a node allows, or what its keywords imply.
function typeOf(node: Record<string, unknown>): string | undefined {
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter(
    (type) => typeof type === 'string' && type !== 'null',
  );
  if (types.length === 1) return types[0] as string;
  if (types.length === 0 && isPlainObject(node.properties)) return 'object';
  if (types.length === 0 && node.items !== undefined) return 'array';
  return undefined;
}

function isNullSchema(node: unknown): boolean {
  return isPlainObject(node) && node.type === 'null';
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const key of ref.slice(2).split('/')) {
    if (!isPlainObject(node)) return undefined;
    node = node[key.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}
