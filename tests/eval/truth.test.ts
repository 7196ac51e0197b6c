import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTruth } from '../../src/eval/truth.js';
import { InputError } from '../../src/index.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'docpipe-truth-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(folder, name, '..'), { recursive: true });
    await writeFile(join(folder, name), text);
  }
  return folder;
}

describe('loadTruth', () => {
  it('reads a folder of <item-id>.json files, at any depth, and names the files that are not JSON', async () => {
    const folder = await folderWith({
      'a.pdf.json': '{"total": 1}',
      'scans/b.json': '{"total": 2}',
      'c.json': '{"total": ',
      'notes.txt': 'not truth',
    });
    const truth = await loadTruth(folder, 'id');
    expect(truth.entries.map(({ id, data }) => [id, data])).toEqual([
      ['a.pdf', { total: 1 }],
      ['scans/b', { total: 2 }],
    ]);
    expect(truth.problems).toEqual([
      {
        source: join(folder, 'c.json'),
        message: expect.stringMatching(/^is not valid JSON \(.+\); fix the file, as item 'c' is not scored$/),
      },
    ]);
  });

  it('reads a JSON array of items by their id field, naming items without an id and repeated ids', async () => {
    const folder = await folderWith({
      'truth.json': JSON.stringify([
        { ref: 'a', total: 1 },
        { total: 2 },
        { ref: 7, total: 3 },
        { ref: 'a', total: 4 },
      ]),
    });
    const file = join(folder, 'truth.json');
    const truth = await loadTruth(file, 'ref');
    expect(truth.entries.map(({ id, source }) => [id, source])).toEqual([
      ['a', `${file}#0`],
      ['7', `${file}#2`],
    ]);
    expect(truth.problems.map((p) => `${p.source}: ${p.message}`)).toEqual([
      `${file}#1: has no 'ref' field; give the item its id, as it is not scored`,
      `${file}#3: repeats id 'a'; keep one truth per item, as only the first is scored`,
    ]);
  });

  it('takes truth given as data by item id', async () => {
    expect((await loadTruth({ a: { total: 1 } }, 'id')).entries).toEqual([
      { id: 'a', data: { total: 1 }, source: '(given)#a' },
    ]);
  });

  it('fails with the fix when there is no truth to read', async () => {
    const folder = await folderWith({ 'x.txt': '', 'list.json': '{"a": 1}' });
    await expect(loadTruth(join(folder, 'nothing'), 'id')).rejects.toThrow(
      /^There is no truth at .*nothing; give a folder of <item-id>\.json files or a JSON file holding an array of items\.$/,
    );
    await expect(loadTruth(join(folder, 'list.json'), 'id')).rejects.toThrow(InputError);
    await expect(loadTruth(join(folder, 'list.json'), 'id')).rejects.toThrow(
      /is not a JSON array; give an array/,
    );
    await expect(loadTruth(await folderWith({ 'x.txt': '' }), 'id')).rejects.toThrow(/holds no \.json files/);
  });
});
