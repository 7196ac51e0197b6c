import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore, sanitizeItemId } from '../../src/runs/index.js';
import { metrics, tempRunsDir } from './support.js';

async function createVersion(itemIds = ['doc-1']) {
  const store = new RunStore(await tempRunsDir());
  return store.createVersion('invoices', { mode: 'initial', config: {}, itemIds });
}

/** Every file under `directory`, as paths relative to it. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1))
    .sort();
}

describe('RunVersion items', () => {
  it('moves an item from pending through partial to failed and done, from its files', async () => {
    const version = await createVersion();
    expect(await version.itemState('doc-1')).toBe('pending');
    await version.writeInput({ id: 'doc-1', source: { kind: 'file', path: 'in/doc-1.pdf' } });
    expect(await version.itemState('doc-1')).toBe('pending');
    await version.writeStageOutput('doc-1', 'ocr', { pages: [] });
    expect(await version.itemState('doc-1')).toBe('partial');
    await version.writeError(
      'doc-1',
      { item: 'doc-1', stage: 'llm-extraction', code: 'provider', message: 'down', attempts: 3 },
      metrics(),
    );
    expect(await version.itemState('doc-1')).toBe('failed');
    expect(await version.readError('doc-1')).toMatchObject({ code: 'provider', attempts: 3 });
    // Resumed: the failed item keeps its finished stages to start again from.
    expect(await version.readStageOutputs('doc-1')).toEqual({ ocr: { pages: [] } });
    await version.writeResult('doc-1', { data: { total: 5 } }, metrics(0.01));
    expect(await version.itemState('doc-1')).toBe('done');
    expect(await version.readResult('doc-1')).toEqual({ data: { total: 5 } });
    expect(await version.readMetrics('doc-1')).toMatchObject({ costUsd: 0.01 });
    expect(await filesUnder(version.itemDirectory('doc-1'))).toEqual([
      'input.json',
      'metrics.json',
      'ocr.json',
      'result.json',
    ]);
  });

  it('keeps each item in items/<sanitized id>/ and its input, prompt and result as written', async () => {
    const version = await createVersion(['../../etc/x']);
    const id = '../../etc/x';
    await version.writeInput({
      id,
      source: { kind: 'text', text: 'Total 5' },
      variables: { a: 1 },
      outputId: 7,
    });
    await version.writePrompt(id, '# System\n\nExtract.\n');
    await version.writeResult(id, { data: { total: 5 }, warnings: [] }, metrics());
    await version.release();
    const folder = join(version.directory, 'items', sanitizeItemId(id));
    expect(version.itemDirectory(id)).toBe(folder);
    expect(await filesUnder(version.directory)).toEqual(
      ['input.json', 'metrics.json', 'prompt.md', 'result.json']
        .map((name) => join('items', sanitizeItemId(id), name))
        .concat('metadata.json')
        .sort(),
    );
    expect(await readFile(join(folder, 'prompt.md'), 'utf8')).toBe('# System\n\nExtract.\n');
    expect(await readFile(join(folder, 'input.json'), 'utf8')).toBe(
      `${JSON.stringify({ id, source: { kind: 'text', text: 'Total 5' }, variables: { a: 1 }, outputId: 7 }, null, 2)}\n`,
    );
    expect(await version.readInput(id)).toMatchObject({ outputId: 7 });
  });

  it('reads stage outputs back by their ids, whatever the ids', async () => {
    const version = await createVersion();
    const stages = {
      ocr: 1,
      'llm-extraction': { a: null },
      'a/b': 2,
      result: 3,
      Input: 4,
      '.x.': 5,
      con: 6,
      'ü ber': [7],
    };
    for (const [stageId, output] of Object.entries(stages))
      await version.writeStageOutput('doc-1', stageId, output);
    expect(await version.readStageOutputs('doc-1')).toEqual(stages);
    // A stage called `result` did not write the item's result.
    expect(await version.itemState('doc-1')).toBe('partial');
    expect(await readdir(version.itemDirectory('doc-1'))).toContain('ocr.json');
  });

  it('writes atomically, leaving no temporary files, and ignores one a killed write left', async () => {
    const version = await createVersion();
    await Promise.all(Array.from({ length: 20 }, (_, n) => version.writeStageOutput('doc-1', 'ocr', { n })));
    expect(await readdir(version.itemDirectory('doc-1'))).toEqual(['ocr.json']);
    expect(await version.readStageOutputs('doc-1')).toEqual({ ocr: { n: expect.any(Number) } });

    // A process killed mid-write leaves its temporary file: it is not a finished stage.
    await writeFile(join(version.itemDirectory('doc-1'), '.parser.json.0123456789ab.tmp'), '{"half":');
    await writeFile(join(version.itemDirectory('doc-1'), '.result.json.0123456789ab.tmp'), '{"data":');
    expect(await version.readStageOutputs('doc-1')).toEqual({ ocr: { n: expect.any(Number) } });
    expect(await version.itemState('doc-1')).toBe('partial');
  });

  it('skips a damaged stage file, so that stage runs again', async () => {
    const version = await createVersion();
    await version.writeStageOutput('doc-1', 'ocr', { ok: true });
    await writeFile(join(version.itemDirectory('doc-1'), 'parser.json'), '{"text": "cut sh');
    expect(await version.readStageOutputs('doc-1')).toEqual({ ocr: { ok: true } });
  });

  it('removes a stale error when the item succeeds on a later attempt', async () => {
    const version = await createVersion();
    await version.writeError('doc-1', { item: 'doc-1', code: 'provider', message: 'down' }, metrics());
    await version.writeResult('doc-1', { data: 1 }, metrics());
    expect(await readdir(version.itemDirectory('doc-1'))).not.toContain('error.json');
    expect(await version.readError('doc-1')).toBeUndefined();
  });
});

describe('RunVersion metadata', () => {
  it('merges updates without losing concurrent ones, keeping the version and run name', async () => {
    const version = await createVersion();
    await Promise.all([
      version.updateMetadata({ notes: 'fixed the prompt' }),
      version.updateMetadata({ label: 'rc' }),
      version.updateMetadata({ durationSeconds: 12.5, version: 'v9', runName: 'other' }),
    ]);
    expect(await version.metadata()).toMatchObject({
      version: 'v0',
      runName: 'invoices',
      notes: 'fixed the prompt',
      label: 'rc',
      durationSeconds: 12.5,
      state: 'running',
    });
    await version.updateMetadata({ state: 'completed' });
    await version.release();
    expect((await version.metadata()).state).toBe('completed');
    expect((await readdir(version.directory)).sort()).toEqual(['metadata.json']);
  });

  it('says which version has unreadable metadata and what to do', async () => {
    const version = await createVersion();
    await writeFile(join(version.directory, 'metadata.json'), '{');
    await expect(version.metadata()).rejects.toThrow(
      `Run 'invoices' version v0 has no readable metadata (${join(version.directory, 'metadata.json')}); it was not created completely, so pick another version or delete ${version.directory}.`,
    );
  });
});
