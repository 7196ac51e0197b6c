/**
 * The run store: the runs under a folder, their numbered versions and the `latest` link.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../spec/errors.js';
import { isErrno, writeJsonAtomic } from '../util/atomic-file.js';
import { compareVersions, type RunComparison } from './compare.js';
import { sanitizeItemId } from './item-id.js';
import { VersionLock } from './lock.js';
import {
  checkRunName,
  DEFAULT_RUNS_DIR,
  LATEST,
  normalizeVersionName,
  VersionPaths,
  versionName,
  versionNumber,
} from './paths.js';
import { RunVersion } from './run-version.js';
import { type RunStatus, versionStatus } from './status.js';
import type { RunLabel, RunMetadata, RunMode } from './types.js';

/** What a new version starts with; see {@link RunStore.createVersion}. */
export interface NewVersionInit {
  mode: RunMode;
  /** The version a rerun builds on (`latest` or `vN`); stored as `vN`. */
  baseVersion?: string;
  /** @default 'draft' */
  label?: RunLabel;
  notes?: string;
  /** The batch's pipeline configuration without secrets, as JSON. */
  config: unknown;
  /** The version's item ids, in order; unique. */
  itemIds: string[];
}

/** A run and its versions, oldest first; see {@link RunStore.listRuns}. */
export interface RunSummary {
  runName: string;
  /** The version `latest` points at. */
  latest: string;
  versions: RunMetadata[];
}

/**
 * The runs under one folder (DESIGN section 5): `<runsDir>/<runName>/v0, v1, …, latest`. Creates
 * versions for batches, opens them to resume, lists, compares and reports their status.
 *
 * @example
 * ```ts
 * const store = new RunStore('./runs');
 * const version = await store.createVersion('invoices', { mode: 'initial', config, itemIds });
 * // … write the items, then:
 * await version.collate();
 * await version.updateMetadata({ state: 'completed' });
 * await version.release();
 * const { changed } = await store.compare('invoices', 'v0', 'latest');
 * ```
 */
export class RunStore {
  /** The folder holding the runs. */
  readonly runsDir: string;

  /** @param runsDir The folder holding the runs. @default './runs' */
  constructor(runsDir: string = DEFAULT_RUNS_DIR) {
    this.runsDir = runsDir;
  }

  /**
   * Creates the run's next version (`v0` for a new run) with its metadata (state `running`), points
   * `latest` at it and locks it for this process. Two batches creating a version of one run at once
   * get two versions, and `latest` ends at the newer.
   *
   * @throws {InputError} when the run name cannot be a folder name, the item ids are not unique, or
   * the base version does not exist.
   */
  async createVersion(runName: string, init: NewVersionInit): Promise<RunVersion> {
    checkRunName(runName);
    checkItemIds(init.itemIds);
    const baseVersion =
      init.baseVersion === undefined
        ? undefined
        : (await this.openVersion(runName, init.baseVersion)).version;
    const runDirectory = join(this.runsDir, runName);
    await mkdir(runDirectory, { recursive: true });
    const version = await makeNextVersionFolder(runDirectory);
    const directory = join(runDirectory, version);
    const paths = new VersionPaths(directory);
    const lock = await VersionLock.acquire(paths.lock, nameOfVersion(runName, version));
    try {
      const metadata: RunMetadata = {
        version,
        runName,
        createdAt: new Date().toISOString(),
        mode: init.mode,
        ...(baseVersion === undefined ? {} : { baseVersion }),
        label: init.label ?? 'draft',
        ...(init.notes === undefined ? {} : { notes: init.notes }),
        state: 'running',
        durationSeconds: 0,
        stats: {
          items: init.itemIds.length,
          succeeded: 0,
          failed: 0,
          skipped: 0,
          pages: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
        },
        config: init.config,
        itemIds: init.itemIds,
      };
      await writeJsonAtomic(paths.metadata, metadata);
      await pointLatestAtNewest(runDirectory);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return new RunVersion(runName, version, directory, lock);
  }

  /**
   * Opens a version to read it (`latest` by default, or `vN`).
   *
   * @throws {InputError} naming the runs or versions there are, when it does not exist.
   */
  async openVersion(runName: string, version: string = LATEST): Promise<RunVersion> {
    const resolved = await this.resolveVersion(runName, version);
    return new RunVersion(runName, resolved, join(this.runsDir, runName, resolved));
  }

  /**
   * Opens a version to write more of it, taking its lock: the lock of a batch that was killed is
   * taken over.
   *
   * @throws {InputError} when another live batch holds it, or it does not exist.
   */
  async resumeVersion(runName: string, version: string = LATEST): Promise<RunVersion> {
    const resolved = await this.resolveVersion(runName, version);
    const directory = join(this.runsDir, runName, resolved);
    const lock = await VersionLock.acquire(
      new VersionPaths(directory).lock,
      nameOfVersion(runName, resolved),
    );
    return new RunVersion(runName, resolved, directory, lock);
  }

  /**
   * Every run with its versions (oldest first), runs by name; or only `runName`. Versions without
   * readable metadata (cut short while being created) are left out.
   *
   * @throws {InputError} when `runName` is given and there is no such run.
   */
  async listRuns(runName?: string): Promise<RunSummary[]> {
    if (runName !== undefined) {
      checkRunName(runName);
      const summary = await this.summarize(runName);
      if (summary === undefined) throw await this.unknownRunError(runName);
      return [summary];
    }
    const runs: RunSummary[] = [];
    for (const name of (await folderNames(this.runsDir)).sort()) {
      const summary = await this.summarize(name);
      if (summary !== undefined) runs.push(summary);
    }
    return runs;
  }

  /**
   * Compares two versions' collated results: items only in one, items whose data changed (with the
   * fields that differ, as JSON Pointers), and how many are unchanged.
   */
  async compare(runName: string, versionA: string, versionB: string): Promise<RunComparison> {
    return compareVersions(
      await this.openVersion(runName, versionA),
      await this.openVersion(runName, versionB),
    );
  }

  /** Where a version's items stand (`latest` by default), read from its files. */
  async status(runName: string, version: string = LATEST): Promise<RunStatus> {
    return versionStatus(await this.openVersion(runName, version));
  }

  private async summarize(runName: string): Promise<RunSummary | undefined> {
    const names = await this.versionNames(runName);
    const versions: RunMetadata[] = [];
    for (const name of names) {
      const version = new RunVersion(runName, name, join(this.runsDir, runName, name));
      const metadata = await version.metadata().catch(() => undefined);
      if (metadata !== undefined) versions.push(metadata);
    }
    return versions.length === 0
      ? undefined
      : { runName, latest: await this.latestOf(runName, names), versions };
  }

  private async resolveVersion(runName: string, version: string): Promise<string> {
    checkRunName(runName);
    const wanted = normalizeVersionName(version);
    const names = await this.versionNames(runName);
    if (names.length === 0) throw await this.unknownRunError(runName);
    const resolved = wanted === LATEST ? await this.latestOf(runName, names) : wanted;
    if (!names.includes(resolved)) {
      throw new InputError(
        `Run '${runName}' has no version ${resolved}; its versions are ${names.join(', ')}, so pick one of them.`,
      );
    }
    return resolved;
  }

  private versionNames(runName: string): Promise<string[]> {
    return versionsWithMetadata(join(this.runsDir, runName));
  }

  // What `latest` points at; the newest version when the link is missing or points nowhere useful.
  private async latestOf(runName: string, names: readonly string[]): Promise<string> {
    const target = await readlink(join(this.runsDir, runName, LATEST)).catch(() => undefined);
    return target !== undefined && names.includes(target) ? target : (names.at(-1) ?? LATEST);
  }

  private async unknownRunError(runName: string): Promise<InputError> {
    const runs = (await this.listRuns()).map((run) => run.runName);
    const known = runs.length === 0 ? 'there are no runs there yet' : `the runs there are ${runs.join(', ')}`;
    return new InputError(
      `There is no run named '${runName}' in ${this.runsDir}; ${known}, so check the name or the runs folder (--runs-dir).`,
    );
  }
}

function nameOfVersion(runName: string, version: string): string {
  return `run '${runName}' version ${version}`;
}

function checkItemIds(itemIds: readonly string[]): void {
  // Folders are compared without case as well: on macOS and Windows `A.pdf` and `a.pdf` share one.
  const seen = new Map<string, string>();
  for (const id of itemIds) {
    const folder = sanitizeItemId(id).toLowerCase();
    const other = seen.get(folder);
    if (other !== undefined) {
      const why = other === id ? `'${id}' appears twice` : `'${other}' and '${id}' differ only in case`;
      throw new InputError(`Item ids must be unique, but ${why}; give each item its own id.`);
    }
    seen.set(folder, id);
  }
}

// mkdir without `recursive` fails when the folder exists, so of two batches making the same version
// number one gets EEXIST and tries the next: each gets a version of its own.
async function makeNextVersionFolder(runDirectory: string): Promise<string> {
  const numbers = (await folderNames(runDirectory)).map(versionNumber).filter((n) => n !== undefined);
  for (let n = numbers.length === 0 ? 0 : Math.max(...numbers) + 1; ; n++) {
    try {
      await mkdir(join(runDirectory, versionName(n)));
      return versionName(n);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
  }
}

// The versions of a run that have their metadata, oldest first. A folder without metadata is a
// version whose creation was cut short (or is under way).
async function versionsWithMetadata(runDirectory: string): Promise<string[]> {
  const names: string[] = [];
  for (const name of await folderNames(runDirectory)) {
    if (versionNumber(name) === undefined) continue;
    if (await exists(new VersionPaths(join(runDirectory, name)).metadata)) names.push(name);
  }
  return names.sort((a, b) => (versionNumber(a) ?? 0) - (versionNumber(b) ?? 0));
}

// Points `latest` at the newest version, by a new link renamed over the old one, so it always points
// somewhere. Checked again after each change: a concurrent batch may have made a newer version and
// moved the link before our rename put it back, and whichever batch moves it last then corrects it.
async function pointLatestAtNewest(runDirectory: string): Promise<void> {
  const link = join(runDirectory, LATEST);
  let pointedAt: string | undefined;
  for (;;) {
    const newest = (await versionsWithMetadata(runDirectory)).at(-1);
    if (newest === undefined || newest === pointedAt) return;
    const temp = join(runDirectory, `.${LATEST}.${randomBytes(6).toString('hex')}.tmp`);
    await symlink(newest, temp, 'dir');
    try {
      await rename(temp, link);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    pointedAt = newest;
  }
}

async function folderNames(directory: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
