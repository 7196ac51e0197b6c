// Incomplete results on the command line (issue 15): `extract` prints what it found and exits 3; a batch keeps
// incomplete items apart from failed ones, and `runs rerun --incomplete` redoes exactly them.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli-workspace.js';
import { runCliChild } from '../support/run-cli.js';

const DEADLINE_MS = 90_000;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  ({ dir, env } = await cliWorkspace('incomplete'));
  // As users write schemas: every field required, none nullable.
  const schema = {
    type: 'object',
    properties: {
      invoice_number: { type: 'string' },
      total: { type: 'number' },
      due_date: { type: 'string' },
    },
    required: ['invoice_number', 'total', 'due_date'],
  };
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  await mkdir(join(dir, 'docs'));
  await writeFile(
    join(dir, 'docs', 'whole.txt'),
    'Invoice number: INV-1\nTotal: 12.00\nDue date: 2026-01-31\n',
  );
  await writeFile(join(dir, 'docs', 'no-total.txt'), 'Invoice number: INV-2\nDue date: 2026-02-28\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const docpipe = (...args: string[]) =>
  runCliChild([...args, '--schema', 'schema.json', '--stages', 'llm', '--llm', 'heuristic'], {
    cwd: dir,
    env,
    deadlineMs: DEADLINE_MS,
  });

describe('docpipe extract with a required field it cannot find', () => {
  it('prints the partial data with null for the gap, names it on stderr, and exits 3', async () => {
    const run = await docpipe('extract', 'docs/no-total.txt');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ invoice_number: 'INV-2', due_date: '2026-02-28', total: null });
    expect(run.stderr).toContain('docpipe: docs/no-total.txt: /total: required, but not found\n');
    expect(run.stderr).toContain('1 of 1 document is incomplete');
    expect(run.stderr).not.toMatch(/repair|undefined/);
  });

  it('exits 0 for a document with every field', async () => {
    const run = await docpipe('extract', 'docs/whole.txt');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ invoice_number: 'INV-1', total: 12 });
  });
});

describe('docpipe batch with an incomplete item', () => {
  it('stores it as incomplete, not failed, marks it in the collated results, and reruns exactly it', async () => {
    const batch = await docpipe('batch', 'docs', '--name', 'inv');
    expect(batch.code).toBe(3);
    expect(batch.stderr).toMatch(/2 documents: 1 succeeded, 0 failed, 0 skipped, 1 incomplete · /);
    expect(batch.stderr).toContain('1 of 2 documents is incomplete');
    expect(batch.stderr).toContain('docpipe runs rerun inv --incomplete');
    const collated = JSON.parse(await readFile(join(dir, 'runs/inv/v0/collated/results.json'), 'utf8'));
    expect(collated).toEqual([
      {
        id: 'no-total.txt',
        data: { invoice_number: 'INV-2', due_date: '2026-02-28', total: null },
        incomplete: ['/total'],
      },
      { id: 'whole.txt', data: { invoice_number: 'INV-1', total: 12, due_date: '2026-01-31' } },
    ]);
    expect(JSON.parse(await readFile(join(dir, 'runs/inv/v0/errors.json'), 'utf8'))).toEqual([]);

    const status = await runCliChild(['runs', 'status', 'inv'], { cwd: dir, env, deadlineMs: DEADLINE_MS });
    expect(status.stdout).toContain('done 1 · incomplete 1 · failed 0');
    expect(status.stdout).toContain('incomplete (1): no-total.txt');

    const run = (...args: string[]) => runCliChild(args, { cwd: dir, env, deadlineMs: DEADLINE_MS });
    const rerun = await run('runs', 'rerun', 'inv', '--incomplete');
    expect(rerun.code).toBe(3);
    expect(rerun.stderr).toMatch(/1 document: 0 succeeded, 0 failed, 0 skipped, 1 incomplete · /);
    const v1 = JSON.parse(await readFile(join(dir, 'runs/inv/v1/metadata.json'), 'utf8'));
    expect(v1).toMatchObject({ mode: 'rerun', baseVersion: 'v0', itemIds: ['no-total.txt'] });

    // Told where the value is (a description naming the label), the extractor is asked again and finds it.
    await writeFile(
      join(dir, 'docs', 'no-total.txt'),
      'Invoice number: INV-2\nDue date: 2026-02-28\nAmount payable: 7.50\n',
    );
    const described = JSON.parse(await readFile(join(dir, 'schema.json'), 'utf8'));
    described.properties.total.description = 'Amount payable';
    await writeFile(join(dir, 'schema2.json'), JSON.stringify(described));
    const fixed = await run('runs', 'rerun', 'inv', '--incomplete', '--schema', 'schema2.json', '--fresh');
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/1 document: 1 succeeded, 0 failed, 0 skipped · /);
    const v2 = JSON.parse(await readFile(join(dir, 'runs/inv/v2/metadata.json'), 'utf8'));
    expect(v2.config.jsonSchema.properties.total.description).toBe('Amount payable');
    const v2Results = JSON.parse(await readFile(join(dir, 'runs/inv/v2/collated/results.json'), 'utf8'));
    expect(v2Results.find((entry: { id: string }) => entry.id === 'no-total.txt')).toEqual({
      id: 'no-total.txt',
      data: { invoice_number: 'INV-2', total: 7.5, due_date: '2026-02-28' },
    });
    expect((await run('runs', 'rerun', 'inv', '--incomplete')).stderr).toContain('has no incomplete items');

    // An id mistyped (without its extension) is named, with the ids the run has.
    const typo = await run('runs', 'rerun', 'inv', 'no-total');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe(
      "docpipe: Run inv has no item 'no-total'; its items are no-total.txt, whole.txt.\n",
    );
  });
});
