/**
 * The files of an item's folder (`items/<id>/`), and what they say about the item: `input.json`,
 * `prompt.md`, one `<stageId>.json` per finished stage (with `<stageId>.raw.json`, its raw vendor responses, when
 * the pipeline keeps them), a `<stageId>.parts/` folder of the provider requests a stage had answered before it
 * was cut short (one `<key>.json` each, removed once the stage's output is stored), `result.json` or
 * `error.json`, `metrics.json`, `incomplete.json` beside a result that lacks required values, and
 * `attempts.json` (each start of its work; see item-attempts.ts).
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
const RAW_FILE_SUFFIX = '.raw.json';
const PARTS_FOLDER_SUFFIX = '.parts';
// The longest name made from a stage id: its raw responses' file.
const LONGEST_SUFFIX = RAW_FILE_SUFFIX;
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
  return `${encodedStageId(stageId)}${STAGE_FILE_SUFFIX}`;
}

/** The file name of stage `stageId`'s raw vendor responses: `ocr.raw.json`. */
export function stageRawFileName(stageId: string): string {
  return `${encodedStageId(stageId)}${RAW_FILE_SUFFIX}`;
}

/** The folder name of the provider requests stage `stageId` had answered before it was cut short: `ocr.parts`. */
export function stagePartsFolderName(stageId: string): string {
  return `${encodedStageId(stageId)}${PARTS_FOLDER_SUFFIX}`;
}

/**
 * `stageId` percent-encoded for file names, dots included, so the names made from it (`ocr.json`, `ocr.raw.json`)
 * cannot be taken for one another.
 */
function encodedStageId(stageId: string): string {
  let encoded = encodeURIComponent(stageId).replace(/[!'()*~.]/g, percentEncode);
  if (ITEM_FILE_BASE_NAME.test(encoded) || isWindowsDeviceName(encoded))
    encoded = `${percentEncode(encoded.charAt(0))}${encoded.slice(1)}`;
  if (Buffer.byteLength(`${encoded}${LONGEST_SUFFIX}`) > MAX_FILE_NAME_BYTES) {
    throw new InputError(
      `The stage id '${stageId.slice(0, 40)}…' is too long to name its output file; give the stage a shorter id with .withId().`,
    );
  }
  return encoded;
}

/** What an item's files say: its state, and the ids of the stages whose output is stored. */
export interface ItemFiles {
  readonly state: ItemState;
  readonly stageIds: string[];
}

/**
 * Reads an item's state from the names of the files in its folder: `result.json` → done, or incomplete
 * with `incomplete.json` beside it, `error.json` → failed, any stage file or parts folder → partial, else
 * pending. Temporary files are not files yet.
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
      : stageIds.length > 0 || [...names].some((name) => stageIdOfPartsFolder(name) !== undefined)
        ? 'partial'
        : 'pending';
  return { state, stageIds };
}

/** The stage id a file name stores the output of, or `undefined` when it is not a stage file. */
export function stageIdOfFileName(name: string): string | undefined {
  return stageIdOf(name, STAGE_FILE_SUFFIX);
}

/** The stage id whose answered requests a folder of the item holds, or `undefined` when it is no parts folder. */
export function stageIdOfPartsFolder(name: string): string | undefined {
  return stageIdOf(name, PARTS_FOLDER_SUFFIX);
}

function stageIdOf(name: string, suffix: string): string | undefined {
  if (!name.endsWith(suffix) || isTempFileName(name)) return undefined;
  if (Object.values<string>(ITEM_FILES).includes(name)) return undefined;
  const encoded = name.slice(0, -suffix.length);
  // An encoded stage id has no dot: a name with one is another file (`ocr.raw.json`).
  if (encoded === '' || encoded.includes('.')) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined; // not a name docpipe wrote
  }
}

function percentEncode(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}
