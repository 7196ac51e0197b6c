/**
 * Poison items: a document whose work kills the batch process (a native decoder's segfault, the
 * OOM killer) would kill every resume of the batch again. Each start of an item's work is on disk
 * before its first stage runs (`items/<id>/attempts.json`, see runs/item-attempts.ts), so a resume
 * knows which items the process died in. Those run after the others, one at a time, so that a
 * further death can only be theirs; an item that has crashed the process `maxItemCrashes` times,
 * once at least while running alone, is failed with code `process-crashed` instead of started
 * again, and the rest of the batch completes. An item merely running beside the culprit when the
 * process died is never failed for it: run alone, it succeeds.
 *
 * @module
 */

import type { ItemAttempt, ItemAttempts, ItemError, RunVersion } from '../runs/index.js';
import { crashesOf, type ItemCrashes, withAttemptEnded, withAttemptStarted } from '../runs/item-attempts.js';
import { ConfigError } from '../spec/errors.js';

/** The `ItemError` code of an item given up on because its work crashed the process. */
export const PROCESS_CRASHED = 'process-crashed';

/** How many deaths of the process an item may cause before a resume gives up on it. */
export const DEFAULT_MAX_ITEM_CRASHES = 2;

/**
 * The crash limit `BatchOptions.maxItemCrashes` asks for.
 *
 * @throws {ConfigError} when it is not a whole number of at least 1.
 */
export function resolveMaxItemCrashes(maxItemCrashes: number | undefined): number {
  if (maxItemCrashes === undefined) return DEFAULT_MAX_ITEM_CRASHES;
  if (Number.isInteger(maxItemCrashes) && maxItemCrashes >= 1) return maxItemCrashes;
  throw new ConfigError(
    `runBatch's maxItemCrashes must be a whole number of at least 1 (the default is ${DEFAULT_MAX_ITEM_CRASHES}), got ${maxItemCrashes}.`,
    {
      option: 'maxItemCrashes',
    },
  );
}

/**
 * One item's attempts in a stored version: the deaths earlier processes left, and this process's
 * start and end of its work.
 */
export class ItemAttemptLog {
  /** The deaths of earlier processes during the item's work. */
  readonly crashes: ItemCrashes;
  #record: ItemAttempts;
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly version: RunVersion,
    private readonly itemId: string,
    record: ItemAttempts,
  ) {
    this.#record = record;
    this.crashes = crashesOf(record);
  }

  /** The item's attempts as earlier processes of a resumed version left them. */
  static async read(version: RunVersion, itemId: string): Promise<ItemAttemptLog> {
    return new ItemAttemptLog(version, itemId, await version.readAttempts(itemId));
  }

  /** An item not yet started in the version (every item of a new version). */
  static none(version: RunVersion, itemId: string): ItemAttemptLog {
    return new ItemAttemptLog(version, itemId, { attempts: [] });
  }

  /** Whether the process died during the item's work before: it is run alone, so a next death is surely its own. */
  get diedBefore(): boolean {
    return this.crashes.count > 0;
  }

  /** Whether the item crashed the process `limit` times, once at least while it ran alone: it is not started again. */
  exhausts(limit: number): boolean {
    return this.crashes.count >= limit && this.crashes.alone > 0;
  }

  /** Records the start of the item's work; await it before the item's first stage runs. */
  start(alone: boolean): Promise<void> {
    return this.#write(
      withAttemptStarted(this.#record, { startedAt: new Date().toISOString(), pid: process.pid, alone }),
    );
  }

  /** Records that the item's work ended in this process, so that it does not count as a crash. */
  end(outcome: NonNullable<ItemAttempt['outcome']>): Promise<void> {
    return this.#write(withAttemptEnded(this.#record, outcome, new Date().toISOString()));
  }

  // Queued: an end written while its start is still being written must not land first.
  #write(record: ItemAttempts): Promise<void> {
    this.#record = record;
    const write = this.#writes.then(() => this.version.writeAttempts(this.itemId, record));
    this.#writes = write.catch(() => undefined);
    return write;
  }
}

/** The `errors.json` entry of an item given up on: what happened, and how to run it again. */
export function processCrashedError(itemId: string, crashes: ItemCrashes, runName: string): ItemError {
  return {
    item: itemId,
    code: PROCESS_CRASHED,
    message: `Item '${itemId}' crashed the batch process ${crashes.count} times (a native decoder's crash, the OOM killer or kill -9), so it was not started again; once the cause is fixed, run docpipe runs rerun ${runName} ${shellWord(itemId)}, or resume with a higher --max-crashes.`,
    attempts: crashes.count,
  };
}

// Item ids may hold spaces or quotes (JSON items); the command in the message must still paste.
function shellWord(text: string): string {
  return /^[\w.,:@%+=/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
