/**
 * An item's `attempts.json`: starts and ends of its work, the deaths they show, and how the file
 * sits among the item's other files.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ItemAttempts, RunStore } from '../../src/runs/index.js';
import {
  crashesOf,
  parseItemAttempts,
  withAttemptEnded,
  withAttemptStarted,
} from '../../src/runs/item-attempts.js';
import { stageFileName, stageIdOfFileName } from '../../src/runs/item-files.js';
import { tempRunsDir } from './support.js';

const at = (second: number) => `2025-05-01T10:00:${String(second).padStart(2, '0')}.000Z`;

describe('item attempts', () => {
  it('counts a start without an end as a death, and tells the deaths in which the item ran alone', () => {
    let record: ItemAttempts = { attempts: [] };
    expect(crashesOf(record)).toEqual({ count: 0, alone: 0 });
    record = withAttemptStarted(record, { startedAt: at(0), pid: 10, alone: false });
    record = withAttemptStarted(record, { startedAt: at(1), pid: 11, alone: true });
    record = withAttemptStarted(record, { startedAt: at(2), pid: 12, alone: true });
    record = withAttemptEnded(record, 'failed', at(3));
    expect(crashesOf(record)).toEqual({ count: 2, alone: 1 });
    expect(record.attempts.at(-1)).toEqual({
      startedAt: at(2),
      pid: 12,
      alone: true,
      endedAt: at(3),
      outcome: 'failed',
    });
  });

  it('does not count an interrupted attempt: an abort ends the work in the process', () => {
    const started = withAttemptStarted({ attempts: [] }, { startedAt: at(0), pid: 10, alone: true });
    expect(crashesOf(withAttemptEnded(started, 'interrupted', at(1)))).toEqual({ count: 0, alone: 0 });
  });

  it('leaves out what is not an attempt, and reads anything else as no attempts', () => {
    const good = { startedAt: at(0), pid: 10, alone: false };
    expect(parseItemAttempts({ attempts: [good, { pid: 'x' }, null, 3] })).toEqual({ attempts: [good] });
    expect(parseItemAttempts(undefined)).toEqual({ attempts: [] });
    expect(parseItemAttempts({ attempts: 'many' })).toEqual({ attempts: [] });
  });

  it('is stored beside the item files, is no stage output, and leaves the item pending', async () => {
    const store = new RunStore(await tempRunsDir());
    const version = await store.createVersion('r', { mode: 'initial', config: {}, itemIds: ['doc-1'] });
    expect(await version.readAttempts('doc-1')).toEqual({ attempts: [] });
    const record = withAttemptStarted({ attempts: [] }, { startedAt: at(0), pid: 10, alone: true });
    await version.writeAttempts('doc-1', record);
    expect(await version.readAttempts('doc-1')).toEqual(record);
    expect(await readdir(version.itemDirectory('doc-1'))).toEqual(['attempts.json']);
    expect(await version.itemFiles('doc-1')).toEqual({ state: 'pending', stageIds: [] });
    expect(await version.readStageOutputs('doc-1')).toEqual({});
    // A stage called `attempts` cannot overwrite the file.
    expect(stageFileName('attempts')).not.toBe('attempts.json');
    expect(stageIdOfFileName(stageFileName('attempts'))).toBe('attempts');
    await writeFile(join(version.itemDirectory('doc-1'), 'attempts.json'), '{"attempts": [');
    expect(await version.readAttempts('doc-1')).toEqual({ attempts: [] });
    await version.release();
  });
});
