/**
 * Items the batch process died in, as a resume sees them from their `attempts.json`: given up on
 * once they crashed it too often, run after the others one at a time, and never confused with an
 * interrupted item. The process dying for real is in crashed-items-e2e.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemsFromJson } from '../../src/batch/batch-inputs.js';
import { type BatchOptions, runBatch } from '../../src/batch/run-batch.js';
import { ConfigError, defineStage, linearPipeline } from '../../src/index.js';
import { type ItemAttempts, RunStore } from '../../src/runs/index.js';
import { cli } from '../support/run-cli.js';

const itemsOf = (ids: readonly string[]) =>
  itemsFromJson(
    ids.map((id) => ({ id, text: `Document ${id}` })),
    { idField: 'id', textField: 'text' },
  );

/** A one-stage pipeline whose `decoder` stage notes which item it ran for, and how many ran at once. */
function decoderPipeline(work: (id: string) => unknown = () => undefined) {
  const runs: { id: string; runningAtStart: number }[] = [];
  let running = 0;
  const decoder = defineStage({
    id: 'decoder',
    run: async ({ variables }) => {
      const id = variables.id as string;
      runs.push({ id, runningAtStart: ++running });
      try {
        await work(id);
        return { decoded: id };
      } finally {
        running -= 1;
      }
    },
  });
  return { pipeline: linearPipeline({ stages: [decoder], cache: false }), runs };
}

/**
 * A version of run `r` whose process died during some items' work: for each item, whether it ran
 * alone in each attempt it died in.
 */
async function versionWithDeaths(ids: readonly string[], deaths: Record<string, boolean[]>) {
  const dir = await mkdtemp(join(tmpdir(), 'docpipe-crashes-'));
  const version = await new RunStore(dir).createVersion('r', {
    mode: 'initial',
    config: null,
    itemIds: [...ids],
  });
  for (const [id, alone] of Object.entries(deaths)) {
    await version.writeAttempts(id, {
      attempts: alone.map((ranAlone, i) => ({
        startedAt: new Date(i).toISOString(),
        pid: 1_000 + i,
        alone: ranAlone,
      })),
    });
  }
  await version.release();
  return dir;
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
const attemptsOf = (dir: string, id: string): Promise<ItemAttempts> =>
  readJson(join(dir, 'r', 'v0', 'items', id, 'attempts.json'));

describe('items that crashed the batch process', () => {
  it('fails an item that crashed the process twice without starting it, and completes the rest', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    const dir = await versionWithDeaths(ids, { b: [false, true] });
    const { pipeline, runs } = decoderPipeline();
    const resume: BatchOptions = { name: 'r', runsDir: dir, resume: true };

    const summary = await runBatch(pipeline, itemsOf(ids), resume);

    expect(summary.state).toBe('completed');
    expect(summary.progress).toMatchObject({ done: 3, failed: 1 });
    expect(runs.map((run) => run.id).sort()).toEqual(['a', 'c', 'd']);
    expect(summary.errors).toEqual([
      {
        item: 'b',
        code: 'process-crashed',
        attempts: 2,
        message: expect.stringMatching(
          /^Item 'b' crashed the batch process 2 times .*docpipe runs rerun r b, or resume with a higher --max-crashes\.$/,
        ),
      },
    ]);
    const v0 = join(dir, 'r', 'v0');
    expect(await readJson(join(v0, 'errors.json'))).toEqual(summary.errors);
    expect((await readJson(join(v0, 'collated', 'results.json'))).map((r: { id: string }) => r.id)).toEqual([
      'a',
      'c',
      'd',
    ]);
    // `runs rerun` rebuilds the item from its input.
    expect(await readJson(join(v0, 'items', 'b', 'input.json'))).toMatchObject({ id: 'b' });
    expect(await readJson(join(v0, 'metadata.json'))).toMatchObject({ stats: { succeeded: 3, failed: 1 } });

    // Resumed again, it stays failed; a higher limit lets it run once more.
    const again = await runBatch(decoderPipeline().pipeline, itemsOf(ids), resume);
    expect(again.errors).toEqual([expect.objectContaining({ item: 'b', code: 'process-crashed' })]);
    const raised = decoderPipeline();
    const retried = await runBatch(raised.pipeline, itemsOf(ids), { ...resume, maxItemCrashes: 3 });
    expect(retried).toMatchObject({ state: 'completed', errors: [] });
    expect(raised.runs.map((run) => run.id)).toEqual(['b']);
    expect((await attemptsOf(dir, 'b')).attempts.at(-1)).toMatchObject({ alone: true, outcome: 'succeeded' });
  });

  it('runs the items the process died in after the others, alone, and blames none that only died beside the culprit', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    // b and d were running when the process died, beside each other: either may be the culprit.
    const dir = await versionWithDeaths(ids, { b: [false], d: [false] });
    const { pipeline, runs } = decoderPipeline();

    const summary = await runBatch(pipeline, itemsOf(ids), {
      name: 'r',
      runsDir: dir,
      resume: true,
      concurrency: 3,
      maxItemCrashes: 1,
    });

    expect(summary).toMatchObject({ state: 'completed', errors: [] });
    expect(
      runs
        .slice(0, 3)
        .map((run) => run.id)
        .sort(),
    ).toEqual(['a', 'c', 'e']);
    expect(runs.slice(3)).toEqual([
      { id: 'b', runningAtStart: 1 },
      { id: 'd', runningAtStart: 1 },
    ]);
    expect((await attemptsOf(dir, 'b')).attempts).toEqual([
      expect.not.objectContaining({ endedAt: expect.anything() }),
      expect.objectContaining({ pid: process.pid, alone: true, outcome: 'succeeded' }),
    ]);
    expect((await attemptsOf(dir, 'a')).attempts).toEqual([
      expect.objectContaining({ alone: false, outcome: 'succeeded' }),
    ]);
  });

  it('has the start on disk before the first stage runs, and marks the end however the work ends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-crashes-'));
    const seenByStage: Record<string, ItemAttempts> = {};
    const { pipeline } = decoderPipeline(async (id) => {
      seenByStage[id] = await attemptsOf(dir, id);
      if (id === 'bad') throw new Error('Cannot decode this document.');
    });

    await runBatch(pipeline, itemsOf(['good', 'bad']), { name: 'r', runsDir: dir });

    for (const id of ['good', 'bad']) {
      expect(seenByStage[id]).toEqual({
        attempts: [{ startedAt: expect.any(String), pid: process.pid, alone: false }],
      });
    }
    expect((await attemptsOf(dir, 'good')).attempts).toEqual([
      expect.objectContaining({ endedAt: expect.any(String), outcome: 'succeeded' }),
    ]);
    expect((await attemptsOf(dir, 'bad')).attempts).toEqual([
      expect.objectContaining({ endedAt: expect.any(String), outcome: 'failed' }),
    ]);
  });

  it('does not count an interrupted item as a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-crashes-'));
    const controller = new AbortController();
    let slowStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    const { pipeline } = decoderPipeline(async (id) => {
      if (id !== 'slow') return;
      slowStarted();
      await new Promise((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
      );
    });
    const interrupted = runBatch(pipeline, itemsOf(['quick', 'slow']), {
      name: 'r',
      runsDir: dir,
      signal: controller.signal,
    });
    await started;
    controller.abort();
    expect((await interrupted).state).toBe('interrupted');
    expect((await attemptsOf(dir, 'slow')).attempts).toEqual([
      expect.objectContaining({ endedAt: expect.any(String), outcome: 'interrupted' }),
    ]);

    const resumed = decoderPipeline();
    const summary = await runBatch(resumed.pipeline, itemsOf(['quick', 'slow']), {
      name: 'r',
      runsDir: dir,
      resume: true,
      maxItemCrashes: 1,
    });
    expect(summary).toMatchObject({ state: 'completed', errors: [] });
    // Run with the others, not held back as an item the process died in.
    expect((await attemptsOf(dir, 'slow')).attempts.at(-1)).toMatchObject({
      alone: false,
      outcome: 'succeeded',
    });
  });

  it('rejects a crash limit below 1 before creating a version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-crashes-'));
    await expect(
      runBatch(decoderPipeline().pipeline, itemsOf(['a']), { name: 'r', runsDir: dir, maxItemCrashes: 0 }),
    ).rejects.toThrow(ConfigError);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('takes the limit from docpipe batch --max-crashes, which its help lists', async () => {
    const help = await cli('batch', '--help');
    expect(help.stdout).toMatch(/--max-crashes <n>\s+.*crash.*\(default: 2\)/);
    const zero = await cli('batch', 'docs/', '--name', 'r', '--schema', 'schema.json', '--max-crashes', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain(
      "option '--max-crashes <n>' argument '0' is invalid. Give a whole number of at least 1.",
    );
  });
});
