/**
 * The user's JSON Schema as the heuristic extractor reads it: a tree of fields, each with its value type,
 * whether it may be null or left out, and the labels a document may name it by.
 *
 * @module
 */
import { compileJsonSchema } from '../../schema/compile-json-schema.js';
import type { JSONSchema, JSONSchemaDefinition, JSONSchemaTypeName } from '../../schema/index.js';
import { labelWords, nameWords } from '../grounding/labels.js';
import { roleLabels } from './field-roles.js';
import type { LabelForm } from './label-match.js';

/** The kinds of value a scalar field holds. `date` and `date-time` are strings of those formats. */
export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'date-time';

/** A JSON value an `enum` or `const` allows. */
export type Choice = string | number | boolean;

interface FieldBase {
  /** The property name; `''` for the root and for array items. */
  readonly name: string;
  /** How a document may name the field. */
  readonly labels: readonly LabelForm[];
  /**
   * What the schema says the field is, as canonical words (see `labelWords`): its name's and its parents'
   * first (`vendor`, `address` for `vendor.address`), then its title's, then its description's.
   */
  readonly meaning: FieldMeaning;
  /** Listed in its parent's `required`. */
  readonly required: boolean;
  /** Accepts `null`. */
  readonly nullable: boolean;
}

/** The words a schema describes a field with, by where they come from. */
export interface FieldMeaning {
  /** The words of the property name, its parents' names before them, and of its title. */
  readonly names: readonly string[];
  /** The words of its description. */
  readonly description: readonly string[];
}

/** A field holding one value. */
export interface ScalarField extends FieldBase {
  readonly kind: 'scalar';
  readonly type: ValueType;
  /** The values an `enum` or `const` allows, `null` left out. */
  readonly choices?: readonly Choice[];
  /**
   * Whether a value meets the field's own constraints (`format`, `pattern`, lengths, bounds, `multipleOf`),
   * checked by the validator the answer will face, so that a value breaking them is not given.
   */
  accepts(value: Choice): boolean;
}

/** A field holding an object. */
export interface ObjectField extends FieldBase {
  readonly kind: 'object';
  readonly properties: readonly SchemaField[];
}

/** A field holding an array; its items' labels are their own, as a table's column headers are. */
export interface ArrayField extends FieldBase {
  readonly kind: 'array';
  readonly items?: SchemaField;
}

/** A field of the schema. */
export type SchemaField = ScalarField | ObjectField | ArrayField;

// Forms guessed from a description, or from a parent's name, count for less than the field's own names.
const DESCRIPTION_WEIGHT = 0.9;
const CHILD_ALONE_WEIGHT = 0.9;
const PARENT_FOR_NAME_WEIGHT = 0.85;
// A description this short may be the label itself (`"Invoice #"`); a longer one is prose.
const MAX_LABEL_DESCRIPTION_WORDS = 5;
// Quoted phrases in a description name the label it stands by: `row 'Net Employment Income'`. A quote
// mark between letters is an apostrophe (`SPOUSE's`, `Worker's`), which neither opens nor closes a phrase.
const QUOTED = /(?<![\p{L}\p{N}])['‘"“]([^"“”\n]{2,80}?)['’"”](?![\p{L}\p{N}])/gu;
// How deep `$ref`s may nest before the schema is taken as recursive and the walk stops.
const MAX_DEPTH = 12;

/**
 * The fields of a JSON Schema, from its root. `$ref`s to the schema's own `$defs`/`definitions` are followed,
 * `allOf` merged, and of `anyOf`/`oneOf` the first branch that is not `null` is read (a `null` branch makes the
 * field nullable). Labels come from the property name (split at `_` and camel case), `title`, an `x-aliases` or
 * `aliases` array (zod's `.meta({ aliases })`), and the quoted phrases of `description` (or a description of a
 * few words). A nested object's fields are also named by their parent's labels in front of theirs (`Vendor
 * Name`), by their own alone, and a `name` field by the parent's alone (`Vendor`). A scalar playing a role on a
 * business document is also named by that role's usual labels (`Amount Due` for a total; see `roleLabels`).
 *
 * @example
 * ```ts
 * const root = readSchema({ type: 'object', properties: { invoice_date: { type: 'string', format: 'date' } } });
 * // { kind: 'object', properties: [{ kind: 'scalar', name: 'invoice_date', type: 'date', labels: [{ words: ['invoice', 'date'], weight: 1 }], ... }] }
 * ```
 */
export function readSchema(schema: JSONSchema): SchemaField | undefined {
  return new SchemaReader(schema).field(schema, '', [], true, 0);
}

/**
 * The scalar fields under `field` that are not inside an array, depth first in property order.
 *
 * @example
 * ```ts
 * scalarFields(readSchema(invoiceSchema)).map((field) => field.name); // ['invoice_number', 'name', 'total']
 * ```
 */
export function scalarFields(field: SchemaField): ScalarField[] {
  if (field.kind === 'scalar') return [field];
  if (field.kind === 'array') return [];
  return field.properties.flatMap(scalarFields);
}

/**
 * The array fields under `field` that are not inside another array, depth first in property order.
 *
 * @example
 * ```ts
 * arrayFields(readSchema(invoiceSchema)).map((field) => field.name); // ['line_items']
 * ```
 */
export function arrayFields(field: SchemaField): ArrayField[] {
  if (field.kind === 'array') return [field];
  if (field.kind === 'scalar') return [];
  return field.properties.flatMap(arrayFields);
}

/** A subschema with its references resolved, and whether it accepts null. */
interface Resolved {
  readonly schema: JSONSchema;
  readonly nullable: boolean;
}

class SchemaReader {
  constructor(private readonly root: JSONSchema) {}

  field(
    definition: JSONSchemaDefinition,
    name: string,
    parentLabels: readonly LabelForm[],
    required: boolean,
    depth: number,
    parentNames: readonly string[] = [],
  ): SchemaField | undefined {
    const resolved = this.resolve(definition, depth);
    if (resolved === undefined || depth > MAX_DEPTH) return undefined;
    const { schema, nullable } = resolved;
    const own = ownLabels(name, schema);
    const labels = parentLabels.length === 0 ? own : nestedLabels(parentLabels, own, name);
    const meaning = meaningOf(name, schema, parentNames);
    const base = { name, labels, meaning, required, nullable };
    switch (typeOf(schema)) {
      case 'object': {
        const requiredNames = new Set(schema.required ?? []);
        const properties = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
          const field = this.field(
            child,
            key,
            name === '' ? [] : labels,
            requiredNames.has(key),
            depth + 1,
            meaning.names,
          );
          return field === undefined ? [] : [field];
        });
        return { ...base, kind: 'object', properties };
      }
      case 'array': {
        const itemSchema = Array.isArray(schema.items) ? schema.items[0] : schema.items;
        const items =
          itemSchema === undefined || typeof itemSchema === 'boolean'
            ? undefined
            : this.field(itemSchema as JSONSchema, '', [], true, depth + 1);
        return { ...base, kind: 'array', ...(items === undefined ? {} : { items }) };
      }
      default: {
        const typed = scalarType(schema);
        return {
          ...base,
          labels: distinctForms([...labels, ...roleLabels(typed.type, meaning)]),
          kind: 'scalar',
          ...typed,
          accepts: constraintsOf(schema, this.root.$schema),
        };
      }
    }
  }

  /** The subschema behind `$ref`s, `allOf` and `anyOf`/`oneOf`, with the outer annotations kept on top. */
  private resolve(definition: JSONSchemaDefinition, depth: number): Resolved | undefined {
    if (typeof definition === 'boolean') return definition ? { schema: {}, nullable: true } : undefined;
    if (depth > MAX_DEPTH) return undefined;
    let schema = definition;
    let nullable = acceptsNull(schema);
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(this.lookup(schema.$ref) ?? {}, depth + 1);
      if (target === undefined) return undefined;
      const { $ref: _, ...annotations } = schema;
      schema = { ...target.schema, ...annotations };
      nullable ||= target.nullable;
    }
    if (schema.allOf !== undefined) {
      const parts = schema.allOf.flatMap((part): JSONSchema[] => {
        const resolved = this.resolve(part, depth + 1);
        return resolved === undefined ? [] : [resolved.schema];
      });
      schema = parts.reduce(mergeSchemas, { ...schema, allOf: undefined });
    }
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches !== undefined) {
      const resolved = branches.flatMap((branch) => this.resolve(branch, depth + 1) ?? []);
      nullable ||= resolved.some((branch) => isNullOnly(branch.schema));
      const first = resolved.find((branch) => !isNullOnly(branch.schema));
      const { anyOf: _any, oneOf: _one, ...annotations } = schema;
      schema = first === undefined ? annotations : { ...first.schema, ...annotations };
    }
    return { schema, nullable };
  }

  // Only references into this schema (`#/$defs/Address`); a remote one cannot be read offline.
  private lookup(ref: string): JSONSchemaDefinition | undefined {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const part of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    return typeof node === 'object' || typeof node === 'boolean' ? (node as JSONSchemaDefinition) : undefined;
  }
}

function typeOf(schema: JSONSchema): JSONSchemaTypeName | undefined {
  const declared = (Array.isArray(schema.type) ? schema.type : [schema.type]).find(
    (type): type is JSONSchemaTypeName => type !== undefined && type !== 'null',
  );
  if (declared !== undefined) return declared;
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  const sample = choicesOf(schema)?.[0];
  return sample === undefined ? undefined : (typeof sample as JSONSchemaTypeName);
}

function scalarType(schema: JSONSchema): Pick<ScalarField, 'type' | 'choices'> {
  const type = typeOf(schema);
  const choices = choicesOf(schema);
  const valueType: ValueType =
    type === 'number' || type === 'integer' || type === 'boolean'
      ? type
      : schema.format === 'date' || schema.format === 'date-time'
        ? schema.format
        : 'string';
  return { type: valueType, ...(choices === undefined ? {} : { choices }) };
}

// The keywords that constrain a single value; the rest (annotations, `$ref`s already followed) stay out of the
// field's own validator.
const VALUE_KEYWORDS = [
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
] as const;

// A validator of the field's own keywords, compiled on first use (most fields are checked a few times, some
// never) in the root schema's dialect. A subschema that will not compile alone constrains nothing here.
function constraintsOf(schema: JSONSchema, dialect: string | undefined): (value: Choice) => boolean {
  const own: Record<string, unknown> = dialect === undefined ? {} : { $schema: dialect };
  for (const keyword of VALUE_KEYWORDS) if (schema[keyword] !== undefined) own[keyword] = schema[keyword];
  if (Object.keys(own).every((keyword) => keyword === '$schema')) return () => true;
  let validate: ((value: unknown) => boolean) | undefined;
  return (value) => {
    if (validate === undefined) {
      try {
        const compiled = compileJsonSchema(own);
        validate = (candidate) => compiled(candidate) === true;
      } catch {
        validate = () => true;
      }
    }
    return validate(value);
  };
}

function choicesOf(schema: JSONSchema): Choice[] | undefined {
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (values === undefined) return undefined;
  const choices = values.filter(
    (value): value is Choice =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
  );
  return choices.length > 0 ? choices : undefined;
}

function acceptsNull(schema: JSONSchema): boolean {
  return (
    schema.type === 'null' ||
    (Array.isArray(schema.type) && schema.type.includes('null')) ||
    (schema.enum?.includes(null) ?? false) ||
    schema.const === null
  );
}

function isNullOnly(schema: JSONSchema): boolean {
  return schema.type === 'null' || schema.const === null;
}

// The parts of an `allOf` in one schema: properties in the parts' order, the earlier part's keywords winning.
function mergeSchemas(into: JSONSchema, part: JSONSchema): JSONSchema {
  const properties = { ...into.properties };
  for (const [key, value] of Object.entries(part.properties ?? {})) properties[key] ??= value;
  return {
    ...part,
    ...into,
    properties,
    required: [...new Set([...(into.required ?? []), ...(part.required ?? [])])],
  };
}

function ownLabels(name: string, schema: JSONSchema): LabelForm[] {
  const forms: LabelForm[] = [];
  const add = (words: string[], weight: number) => {
    if (words.length > 0) forms.push({ words, weight });
  };
  add(nameWords(name), 1);
  if (typeof schema.title === 'string') add(labelWords(schema.title), 1);
  for (const alias of aliasesOf(schema)) add(labelWords(alias), 1);
  if (typeof schema.description === 'string') {
    const quoted = [...schema.description.matchAll(QUOTED)].map((match) => match[1] ?? '');
    const phrases =
      quoted.length > 0
        ? quoted
        : schema.description.split(/\s+/).length <= MAX_LABEL_DESCRIPTION_WORDS
          ? [schema.description]
          : [];
    for (const phrase of phrases) add(labelWords(phrase), DESCRIPTION_WEIGHT);
  }
  return distinctForms(forms);
}

function meaningOf(name: string, schema: JSONSchema, parentNames: readonly string[]): FieldMeaning {
  const title = typeof schema.title === 'string' ? labelWords(schema.title) : [];
  const description = typeof schema.description === 'string' ? labelWords(schema.description) : [];
  return { names: [...parentNames, ...nameWords(name), ...title], description };
}

function aliasesOf(schema: JSONSchema): string[] {
  return [schema['x-aliases'], schema.aliases].flatMap((aliases) =>
    Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === 'string') : [],
  );
}

function nestedLabels(parent: readonly LabelForm[], own: readonly LabelForm[], name: string): LabelForm[] {
  const forms: LabelForm[] = [];
  for (const outer of parent) {
    for (const inner of own) {
      forms.push({ words: [...outer.words, ...inner.words], weight: Math.min(outer.weight, inner.weight) });
    }
  }
  forms.push(...own.map((form) => ({ words: form.words, weight: form.weight * CHILD_ALONE_WEIGHT })));
  // `vendor.name` is what a document labels just `Vendor`.
  if (nameWords(name).join(' ') === 'name') {
    forms.push(
      ...parent.map((form) => ({ words: form.words, weight: form.weight * PARENT_FOR_NAME_WEIGHT })),
    );
  }
  return distinctForms(forms);
}

function distinctForms(forms: readonly LabelForm[]): LabelForm[] {
  const byWords = new Map<string, LabelForm>();
  for (const form of forms) {
    const key = form.words.join(' ');
    const known = byWords.get(key);
    if (known === undefined || known.weight < form.weight) byWords.set(key, form);
  }
  return [...byWords.values()];
}
