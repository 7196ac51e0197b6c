/**
 * What a batch processes: files, directories and globs, or the items of a JSON array, each
 * turned into a {@link BatchItem} with a stable id.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { InputError, messageOf } from '../spec/errors.js';

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

/** What {@link collectBatchInputs} found: the items, and the files of directories it left out. */
export interface BatchInputs {
  readonly items: BatchItem[];
  /** Files inside a directory given whose extension is not a document type, as `directory/path`. */
  readonly skipped: string[];
}

// What a directory is expanded to. A folder of scans also holds a stray readme.md, a .csv of notes or a
// .json export; run as documents they would "succeed" with every field null, so only these are taken, and
// the rest are listed. `.txt` stays: a folder of text documents is a real use. A file named on the command
// line is always taken, whatever its extension: the user chose it.
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
]);

// How many skipped files the one-line notice names before it only counts the rest.
const SKIPPED_NAMED = 5;

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
  return (await collectBatchInputs(patterns, json)).items;
}

/**
 * {@link resolveBatchInputs}, also returning the files of directories that were left out because their
 * extension is not a document type (`.pdf`, `.png`, `.jpg`/`.jpeg`, `.tif`/`.tiff`, `.bmp`, `.webp`, `.gif`,
 * `.txt`); {@link describeSkipped} words them for the user.
 *
 * @throws {InputError} when a path matches nothing, or two items share an id
 */
export async function collectBatchInputs(
  patterns: readonly string[],
  json?: JsonItemOptions,
): Promise<BatchInputs> {
  const items: BatchItem[] = [];
  const skipped: string[] = [];
  for (const pattern of patterns) {
    if (json && pattern.endsWith('.json')) items.push(...itemsFromJson(await readJsonArray(pattern), json));
    else {
      const found = await filesOf(pattern);
      items.push(...found.items);
      skipped.push(...found.skipped);
    }
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
  return { items, skipped: skipped.sort((a, b) => a.localeCompare(b)) };
}

/**
 * One line telling the user which files of the directories given were not taken, or `undefined` when none.
 *
 * @example
 * ```ts
 * describeSkipped(['scans/readme.md']); // 'Skipped 1 file that is not a document type (.pdf, …): scans/readme.md'
 * ```
 */
export function describeSkipped(skipped: readonly string[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const files =
    skipped.length === 1
      ? '1 file that is not a document type'
      : `${skipped.length} files that are not document types`;
  const named = skipped.slice(0, SKIPPED_NAMED).join(', ');
  const more = skipped.length > SKIPPED_NAMED ? ` and ${skipped.length - SKIPPED_NAMED} more` : '';
  return `Skipped ${files} (${[...DOCUMENT_EXTENSIONS].join(', ')}): ${named}${more}; name a file to take it anyway.`;
}

async function filesOf(pattern: string): Promise<{ items: BatchItem[]; skipped: string[] }> {
  const info = await stat(pattern).catch(() => undefined);
  const file = (path: string, id: string): BatchItem => ({ id, source: { kind: 'file', path } });
  if (info?.isFile()) return { items: [file(resolve(pattern), basename(pattern))], skipped: [] };
  let skipped: string[] = [];
  let matches: BatchItem[];
  if (info?.isDirectory()) {
    const paths = await glob('**/*', { cwd: pattern, onlyFiles: true });
    const isDocument = (path: string) => DOCUMENT_EXTENSIONS.has(extname(path).toLowerCase());
    matches = paths.filter(isDocument).map((path) => file(resolve(pattern, path), path));
    skipped = paths.filter((path) => !isDocument(path)).map((path) => join(pattern, path));
  } else {
    matches = (await glob(pattern, { absolute: true, onlyFiles: true })).map((path) =>
      file(path, basename(path)),
    );
  }
  if (matches.length === 0) {
    const why = skipped.length > 0 ? `, only files of other types such as ${basename(skipped[0] ?? '')}` : '';
    throw new InputError(
      `${pattern} matches no document${why}; check the path, or quote the glob so the shell does not expand it.`,
    );
  }
  return { items: matches.sort((a, b) => a.id.localeCompare(b.id)), skipped };
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
