/**
 * One version of a run (`<runsDir>/<runName>/vN/`): its metadata, and its items' files.
 *
 * @module
 */
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type AnsweredCall, InputError } from '../spec/errors.js';
import { isErrno, readJsonIfValid, writeFileAtomic, writeJsonAtomic } from '../util/atomic-file.js';
import { collateVersion } from './collate.js';
import { parseItemAttempts } from './item-attempts.js';
import {
  classifyItemFiles,
  ITEM_FILES,
  type ItemFiles,
  stageFileName,
  stageIdOfFileName,
  stageIdOfPartsFolder,
  stagePartsFolderName,
  stageRawFileName,
} from './item-files.js';
import { isLockHeld, type VersionLock } from './lock.js';
import { VersionPaths, versionNumber } from './paths.js';
import type {
  ItemAttempts,
  ItemError,
  ItemIncompleteness,
  ItemInput,
  ItemMetrics,
  ItemResult,
  ItemState,
  RunMetadata,
} from './types.js';

// An answered request's file in a stage's parts folder: `<key>.json`.
const ANSWER_FILE_SUFFIX = '.json';

/**
 * A version of a run, opened by a {@link RunStore}. Its files are the ground truth: every method
 * reads or writes them at once, so a killed batch loses nothing it had finished. Write to a version
 * only through the handle `createVersion` or `resumeVersion` returned, which holds its lock.
 *
 * @example
 * ```ts
 * const version = await new RunStore().createVersion('invoices', { mode: 'initial', config, itemIds: ['a'] });
 * await version.writeStageOutput('a', 'ocr', ocrDocument);
 * await version.writeResult('a', { data, fields, warnings }, metrics);
 * await version.collate();
 * await version.updateMetadata({ state: 'completed' });
 * await version.release();
 * ```
 */
export class RunVersion {
  /** The run's name. */
  readonly runName: string;
  /** `v0`, `v1`, … */
  readonly version: string;
  /** The version's folder. */
  readonly directory: string;
  private readonly paths: VersionPaths;
  private readonly lock: VersionLock | undefined;
  // Metadata updates read, merge and write the whole file; queued so two from this process never
  // interleave and lose one of them.
  private metadataUpdates: Promise<unknown> = Promise.resolve();

  /** @internal Versions come from {@link RunStore}. */
  constructor(runName: string, version: string, directory: string, lock?: VersionLock) {
    this.runName = runName;
    this.version = version;
    this.directory = directory;
    this.paths = new VersionPaths(directory);
    this.lock = lock;
  }

  /**
   * The version's `metadata.json`. A version still marked `running` whose batch process is gone is
   * reported `interrupted`.
   *
   * @throws {InputError} when the file is missing or damaged.
   */
  async metadata(): Promise<RunMetadata> {
    const stored = await this.storedMetadata();
    if (stored.state === 'running' && !(await isLockHeld(this.paths.lock))) {
      return { ...stored, state: 'interrupted' };
    }
    return stored;
  }

  /**
   * Merges `patch` into `metadata.json` and writes it atomically. `version` and `runName` are kept
   * as they are.
   *
   * @example
   * ```ts
   * await version.updateMetadata({ state: 'completed', durationSeconds: 42, stats });
   * ```
   */
  updateMetadata(patch: Partial<RunMetadata>): Promise<void> {
    const update = this.metadataUpdates.then(async () => {
      const current = await this.storedMetadata();
      await writeJsonAtomic(this.paths.metadata, {
        ...current,
        ...patch,
        version: current.version,
        runName: current.runName,
      });
    });
    this.metadataUpdates = update.catch(() => undefined);
    return update;
  }

  /** The folder of item `itemId` (`items/<sanitizeItemId(itemId)>`), for messages and extra files. */
  itemDirectory(itemId: string): string {
    return this.paths.item(itemId);
  }

  /** Writes the item's `input.json`. */
  writeInput(input: ItemInput): Promise<void> {
    return writeJsonAtomic(this.itemFile(input.id, ITEM_FILES.input), input);
  }

  /** The item's `input.json`, or `undefined` when it has none (or it is damaged). */
  async readInput(itemId: string): Promise<ItemInput | undefined> {
    return (await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.input))) as ItemInput | undefined;
  }

  /**
   * Stores a finished stage's output as `items/<id>/<stageId>.json`, atomically, so a resumed batch
   * starts the item after this stage, and its raw vendor responses, when given, as `<stageId>.raw.json`.
   * The requests the stage had answered (`<stageId>.parts/`) are removed: its output stands for them.
   * Write it as soon as the stage has finished.
   */
  async writeStageOutput(itemId: string, stageId: string, output: unknown, raw?: unknown): Promise<void> {
    // The raw responses first: once the output exists, the stage is finished and is not run again to make them.
    if (raw !== undefined) await this.writeStageRaw(itemId, stageId, raw);
    await writeJsonAtomic(this.itemFile(itemId, stageFileName(stageId)), output);
    await rm(this.itemFile(itemId, stagePartsFolderName(stageId)), { recursive: true, force: true });
  }

  /**
   * Stores a stage's raw vendor responses (secret-free) as `items/<id>/<stageId>.raw.json`, atomically: by
   * {@link writeStageOutput}, or alone where the stage's output is not stored (a queue worker's item).
   */
  writeStageRaw(itemId: string, stageId: string, raw: unknown): Promise<void> {
    return writeJsonAtomic(this.itemFile(itemId, stageRawFileName(stageId)), raw);
  }

  /**
   * Stores a provider request a stage of the item answered, as `items/<id>/<stageId>.parts/<key>.json`,
   * atomically, so a resumed batch does not pay for it again. Write it as soon as the answer came.
   */
  writeAnsweredCall(itemId: string, call: AnsweredCall): Promise<void> {
    const folder = this.itemFile(itemId, stagePartsFolderName(call.stageId));
    return writeJsonAtomic(join(folder, `${call.key}${ANSWER_FILE_SUFFIX}`), call);
  }

  /**
   * The provider requests the item's unfinished stages had answered, to resume it without paying for them again.
   * A damaged file, or one whose content is not the call its name says, is left out: that request is sent again.
   */
  async readAnsweredCalls(itemId: string): Promise<AnsweredCall[]> {
    const calls: AnsweredCall[] = [];
    for (const name of await this.itemFileNames(itemId)) {
      const stageId = stageIdOfPartsFolder(name);
      if (stageId === undefined) continue;
      const folder = this.itemFile(itemId, name);
      for (const file of await fileNames(folder)) {
        const call = (await readJsonIfValid(join(folder, file))) as Partial<AnsweredCall> | undefined;
        if (call?.stageId === stageId && `${call.key}${ANSWER_FILE_SUFFIX}` === file && 'answer' in call)
          calls.push(call as AnsweredCall);
      }
    }
    return calls;
  }

  /**
   * The outputs of the item's finished stages, by stage id, to resume it from. A damaged file is left
   * out, so that stage runs again.
   */
  async readStageOutputs(itemId: string): Promise<Record<string, unknown>> {
    const outputs: Record<string, unknown> = {};
    for (const name of await this.itemFileNames(itemId)) {
      const stageId = stageIdOfFileName(name);
      if (stageId === undefined) continue;
      const output = await readJsonIfValid(this.itemFile(itemId, name));
      if (output !== undefined) outputs[stageId] = output;
    }
    return outputs;
  }

  /** Writes the exact prompt the item's extraction sent, as `prompt.md`. */
  writePrompt(itemId: string, markdown: string): Promise<void> {
    return writeFileAtomic(this.itemFile(itemId, ITEM_FILES.prompt), markdown);
  }

  /**
   * Writes the item's `result.json` (whose `data` is what `collated/results.json` lists and
   * `compare` diffs) and its `metrics.json`, with `incomplete.json` when the data lacks required values,
   * and removes an `error.json` (or an `incomplete.json`) an earlier attempt left.
   */
  async writeResult(
    itemId: string,
    result: ItemResult,
    metrics: ItemMetrics,
    incomplete?: ItemIncompleteness,
  ): Promise<void> {
    // Metrics and the incomplete marker first: once result.json exists the item is finished, as they say.
    await writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.metrics), metrics);
    if (incomplete) await writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.incomplete), incomplete);
    else await rm(this.itemFile(itemId, ITEM_FILES.incomplete), { force: true });
    await writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.result), result);
    await rm(this.itemFile(itemId, ITEM_FILES.error), { force: true });
  }

  /** The item's `incomplete.json`, or `undefined` when its result is complete (or it has none). */
  async readIncomplete(itemId: string): Promise<ItemIncompleteness | undefined> {
    return (await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.incomplete))) as
      | ItemIncompleteness
      | undefined;
  }

  /** The item's `result.json`, or `undefined` when it has none. */
  async readResult(itemId: string): Promise<ItemResult | undefined> {
    return (await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.result))) as ItemResult | undefined;
  }

  /** Writes the item's `error.json` and `metrics.json`. Its finished stages' outputs stay, to resume from. */
  async writeError(itemId: string, error: ItemError, metrics: ItemMetrics): Promise<void> {
    await writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.metrics), metrics);
    await writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.error), error);
  }

  /** The item's `error.json`, or `undefined` when it has none. */
  async readError(itemId: string): Promise<ItemError | undefined> {
    return (await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.error))) as ItemError | undefined;
  }

  /** The item's `metrics.json`, or `undefined` when it has none. */
  async readMetrics(itemId: string): Promise<ItemMetrics | undefined> {
    return (await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.metrics))) as ItemMetrics | undefined;
  }

  /**
   * Writes the item's `attempts.json`, atomically: write a start before the item's first stage runs,
   * so that a process dying during its work leaves a start without an end.
   *
   * @internal the batch's bookkeeping (batch/crashed-items.ts)
   */
  writeAttempts(itemId: string, attempts: ItemAttempts): Promise<void> {
    return writeJsonAtomic(this.itemFile(itemId, ITEM_FILES.attempts), attempts);
  }

  /**
   * The starts of the item's work in this version, from its `attempts.json`; none when it has no
   * readable one.
   *
   * @internal the batch's bookkeeping (batch/crashed-items.ts)
   */
  async readAttempts(itemId: string): Promise<ItemAttempts> {
    return parseItemAttempts(await readJsonIfValid(this.itemFile(itemId, ITEM_FILES.attempts)));
  }

  /**
   * Where the item stands, from its files: `result.json` → `done` (`incomplete` with `incomplete.json`),
   * `error.json` → `failed`, any stage output → `partial`, else `pending`.
   */
  async itemState(itemId: string): Promise<ItemState> {
    return (await this.itemFiles(itemId)).state;
  }

  /** The item's state and the ids of its stored stage outputs. */
  async itemFiles(itemId: string): Promise<ItemFiles> {
    return classifyItemFiles(await this.itemFileNames(itemId));
  }

  /**
   * The version this one builds on (a rerun's base), or `undefined`. A base must be an earlier
   * version; anything else in the metadata is ignored, so a hand-edited file cannot make a loop.
   */
  async openBase(): Promise<RunVersion | undefined> {
    const { baseVersion } = await this.storedMetadata();
    const baseNumber = baseVersion === undefined ? undefined : versionNumber(baseVersion);
    const ownNumber = versionNumber(this.version);
    if (baseVersion === undefined || baseNumber === undefined || ownNumber === undefined) return undefined;
    if (baseNumber >= ownNumber) return undefined;
    return new RunVersion(this.runName, baseVersion, join(dirname(this.directory), baseVersion));
  }

  /**
   * Writes `collated/results.json`, `[{ id, outputId?, data }]` for the items that have a result
   * (`outputId` from their `input.json`, `data` from their `result.json`), in
   * item order, and `errors.json`, the errors of this version's failed items. A rerun's collation
   * holds its base's results too, in the base's order, with this version's items replacing them (an
   * item this version failed is not filled in from the base: its error is in `errors.json`).
   *
   * @example
   * ```ts
   * const { results, errors } = await version.collate(); // e.g. { results: 48, errors: 2 }
   * ```
   */
  collate(): Promise<{ results: number; errors: number }> {
    return collateVersion(this);
  }

  /** Drops the version's lock, if this handle holds it; other batches may then resume the version. */
  async release(): Promise<void> {
    await this.lock?.release();
  }

  private async storedMetadata(): Promise<RunMetadata> {
    const metadata = (await readJsonIfValid(this.paths.metadata)) as RunMetadata | undefined;
    if (typeof metadata !== 'object' || metadata === null || !Array.isArray(metadata.itemIds)) {
      throw new InputError(
        `Run '${this.runName}' version ${this.version} has no readable metadata (${this.paths.metadata}); it was not created completely, so pick another version or delete ${this.directory}.`,
      );
    }
    return metadata;
  }

  private itemFile(itemId: string, name: string): string {
    return join(this.paths.item(itemId), name);
  }

  private itemFileNames(itemId: string): Promise<string[]> {
    return fileNames(this.paths.item(itemId));
  }
}

/** The names in a folder; none when it does not exist. */
async function fileNames(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}
