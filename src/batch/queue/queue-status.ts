/**
 * Where the items of a queued run stand in the queue: waiting, being worked on, done or failed — read from
 * Redis for the items whose job is there, and from the run store for the items already collected.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { RunVersion } from '../../runs/run-version.js';
import type { RunQueueStatus } from '../../runs/status.js';
import { messageOf } from '../../spec/errors.js';
import { bullConnection, checkReachable, resolveConnection } from './connection.js';
import { jobIdOf, QUEUE_RECORD_FILE, type QueueRecord } from './job-payload.js';

/** A queued version's items by where they stand. */
export type QueueStatus = RunQueueStatus;

const CHUNK = 200;

/**
 * The queue status of `version`, or `undefined` when it was not run on a queue. The Redis URL is the one
 * the coordinator recorded, unless `url` is given (a recorded URL has no password).
 */
export async function queueStatus(version: RunVersion, url?: string): Promise<QueueStatus | undefined> {
  const record = await readQueueRecord(version);
  if (!record) return undefined;
  const { itemIds } = await version.metadata();
  const counts = { queued: 0, active: 0, done: 0, failed: 0, notQueued: 0 };
  const fromStore = async (id: string) => {
    const state = await version.itemState(id);
    if (state === 'done' || state === 'incomplete') counts.done += 1;
    else if (state === 'failed') counts.failed += 1;
    else counts.notQueued += 1;
  };
  const connection = resolveConnection({ url: url ?? record.url, queueName: record.queueName });
  const base = { url: connection.shownUrl, queueName: connection.queueName };
  try {
    await checkReachable(connection);
  } catch (error) {
    for (const id of itemIds) await fromStore(id);
    return { ...base, reachable: false, problem: messageOf(error), ...counts };
  }
  const queue = new Queue(connection.queueName, { connection: bullConnection(connection) });
  queue.on('error', () => undefined);
  try {
    for (let start = 0; start < itemIds.length; start += CHUNK) {
      const chunk = itemIds.slice(start, start + CHUNK);
      const states = await Promise.all(
        chunk.map((id) => queue.getJobState(jobIdOf(version.runName, version.version, id))),
      );
      for (const [index, id] of chunk.entries()) {
        const state = states[index];
        if (state === 'active') counts.active += 1;
        else if (state === 'completed') counts.done += 1;
        else if (state === 'failed') counts.failed += 1;
        else if (state === 'unknown' || state === undefined) await fromStore(id);
        else counts.queued += 1;
      }
    }
  } finally {
    await queue.close().catch(() => undefined);
  }
  return { ...base, reachable: true, ...counts };
}

async function readQueueRecord(version: RunVersion): Promise<QueueRecord | undefined> {
  try {
    const record = JSON.parse(
      await readFile(join(version.directory, QUEUE_RECORD_FILE), 'utf8'),
    ) as QueueRecord;
    return typeof record?.url === 'string' && typeof record.queueName === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}
