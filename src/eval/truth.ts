/**
 * Reading the truth an evaluation scores against: a folder of `<item-id>.json` files, one JSON file
 * holding an array of items with an id field, or data given by item id.
 *
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isPlainObject } from '../schema/values.js';
import { InputError, messageOf } from '../spec/errors.js';
import { isErrno } from '../util/atomic-file.js';
import type { EvalProblem } from './types.js';

const READS_AT_ONCE = 32;

/** Truth as {@link evaluateRun} takes it: a folder or file path, or the true data by item id. */
export type TruthInput = string | ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

/** One item's true data, and where it came from (for messages). */
export interface TruthEntry {
  /** The id the truth names: an item id, or an output id. */
  readonly id: string;
  readonly data: unknown;
  /** The file, or `<file>#<index>` for an item of an array. */
  readonly source: string;
  /** The id field of an array item, which is no part of its data unless the schema says so. */
  readonly idField?: string;
}

/** The truth read, and the inputs that could not be used (each named, the rest read). */
export interface LoadedTruth {
  readonly source: string;
  readonly entries: readonly TruthEntry[];
  readonly problems: readonly EvalProblem[];
}

/**
 * Reads the truth. In a folder, every `.json` file at any depth is one item's data, its id the file's path
 * in the folder without `.json` (`scans/a.pdf.json` → `scans/a.pdf`). A file holds an array of items, each
 * with its id in `idField`.
 *
 * @throws {InputError} when the path does not exist, or a truth file is not a JSON array of items.
 */
export async function loadTruth(truth: TruthInput, idField: string): Promise<LoadedTruth> {
  if (typeof truth !== 'string') {
    const entries = truth instanceof Map ? [...truth] : Object.entries(truth);
    return {
      source: '(given)',
      entries: entries.map(([id, data]) => ({ id, data, source: `(given)#${id}` })),
      problems: [],
    };
  }
  const kind = await stat(truth).then(
    (stats) => (stats.isDirectory() ? 'folder' : 'file'),
    (error: unknown) => {
      if (isErrno(error, 'ENOENT')) {
        throw new InputError(
          `There is no truth at ${truth}; give a folder of <item-id>.json files or a JSON file holding an array of items.`,
        );
      }
      throw error;
    },
  );
  return kind === 'folder' ? loadTruthFolder(truth) : loadTruthArray(truth, idField);
}

async function loadTruthFolder(folder: string): Promise<LoadedTruth> {
  const entries: TruthEntry[] = [];
  const problems: EvalProblem[] = [];
  const files = await jsonFiles(folder);
  // Read a few at a time: a folder may hold tens of thousands of files.
  const texts: string[] = [];
  for (let start = 0; start < files.length; start += READS_AT_ONCE) {
    texts.push(
      ...(await Promise.all(files.slice(start, start + READS_AT_ONCE).map((file) => readFile(file, 'utf8')))),
    );
  }
  files.forEach((file, index) => {
    const parsed = parseJson(texts[index] ?? '');
    const id = relative(folder, file).split(sep).join('/').slice(0, -'.json'.length);
    if (parsed.ok) entries.push({ id, data: parsed.value, source: file });
    else {
      problems.push({
        source: file,
        message: `is not valid JSON (${parsed.error}); fix the file, as item '${id}' is not scored`,
      });
    }
  });
  if (entries.length === 0 && problems.length === 0) {
    throw new InputError(
      `The truth folder ${folder} holds no .json files; put one <item-id>.json file per item there.`,
    );
  }
  return { source: folder, entries, problems };
}

async function loadTruthArray(file: string, idField: string): Promise<LoadedTruth> {
  const parsed = parseJson(await readFile(file, 'utf8'));
  if (!parsed.ok || !Array.isArray(parsed.value)) {
    const what = parsed.ok ? 'is not a JSON array' : `is not valid JSON (${parsed.error})`;
    throw new InputError(
      `The truth file ${file} ${what}; give an array of items, each with its id in '${idField}', or a folder of <item-id>.json files.`,
    );
  }
  const entries: TruthEntry[] = [];
  const problems: EvalProblem[] = [];
  const seen = new Set<string>();
  parsed.value.forEach((item: unknown, index) => {
    const source = `${file}#${index}`;
    const id = isPlainObject(item) ? item[idField] : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') {
      problems.push({
        source,
        message: `has no '${idField}' field; give the item its id, as it is not scored`,
      });
    } else if (seen.has(String(id))) {
      problems.push({
        source,
        message: `repeats id '${id}'; keep one truth per item, as only the first is scored`,
      });
    } else {
      seen.add(String(id));
      entries.push({ id: String(id), data: item, source, idField });
    }
  });
  return { source: file, entries, problems };
}

async function jsonFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (directory: string) => {
    const children = await readdir(directory, { withFileTypes: true });
    for (const child of children.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, child.name);
      if (child.isDirectory()) await visit(path);
      else if (child.isFile() && child.name.endsWith('.json')) files.push(path);
    }
  };
  await visit(folder);
  return files;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}
