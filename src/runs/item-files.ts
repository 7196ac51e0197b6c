/**
 * The files of an item's folder (`items/<id>/`), and what they say about the item: `input.json`,
 * `prompt.md`, one `<stageId>.json` per finished stage, `result.json` or `error.json`, `metrics.json`,
 * `incomplete.json` beside a result that lacks required values, and `attempts.json` (each start of its work;
 * see item-attempts.ts).
 *
 * @module
 */
import { InputError } from '../spec/errors.js';
import { isTempFileName } from '../util/atomic-file.js';
import { isWindowsDeviceName } from './item-id.js';
import type { ItemState } from './types.js';

/** The fixed file names of an item folder. */
export const ITEM_FILES = {
  input: 'input.json',
  prompt: 'prompt.md',
  result: 'result.json',
  incomplete: 'incomplete.json',
  error: 'error.json',
  metrics: 'metrics.json',
  attempts: 'attempts.json',
} as const;

const STAGE_FILE_SUFFIX = '.json';
// Compared without case, for case-insensitive file systems.
const ITEM_FILE_BASE_NAME = /^(?:input|result|incomplete|error|metrics|attempts)$/i;
const MAX_FILE_NAME_BYTES = 255;

/**
 * The file name of stage `stageId`'s output. Unlike item ids, stage ids must be read back from the
 * file names (to resume and to count), so they are percent-encoded, which is reversible: `ocr` →
 * `ocr.json`, `a/b` → `a%2Fb.json`, and a stage called `result` → `%72esult.json` so it cannot
 * overwrite the item's result (nor `con` become a Windows device).
 */
export function stageFileName(stageId: string): string {
  let encoded = encodeURIComponent(stageId).replace(/[!'()*~]/g, percentEncode);
  // A leading dot would hide the file; Windows drops a trailing one.
  encoded = encoded.replace(/^\.|\.$/g, percentEncode);
  if (ITEM_FILE_BASE_NAME.test(encoded) || isWindowsDeviceName(encoded))
    encoded = `${percentEncode(encoded.charAt(0))}${encoded.slice(1)}`;
  const name = `${encoded}${STAGE_FILE_SUFFIX}`;
  if (Buffer.byteLength(name) > MAX_FILE_NAME_BYTES) {
    throw new InputError(
      `The stage id '${stageId.slice(0, 40)}…' is too long to name its output file; give the stage a shorter id with .withId().`,
    );
  }
  return name;
}

/** What an item's files say: its state, and the ids of the stages whose output is stored. */
export interface ItemFiles {
  readonly state: ItemState;
  readonly stageIds: string[];
}

/**
 * Reads an item's state from the names of the files in its folder: `result.json` → done, or incomplete
 * with `incomplete.json` beside it, `error.json` → failed, any stage file → partial, else pending.
 * Temporary files are not files yet.
 */
export function classifyItemFiles(fileNames: readonly string[]): ItemFiles {
  const names = new Set(fileNames.filter((name) => !isTempFileName(name)));
  const stageIds = [...names].flatMap((name) => {
    const stageId = stageIdOfFileName(name);
    return stageId === undefined ? [] : [stageId];
  });
  const state: ItemState = names.has(ITEM_FILES.result)
    ? names.has(ITEM_FILES.incomplete)
      ? 'incomplete'
      : 'done'
    : names.has(ITEM_FILES.error)
      ? 'failed'
      : stageIds.length > 0
        ? 'partial'
        : 'pending';
  return { state, stageIds };
}

/** The stage id a file name stores the output of, or `undefined` when it is not a stage file. */
export function stageIdOfFileName(name: string): string | undefined {
  if (!name.endsWith(STAGE_FILE_SUFFIX) || isTempFileName(name)) return undefined;
  if (Object.values<string>(ITEM_FILES).includes(name)) return undefined;
  try {
    return decodeURIComponent(name.slice(0, -STAGE_FILE_SUFFIX.length));
  } catch {
    return undefined; // not a name docpipe wrote
  }
}

function percentEncode(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}
