/**
 * Whole-file writes that a killed process cannot leave half done, and reads that treat a missing
 * or damaged file as absent. The run store and the disk cache write through here.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// `.<name>.<random>.tmp`: hidden and with a suffix no reader looks for, so a temporary file a killed
// process left behind is never taken for a finished one.
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Whether a file name is one of {@link writeFileAtomic}'s temporary files. */
export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

/**
 * Writes `data` to `path` through a temporary file in the same folder, renamed over `path` once
 * complete: readers see the old file or the new one, never a part. Creates missing folders.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFileCreatingFolders(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes `value` as JSON, pretty-printed with 2 spaces, atomically. `undefined` is written as `null`,
 * the nearest JSON has.
 */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value ?? null, null, 2)}\n`);
}

/** The JSON in `path`, or `undefined` when the file is missing or is not JSON (a damaged file counts as absent). */
export async function readJsonIfValid(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether `error` is a Node system error with this `code`. */
export function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

// Folders are made on the first write into them only, which keeps later writes to one syscall.
async function writeFileCreatingFolders(path: string, data: string): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
}
