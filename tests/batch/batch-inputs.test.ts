import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBatchInputs, describeSkipped, resolveBatchInputs } from '../../src/batch/batch-inputs.js';
import { InputError } from '../../src/spec/errors.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docpipe-batch-inputs-'));
  await mkdir(join(dir, 'scans', 'old'), { recursive: true });
  for (const name of ['a.pdf', 'b.PNG', 'old/c.txt', 'readme.md', 'notes.csv', 'old/export.json']) {
    await writeFile(join(dir, 'scans', name), 'x');
  }
  await mkdir(join(dir, 'only-notes'));
  await writeFile(join(dir, 'only-notes', 'readme.md'), '# notes');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectBatchInputs', () => {
  it('takes the document types of a directory and lists the other files as skipped', async () => {
    const scans = join(dir, 'scans');
    const { items, skipped } = await collectBatchInputs([scans]);
    expect(items.map((item) => item.id)).toEqual(['a.pdf', 'b.PNG', 'old/c.txt']);
    expect(skipped).toEqual([
      join(scans, 'notes.csv'),
      join(scans, 'old/export.json'),
      join(scans, 'readme.md'),
    ]);
  });

  it('always takes a file named explicitly, whatever its extension', async () => {
    const { items, skipped } = await collectBatchInputs([join(dir, 'scans', 'readme.md')]);
    expect(items.map((item) => item.id)).toEqual(['readme.md']);
    expect(skipped).toEqual([]);
  });

  it('refuses a directory without any document, saying what it holds', async () => {
    const promise = resolveBatchInputs([join(dir, 'only-notes')]);
    await expect(promise).rejects.toThrow(InputError);
    await expect(promise).rejects.toThrow('matches no document, only files of other types such as readme.md');
  });
});

describe('describeSkipped', () => {
  it('says nothing when nothing was skipped', () => {
    expect(describeSkipped([])).toBeUndefined();
  });

  it('names the first few files in one line and counts the rest', () => {
    const names = Array.from({ length: 7 }, (_, index) => `d/${index}.md`);
    const line = describeSkipped(names) ?? '';
    expect(line).toMatch(
      /^Skipped 7 files that are not document types \(\.pdf, .*\.txt\): d\/0\.md, d\/1\.md, d\/2\.md, d\/3\.md, d\/4\.md and 2 more; name a file to take it anyway\.$/,
    );
    expect(line).not.toContain('\n');
    expect(describeSkipped(['d/readme.md'])).toMatch(/^Skipped 1 file that is not a document type /);
  });
});
