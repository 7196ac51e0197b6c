/**
 * An item's `attempts.json`: every start of its work in a version, so that a process that died
 * during an item (a native decoder's segfault, the OOM killer, `kill -9`) leaves a trace a resume
 * can read. A start is written atomically before the item's first stage runs, and marked ended once
 * its work ends in the process: succeeded, failed, or interrupted by an abort (Ctrl-C), which is
 * handled in the process and so is no crash. A start without an end is a death: the version's
 * lock keeps every other process out, so no one can still be running it.
 *
 * ```json
 * { "attempts": [
 *   { "startedAt": "2025-05-01T10:00:00.000Z", "pid": 4242, "alone": false },
 *   { "startedAt": "2025-05-01T10:02:00.000Z", "pid": 4250, "alone": true,
 *     "endedAt": "2025-05-01T10:02:03.000Z", "outcome": "failed" }
 * ] }
 * ```
 *
 * @module
 */
import type { ItemAttempt, ItemAttempts } from './types.js';

/** How often the process died during an item's work. */
export interface ItemCrashes {
  /** Starts without an end. */
  readonly count: number;
  /** Of those, the ones in which the item ran alone, so the death was its own doing. */
  readonly alone: number;
}

/**
 * The deaths `record` shows. Read it before the item starts in this process: this process's own
 * running attempt has no end yet either.
 */
export function crashesOf(record: ItemAttempts): ItemCrashes {
  const died = record.attempts.filter((attempt) => attempt.endedAt === undefined);
  return { count: died.length, alone: died.filter((attempt) => attempt.alone).length };
}

/** `record` with a new attempt started by process `pid` at `startedAt`. */
export function withAttemptStarted(
  record: ItemAttempts,
  start: Pick<ItemAttempt, 'startedAt' | 'pid' | 'alone'>,
): ItemAttempts {
  return { attempts: [...record.attempts, { ...start }] };
}

/** `record` with its latest attempt ended at `endedAt`, as `outcome`. */
export function withAttemptEnded(
  record: ItemAttempts,
  outcome: NonNullable<ItemAttempt['outcome']>,
  endedAt: string,
): ItemAttempts {
  const latest = record.attempts.at(-1);
  if (latest === undefined) return record;
  return { attempts: [...record.attempts.slice(0, -1), { ...latest, endedAt, outcome }] };
}

/**
 * The attempts a parsed `attempts.json` lists; entries that are not attempts are left out, and
 * anything else (a missing or damaged file: `undefined`) reads as no attempts.
 */
export function parseItemAttempts(value: unknown): ItemAttempts {
  const attempts = (value as Partial<ItemAttempts> | null | undefined)?.attempts;
  if (!Array.isArray(attempts)) return { attempts: [] };
  return { attempts: attempts.filter(isAttempt) };
}

function isAttempt(value: unknown): value is ItemAttempt {
  const attempt = value as Partial<ItemAttempt> | null;
  return (
    typeof attempt === 'object' &&
    attempt !== null &&
    typeof attempt.startedAt === 'string' &&
    typeof attempt.pid === 'number' &&
    typeof attempt.alone === 'boolean' &&
    (attempt.endedAt === undefined || typeof attempt.endedAt === 'string')
  );
}
