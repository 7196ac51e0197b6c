/**
 * The lock that keeps two batches from writing one version: a `.lock` file holding the writer's pid.
 * A lock whose process is gone (a batch killed with `kill -9` never releases) is stale and is taken
 * over.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { InputError } from '../spec/errors.js';
import { isErrno, readJsonIfValid } from '../util/atomic-file.js';

interface LockRecord {
  readonly pid: number;
  readonly hostname: string;
  /** Tells this holder's lock from a later one, so releasing never removes someone else's. */
  readonly token: string;
  readonly acquiredAt: string;
}

// A stale lock is removed and taking it retried; each round either succeeds, meets a live holder,
// or lost a race to another process doing the same, so a few rounds settle it.
const MAX_ROUNDS = 5;

/** A held lock; {@link VersionLock.release} drops it. */
export class VersionLock {
  private released = false;

  private constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  /**
   * Takes the lock file at `path` for this process. `what` names the locked thing in messages
   * (`run 'invoices' version v2`).
   *
   * @throws {InputError} when a live process holds it.
   */
  static async acquire(path: string, what: string): Promise<VersionLock> {
    const record: LockRecord = {
      pid: process.pid,
      hostname: hostname(),
      token: randomUUID(),
      acquiredAt: new Date().toISOString(),
    };
    // Written in full first and then hard-linked into place: `link` fails when the lock exists, and
    // a reader never sees a lock file without its pid.
    const staged = `${path}.${record.token}.tmp`;
    await writeFile(staged, `${JSON.stringify(record, null, 2)}\n`);
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        try {
          await link(staged, path);
          return new VersionLock(path, record.token);
        } catch (error) {
          if (!isErrno(error, 'EEXIST')) throw error;
        }
        const holder = await readLockRecord(path);
        if (holder !== undefined && isHolderAlive(holder)) throw lockedError(what, holder, path);
        await removeStaleLock(path);
      }
      throw new InputError(
        `Could not lock ${what}: other processes keep taking its lock; make sure only one batch resumes it.`,
      );
    } finally {
      await rm(staged, { force: true });
    }
  }

  /** Drops the lock; does nothing when it is already dropped or no longer ours. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const holder = await readLockRecord(this.path);
    if (holder?.token === this.token) await rm(this.path, { force: true });
  }
}

/**
 * Whether the lock at `path` is held by a process that may still be running: its pid is alive, or
 * it was taken on another host, where this one cannot tell.
 */
export async function isLockHeld(path: string): Promise<boolean> {
  const holder = await readLockRecord(path);
  return holder !== undefined && isHolderAlive(holder);
}

async function readLockRecord(path: string): Promise<LockRecord | undefined> {
  const record = await readJsonIfValid(path);
  const { pid, hostname } = (record ?? {}) as Partial<LockRecord>;
  return Number.isInteger(pid) && typeof hostname === 'string' ? (record as LockRecord) : undefined;
}

function isHolderAlive(holder: LockRecord): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0); // signal 0 checks that the process exists, and sends nothing
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // it exists, under another user
  }
}

async function removeStaleLock(path: string): Promise<void> {
  // Moved aside rather than deleted: a rename succeeds for one process only, and what it moved can be
  // checked, since another process may have taken the lock between our read and now.
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return; // another process removed it first
    throw error;
  }
  const moved = await readLockRecord(aside);
  if (moved !== undefined && isHolderAlive(moved)) {
    // A live lock taken meanwhile: put it back (unless yet another process has locked since).
    await link(aside, path).catch((error: unknown) => {
      if (!isErrno(error, 'EEXIST')) throw error;
    });
  }
  await rm(aside, { force: true });
}

function lockedError(what: string, holder: LockRecord, path: string): InputError {
  const where =
    holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
  return new InputError(
    `Another batch is running ${what} (${where}); wait for it to finish or stop it, and if that process is gone, delete ${path}.`,
  );
}
