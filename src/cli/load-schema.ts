/**
 * Reads the schema named by `--schema`: a JSON Schema file, or an export of a JavaScript module.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaInput } from '../schema/index.js';
import { ConfigError, messageOf } from '../spec/errors.js';

/**
 * Loads `file.json`, or `module.js#Export` / `module.mjs` (its default export) for zod schemas.
 *
 * @throws {ConfigError} when the file cannot be read, is not JSON, or lacks the export
 */
export async function loadSchemaFile(reference: string): Promise<SchemaInput> {
  const [path = '', exportName] = reference.split('#');
  const extension = extname(path);
  if (extension === '.json') return readJsonSchema(path);
  if (['.js', '.mjs', '.cjs'].includes(extension)) return importSchema(path, exportName ?? 'default');
  throw new ConfigError(
    `--schema ${reference} is neither a .json file nor a JavaScript module; pass a JSON Schema file (schema.json) or a module export (schemas.mjs#Invoice). For a TypeScript module, compile it first or run docpipe through tsx.`,
    { option: '--schema' },
  );
}

async function readJsonSchema(path: string): Promise<SchemaInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read the schema file ${path} (${messageOf(error)}); check the --schema path.`,
      {
        option: '--schema',
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text) as SchemaInput;
  } catch (error) {
    throw new ConfigError(`The schema file ${path} is not valid JSON (${messageOf(error)}); fix the file.`, {
      option: '--schema',
      cause: error,
    });
  }
}

async function importSchema(path: string, exportName: string): Promise<SchemaInput> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      `Cannot import the schema module ${path} (${messageOf(error)}); check the --schema path.`,
      {
        option: '--schema',
        cause: error,
      },
    );
  }
  const schema = module[exportName];
  if (schema === undefined) {
    const available = Object.keys(module).join(', ') || 'none';
    throw new ConfigError(
      `The schema module ${path} has no export '${exportName}' (its exports: ${available}); write --schema ${path}#<ExportName>.`,
      { option: '--schema' },
    );
  }
  return schema as SchemaInput;
}
