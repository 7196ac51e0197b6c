/**
 * What a batch processes: files, directories and globs, or the items of a JSON array, each
 * turned into a {@link BatchItem} with a stable id.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { InputError, messageOf } from '../errors.js';

/** One document of a batch. */
export interface BatchItem {
  /** Unique in the batch; names the item's folder in the run (sanitized there). */
  readonly id: string;
  /** A file path, or the text of a JSON item. */
  readonly source:
    | { readonly kind: 'file'; readonly path: string }
    | { readonly kind: 'text'; readonly text: string };
  /** The item's data, for `{name}` variables in the prompts. */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** How JSON array items become batch items. */
export interface JsonItemOptions {
  /** The field holding each item's id. @default the item's position, from 0 */
  readonly idField?: string;
  /** The field holding the text to extract from. @default the whole item, as JSON */
  readonly textField?: string;
}

const DOCUMENT_EXTENSIONS = new Set([
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.bmp',
  '.webp',
  '.gif',
  '.txt',
  '.md',
]);

/**
 * The items of a JSON array: each becomes a text input (its `textField`, or the whole item as
 * JSON), and its fields become template variables.
 *
 * @example
 * ```ts
 * itemsFromJson([{ id: 'a', body: 'Invoice 1 …' }], { idField: 'id', textField: 'body' });
 * ```
 */
export function itemsFromJson(items: readonly unknown[], options: JsonItemOptions = {}): BatchItem[] {
  return items.map((item, index) => {
    const record = (typeof item === 'object' && item !== null ? item : { value: item }) as Record<
      string,
      unknown
    >;
    const id = options.idField === undefined ? String(index) : record[options.idField];
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new InputError(
        `Item ${index} has no ${options.idField} field to use as its id; give every item one, or choose another --id-field.`,
      );
    }
    const text = options.textField === undefined ? JSON.stringify(item, null, 2) : record[options.textField];
    if (typeof text !== 'string') {
      throw new InputError(
        `Item ${id} has no text in its ${options.textField} field; give every item one, or choose another text field.`,
      );
    }
    return { id: String(id), source: { kind: 'text', text }, variables: record };
  });
}

/**
 * The files named by paths, directories (their documents, recursively) and globs, in a stable
 * order. A file's id is its path within the directory given (`scans/a.pdf` for `invoices/scans/a.pdf`
 * when `invoices` was given), else its name: ids do not depend on the current directory, so a
 * resumed run finds its items from anywhere. A `.json` file is read as an array of items when
 * `json` options are given.
 *
 * @throws {InputError} when a path matches nothing, or two items share an id
 */
export async function resolveBatchInputs(
  patterns: readonly string[],
  json?: JsonItemOptions,
): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (const pattern of patterns) {
    if (json && pattern.endsWith('.json')) items.push(...itemsFromJson(await readJsonArray(pattern), json));
    else items.push(...(await filesOf(pattern)));
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) {
      throw new InputError(
        `Two batch items have the id '${item.id}'; ids must be unique (fix the --id-field values, or list each file once).`,
      );
    }
    seen.add(item.id);
  }
  return items;
}

async function filesOf(pattern: string): Promise<BatchItem[]> {
  const info = await stat(pattern).catch(() => undefined);
  const file = (path: string, id: string): BatchItem => ({ id, source: { kind: 'file', path } });
  if (info?.isFile()) return [file(resolve(pattern), basename(pattern))];
  const matches = info?.isDirectory()
    ? (await glob('**/*', { cwd: pattern, onlyFiles: true }))
        .filter((path) => DOCUMENT_EXTENSIONS.has(extname(path).toLowerCase()))
        .map((path) => file(resolve(pattern, path), path))
    : (await glob(pattern, { absolute: true, onlyFiles: true })).map((path) => file(path, basename(path)));
  if (matches.length === 0) {
    throw new InputError(
      `${pattern} matches no document; check the path, or quote the glob so the shell does not expand it.`,
    );
  }
  return matches.sort((a, b) => a.id.localeCompare(b.id));
}

async function readJsonArray(path: string): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      `Cannot read ${path} as JSON (${messageOf(error)}); fix the file or pass documents instead.`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new InputError(
      `${path} is not a JSON array of items; pass an array, such as a run's collated/results.json.`,
    );
  }
  return parsed;
}
