/**
 * JSON Schema as the extraction request carries it.
 *
 * @module
 */

/** The primitive type names of JSON Schema's `type` keyword. */
export type JSONSchemaTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** A subschema: a JSON Schema object, or `true` / `false` (accept or reject everything). */
export type JSONSchemaDefinition = JSONSchema | boolean;

/**
 * A JSON Schema object (draft 2020-12, 2019-09 or draft-07).
 *
 * It is assignable to json-schema-to-ts's `JSONSchema`, so an `as const` literal gets its data type
 * from `FromSchema`. Any other keyword is allowed too, because users annotate fields with their own
 * keywords (`x-aliases`, …) and validation ignores keywords it does not know.
 */
export interface JSONSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $comment?: string;
  readonly $defs?: Readonly<Record<string, JSONSchemaDefinition>>;
  readonly definitions?: Readonly<Record<string, JSONSchemaDefinition>>;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly type?: JSONSchemaTypeName | readonly JSONSchemaTypeName[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly properties?: Readonly<Record<string, JSONSchemaDefinition>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JSONSchemaDefinition;
  readonly patternProperties?: Readonly<Record<string, JSONSchemaDefinition>>;
  readonly propertyNames?: JSONSchemaDefinition;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: JSONSchemaDefinition | readonly JSONSchemaDefinition[];
  readonly prefixItems?: readonly JSONSchemaDefinition[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly allOf?: readonly JSONSchemaDefinition[];
  readonly anyOf?: readonly JSONSchemaDefinition[];
  readonly oneOf?: readonly JSONSchemaDefinition[];
  readonly not?: JSONSchemaDefinition;
  readonly if?: JSONSchemaDefinition;
  readonly then?: JSONSchemaDefinition;
  readonly else?: JSONSchemaDefinition;
  readonly [keyword: string]: unknown;
}
