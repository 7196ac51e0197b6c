/**
 * The answered requests of a batch item on disk (`items/<id>/<stageId>.parts/<key>.json`): read back whole, a
 * damaged or misnamed file left out (that request is sent again), and gone once the stage's output is stored.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/runs/index.js';

async function version() {
  const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-parts-'));
  return new RunStore(runsDir).createVersion('parts', { mode: 'initial', config: null, itemIds: ['a'] });
}

const call = (n: number) => ({
  stageId: 'llm-extraction',
  key: `${n}`.repeat(64),
  answer: { json: { n }, finishReason: 'stop', usage: { inputTokens: n }, warnings: [] },
});

describe("a batch item's answered requests", () => {
  it('are read back as written, and a damaged or misnamed file is left out', async () => {
    const run = await version();
    await run.writeAnsweredCall('a', call(1));
    await run.writeAnsweredCall('a', call(2));
    const parts = join(run.itemDirectory('a'), 'llm-extraction.parts');
    await writeFile(join(parts, `${'3'.repeat(64)}.json`), '{"stageId": "llm-extrac');
    await writeFile(join(parts, `${'4'.repeat(64)}.json`), JSON.stringify(call(5)));
    const read = await run.readAnsweredCalls('a');
    expect(read.sort((x, y) => x.key.localeCompare(y.key))).toEqual([call(1), call(2)]);
    expect(await run.itemState('a')).toBe('partial');
    await run.release();
  });

  it("are removed once the stage's output is stored, which stands for them", async () => {
    const run = await version();
    await run.writeAnsweredCall('a', call(1));
    await run.writeStageOutput('a', 'llm-extraction', { data: 1 }, [{ id: 'chatcmpl-1' }]);
    expect((await readdir(run.itemDirectory('a'))).sort()).toEqual([
      'llm-extraction.json',
      'llm-extraction.raw.json',
    ]);
    expect(await run.readAnsweredCalls('a')).toEqual([]);
    expect(await run.readStageOutputs('a')).toEqual({ 'llm-extraction': { data: 1 } });
    await run.release();
  });
});
