import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/runs/index.js';
import { cli } from '../support/run-cli.js';
import { metrics, tempRunsDir } from './support.js';

const stats = {
  items: 3,
  succeeded: 2,
  failed: 1,
  skipped: 0,
  pages: 3,
  inputTokens: 1234,
  outputTokens: 56,
  costUsd: 0.02,
};

/**
 * invoices v0 (beta, completed: a and b done, c failed), invoices v1 (draft rerun of a and c, whose
 * batch never finished), receipts v0 (final, completed).
 */
async function runsFixture(): Promise<string> {
  const runsDir = await tempRunsDir();
  const store = new RunStore(runsDir);
  const v0 = await store.createVersion('invoices', {
    mode: 'initial',
    label: 'beta',
    notes: 'March invoices, new prompt',
    config: { stages: ['ocr', 'llm-extraction'], llm: { provider: 'anthropic' } },
    itemIds: ['a', 'b', 'c'],
  });
  await v0.writeStageOutput('a', 'ocr', {});
  await v0.writeResult('a', { data: { total: 1, lines: [1] } }, metrics(0.01));
  await v0.writeResult('b', { data: { total: 2 } }, metrics(0.01));
  await v0.writeStageOutput('c', 'ocr', {});
  await v0.writeError(
    'c',
    { item: 'c', stage: 'llm-extraction', code: 'provider', message: 'down' },
    metrics(),
  );
  await v0.collate();
  await v0.updateMetadata({ state: 'completed', durationSeconds: 12.34, stats });
  await v0.release();

  const v1 = await store.createVersion('invoices', {
    mode: 'rerun',
    baseVersion: 'v0',
    config: {},
    itemIds: ['a', 'c'],
  });
  await v1.writeResult('a', { data: { total: 3, lines: [1, 2] } }, metrics(0.01));
  await v1.writeStageOutput('c', 'ocr', {});
  await v1.release(); // not marked completed: its batch was stopped

  const receipts = await store.createVersion('receipts', {
    mode: 'initial',
    label: 'final',
    config: {},
    itemIds: ['r1'],
  });
  await receipts.writeResult('r1', { data: { total: 9 } }, metrics());
  await receipts.updateMetadata({
    state: 'completed',
    stats: { ...stats, items: 1, succeeded: 1, failed: 0, costUsd: 1.5 },
  });
  await receipts.release();
  return runsDir;
}

describe('docpipe runs list', () => {
  it('lists the beta, rc and final versions by default, marking latest', async () => {
    const runsDir = await runsFixture();
    const { code, stdout, stderr } = await cli('runs', 'list', '--runs-dir', runsDir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^run +version +label +state +created \(UTC\) +items +succeeded +incomplete +failed +cost +notes$/,
    );
    expect(lines[1]).toMatch(
      /^invoices +v0 +beta +completed +\d{4}-\d\d-\d\d \d\d:\d\d +3 +2 +0 +1 +\$0\.0200 +March invoices, new prompt$/,
    );
    expect(lines[2]).toMatch(/^receipts +v0 \* +final +completed .* +1 +1 +0 +0 +\$1\.5000$/);
    expect(lines.slice(3)).toEqual(['* latest', '']);
  });

  it('lists every version with --all, and the chosen labels of one run with --label', async () => {
    const runsDir = await runsFixture();
    const all = await cli('runs', 'list', '--all', '--runs-dir', runsDir);
    expect(all.stdout).toMatch(/^invoices +v1 \* +draft +interrupted /m);
    expect(all.stdout.split('\n')).toHaveLength(6);

    const drafts = await cli('runs', 'list', 'invoices', '--label', 'draft', 'alpha', '--runs-dir', runsDir);
    expect(drafts.stdout.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^invoices +v1 \* +draft/),
      '* latest',
      '',
    ]);

    const json = await cli('runs', 'list', 'receipts', '--json', '--runs-dir', runsDir);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        runName: 'receipts',
        latest: 'v0',
        versions: [expect.objectContaining({ version: 'v0', label: 'final' })],
      },
    ]);
  });

  it('says what --all would show when no version has the labels, and when there are no runs', async () => {
    const runsDir = await runsFixture();
    expect(await cli('runs', 'list', '--label', 'rc', '--runs-dir', runsDir)).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No versions labelled rc; --all lists all 3 versions.\n',
    });
    const empty = await tempRunsDir();
    expect((await cli('runs', 'list', '--runs-dir', empty)).stderr).toBe(
      `No runs in ${empty} yet; docpipe batch --name <run> makes one.\n`,
    );
  });
});

describe('docpipe runs show', () => {
  it("prints a version's metadata readably, and as it is with --json", async () => {
    const runsDir = await runsFixture();
    const { code, stdout } = await cli('runs', 'show', 'invoices', 'v0', '--runs-dir', runsDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        [
          '^invoices v0',
          '  label     beta',
          '  state     completed',
          '  mode      initial',
          '  created   \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z',
          '  duration  12\\.3 s',
          '  notes     March invoices, new prompt',
          '  items     3 items: 2 succeeded, 0 incomplete, 1 failed, 0 skipped',
          '  pages     3',
          '  tokens    1,234 input tokens, 56 output tokens',
          '  cost      \\$0\\.0200',
          '  config    \\{',
          '              "stages": \\[',
        ].join('\n'),
      ),
    );
    const latest = await cli('runs', 'show', 'invoices', '--runs-dir', runsDir);
    expect(latest.stdout).toMatch(
      /^invoices v1 \(latest\)\n {2}label {5}draft\n {2}state {5}interrupted\n {2}mode {6}rerun of v0\n/,
    );
    const json = await cli('runs', 'show', 'invoices', 'v0', '--json', '--runs-dir', runsDir);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 'v0', stats, itemIds: ['a', 'b', 'c'] });
  });

  it('exits 1 with one sentence naming what exists for an unknown run or version', async () => {
    const runsDir = await runsFixture();
    expect(await cli('runs', 'show', 'orders', '--runs-dir', runsDir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `docpipe: There is no run named 'orders' in ${runsDir}; the runs there are invoices, receipts, so check the name or the runs folder (--runs-dir).\n`,
    });
    expect(await cli('runs', 'show', 'invoices', 'v7', '--runs-dir', runsDir)).toMatchObject({
      code: 1,
      stderr: "docpipe: Run 'invoices' has no version v7; its versions are v0, v1, so pick one of them.\n",
    });
    expect((await cli('runs', 'status', 'invoices', 'newest', '--runs-dir', runsDir)).code).toBe(1);
    expect((await cli('runs', 'list', 'orders', '--runs-dir', runsDir)).code).toBe(1);
  });
});

describe('docpipe runs status', () => {
  it('prints per-state and per-stage counts from disk and the remaining items', async () => {
    const runsDir = await runsFixture();
    const v0 = await cli('runs', 'status', 'invoices', 'v0', '--runs-dir', runsDir);
    expect(v0.stdout).toBe(
      [
        'invoices v0: completed, 3 items',
        '  done 2 · incomplete 0 · failed 1 · partial 0 · pending 0',
        "  stages (items with the stage's output stored, of 3):",
        '    ocr  2',
        '  failed (1): c',
        '',
      ].join('\n'),
    );
    const latest = await cli('runs', 'status', 'invoices', '--runs-dir', runsDir);
    expect(latest.stdout).toContain(
      'invoices v1: interrupted, 2 items\n  done 1 · incomplete 0 · failed 0 · partial 1 · pending 0\n',
    );
    expect(latest.stdout).toContain('  remaining (1): c\n');
    const json = await cli('runs', 'status', 'invoices', '--json', '--runs-dir', runsDir);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 'v1',
      done: 1,
      partial: 1,
      stages: { ocr: 1 },
      remaining: ['c'],
    });
  });

  it('cuts a long list of remaining items, which --json lists whole', async () => {
    const runsDir = await tempRunsDir();
    const itemIds = Array.from({ length: 25 }, (_, n) => `doc-${n}`);
    await (
      await new RunStore(runsDir).createVersion('big', { mode: 'initial', config: {}, itemIds })
    ).release();
    const { stdout } = await cli('runs', 'status', 'big', '--runs-dir', runsDir);
    expect(stdout).toContain('  remaining (25): doc-0, doc-1,');
    expect(stdout).toContain('doc-19, … and 5 more (--json lists all)\n');
  });
});

describe('docpipe runs compare', () => {
  it('prints the items only in one version, the ones a rerun ran again, the changed ones and the unchanged count', async () => {
    const runsDir = await runsFixture();
    const summary = await cli('runs', 'compare', 'invoices', 'v0', 'v1', '--runs-dir', runsDir);
    expect(summary).toEqual({
      code: 0,
      stdout:
        'invoices v0 → v1: 1 changed, 0 only in v0, 0 only in v1, 1 unchanged\nran again: a, c\nchanged:\n  a (2 fields)\n',
      stderr: '',
    });
    const detail = await cli('runs', 'compare', 'invoices', 'v1', 'v0', '--detail', '--runs-dir', runsDir);
    expect(detail.stdout).toBe(
      'invoices v1 → v0: 1 changed, 0 only in v1, 0 only in v0, 1 unchanged\nran again: a, c\nchanged:\n  a\n    /total: 3 → 1\n    /lines/1: 2 → (absent)\n',
    );
    const json = await cli('runs', 'compare', 'invoices', 'v0', 'latest', '--json', '--runs-dir', runsDir);
    expect(JSON.parse(json.stdout)).toEqual({
      runName: 'invoices',
      versionA: 'v0',
      versionB: 'v1',
      onlyInA: [],
      onlyInB: [],
      changed: [
        {
          item: 'a',
          fields: [
            { path: '/total', a: 1, b: 3 },
            { path: '/lines/1', b: 2 },
          ],
        },
      ],
      unchanged: 1,
      rerun: ['a', 'c'],
    });
  });

  it('lists items only in one version', async () => {
    const runsDir = await runsFixture();
    const { stdout } = await cli('runs', 'compare', 'receipts', 'v0', 'v0', '--runs-dir', runsDir);
    expect(stdout).toBe('receipts v0 → v0: 0 changed, 0 only in v0, 0 only in v0, 1 unchanged\n');
    const store = new RunStore(runsDir);
    const v1 = await store.createVersion('receipts', { mode: 'initial', config: {}, itemIds: ['r2'] });
    await v1.writeResult('r2', { data: {} }, metrics());
    const both = await cli('runs', 'compare', 'receipts', 'v0', 'v1', '--runs-dir', runsDir);
    expect(both.stdout).toBe(
      'receipts v0 → v1: 0 changed, 1 only in v0, 1 only in v1, 0 unchanged\nonly in v0: r1\nonly in v1: r2\n',
    );
  });

  it('exits 2 with usage help when a version is missing from the command', async () => {
    const { code, stderr } = await cli('runs', 'compare', 'invoices', 'v0');
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'versionB'");
  });
});
