/**
 * What the terminal says when a batch ends with failures: how many, the error most of them share,
 * and where the rest is, so that a user can act without opening errors.json first.
 *
 * @module
 */
import type { ItemError } from '../runs/index.js';

/** An error several items share: its code, its message with the item's name left out, and how many. */
export interface CommonError {
  readonly code: string;
  readonly message: string;
  readonly items: number;
}

// Long enough for a decoder's reason, short enough to keep the summary to two lines.
const MAX_MESSAGE_LENGTH = 160;

/**
 * The error most items failed with, or `undefined` when none failed. Messages name their item
 * ("scan-7.png cannot be decoded …"), so the item's id is left out before comparing them; on a tie,
 * the error met first wins.
 */
export function mostCommonError(errors: readonly ItemError[]): CommonError | undefined {
  const groups = new Map<string, { code: string; message: string; first: string; items: number }>();
  for (const error of errors) {
    const message = error.item ? error.message.replaceAll(error.item, '…') : error.message;
    const key = `${error.code}\u0000${message}`;
    const group = groups.get(key);
    if (group) group.items += 1;
    else groups.set(key, { code: error.code, message, first: error.message, items: 1 });
  }
  let best: { code: string; message: string; first: string; items: number } | undefined;
  for (const group of groups.values()) if (!best || group.items > best.items) best = group;
  if (!best) return undefined;
  // One item's error reads better with its name in it.
  return { code: best.code, message: best.items === 1 ? best.first : best.message, items: best.items };
}

/**
 * The sentence a failed batch ends with, e.g. `3 of 4 documents failed; the most common error (3 items,
 * input): "… cannot be decoded …". See runs/scans/v0/errors.json, fix the cause and run docpipe runs rerun scans <item...>.`
 */
export function describeFailedBatch(
  failed: number,
  total: number,
  errors: readonly ItemError[],
  where: { readonly runsDir: string; readonly runName: string; readonly version: string },
): string {
  const common = mostCommonError(errors);
  const which =
    common === undefined
      ? ''
      : common.items > 1
        ? `; the most common error (${common.items} items, ${common.code}): ${quote(common.message)}`
        : `; ${errors.length === 1 ? 'the' : 'the first'} error (${common.code}): ${quote(common.message)}`;
  const errorsFile = `${where.runsDir}/${where.runName}/${where.version}/errors.json`;
  return `${failed} of ${total} documents failed${which}. See ${errorsFile}, fix the cause and run docpipe runs rerun ${where.runName} <item...>.`;
}

/**
 * The sentence a batch with incomplete results ends with, e.g. `2 of 4 documents are incomplete: …`: where they
 * are marked, and how to run just them again.
 */
export function describeIncompleteBatch(
  incomplete: number,
  total: number,
  where: { readonly runsDir: string; readonly runName: string; readonly version: string },
): string {
  const results = `${where.runsDir}/${where.runName}/${where.version}/collated/results.json`;
  return `${incomplete} of ${total} documents ${incomplete === 1 ? 'is' : 'are'} incomplete: their data has null where a required value was not found, marked "incomplete" in ${results}. Help the extractor (field descriptions, a better model), then run docpipe runs rerun ${where.runName} --incomplete.`;
}

function quote(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  const short =
    oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1).trimEnd()}…` : oneLine;
  return `"${short}"`;
}
