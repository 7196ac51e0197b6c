/**
 * Where a run's files live (DESIGN section 5, a contract other tools read):
 *
 * ```
 * <runsDir>/<runName>/
 *   v0/ metadata.json  items/<itemId>/…  collated/results.json  errors.json  .lock
 *   v1/ …
 *   latest -> v1
 * ```
 *
 * @module
 */
import { join } from 'node:path';
import { InputError } from '../spec/errors.js';
import { sanitizeItemId } from './item-id.js';

/** Where runs are kept unless told otherwise, relative to the working directory. */
export const DEFAULT_RUNS_DIR = './runs';

/** The symbolic link to a run's newest version, and the version name that means it. */
export const LATEST = 'latest';

const VERSION_NAME = /^v(0|[1-9][0-9]*)$/;

/** The name of version number `n`: `v0`, `v1`, … */
export function versionName(n: number): string {
  return `v${n}`;
}

/** The number of a version name (`v3` → 3), or `undefined` when `name` is not one. */
export function versionNumber(name: string): number | undefined {
  const match = VERSION_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * A version as users write it: `latest`, `v3`, or plain `3`; returned as `latest` or `vN`.
 *
 * @throws {InputError} for anything else.
 */
export function normalizeVersionName(version: string): string {
  if (version === LATEST || versionNumber(version) !== undefined) return version;
  if (/^(0|[1-9][0-9]*)$/.test(version)) return versionName(Number(version));
  throw new InputError(`'${version}' is not a run version; write one such as v0, v1 or latest.`);
}

/**
 * Checks that `runName` can be a folder name as it is (the sanitized form would surprise whoever
 * looks for the folder).
 *
 * @throws {InputError} when it cannot.
 */
export function checkRunName(runName: string): void {
  if (runName !== '' && sanitizeItemId(runName) === runName) return;
  throw new InputError(
    `The run name '${runName}' cannot be a folder name; use letters, digits and . _ - + @ = only, not starting with a dot.`,
  );
}

/** The files of one version, under its folder. */
export class VersionPaths {
  constructor(readonly directory: string) {}

  get metadata(): string {
    return join(this.directory, 'metadata.json');
  }

  get items(): string {
    return join(this.directory, 'items');
  }

  get collatedResults(): string {
    return join(this.directory, 'collated', 'results.json');
  }

  get errors(): string {
    return join(this.directory, 'errors.json');
  }

  get lock(): string {
    return join(this.directory, '.lock');
  }

  /** The folder of item `itemId`: `items/<sanitizeItemId(itemId)>`. */
  item(itemId: string): string {
    return join(this.items, sanitizeItemId(itemId));
  }
}
