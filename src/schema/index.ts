/**
 * Schemas: zod 4, zod 3 or JSON Schema in; one JSON Schema for providers and a typed validator out.
 *
 * @module
 */

export { formatIssue } from './issues.js';
export type {
  InferSchema,
  JSONSchema,
  JSONSchemaDefinition,
  JSONSchemaTypeName,
  ResolvedSchema,
  SchemaInput,
  SchemaKind,
  SchemaValidationResult,
} from './json-schema.js';
export { resolveSchema } from './resolve-schema.js';
