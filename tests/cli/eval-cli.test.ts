/**
 * `docpipe eval` as a user runs it, in a child process: the table, the stored eval.json, the markdown
 * report, the warnings about unusable truth, the regression gate's exit codes and the usage errors.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoiceRun, runCorrectVersion } from '../eval/invoice-run.js';
import { runCliChild } from '../support/run-cli.js';

const DEADLINE_MS = 30_000;
const run = (args: readonly string[]) => runCliChild(args, { deadlineMs: DEADLINE_MS });

describe('docpipe eval', () => {
  it('prints the scores worst first, warns about unusable truth, and stores and writes the report', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const out = join(runsDir, 'report.md');
    const result = await run([
      'eval',
      'invoices',
      '--truth',
      truthDir,
      '--runs-dir',
      runsDir,
      '--field-rule',
      'total=number:0.01',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`invoices v0 against ${truthDir}: 5 documents, 94 values scored`);
    expect(lines[1]).toBe('  accuracy 68.1% · precision 90.1% · recall 71.9% · F1 80.0%');
    expect(lines[2]).toBe('  64 correct, 2 wrong, 23 missing, 5 hallucinated');
    expect(result.stdout).toMatch(/^ {2}po_number +string +1 +0 +0 +0 +1 +0\.0% +0\.0% +– +–$/m);
    expect(result.stdout).toMatch(/^ {2}inv-5 +18 +0 +0 +18 +0 +0\.0% +– +0\.0% +– +extraction failed$/m);
    expect(result.stdout).toMatch(/^ {2}line_items\[\] +15 +12 +11 +4 +1$/m);
    expect(result.stdout).toContain('Not scored: 1 item has no truth: inv-6');

    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('docpipe: warning:'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /broken\.json: is not valid JSON .*; fix the file, as item 'broken' is not scored\.$/,
      ),
      expect.stringMatching(
        /ghost\.json: names item 'ghost', which run invoices v0 does not have; .*such as 'inv-1'\.$/,
      ),
      expect.stringMatching(
        /inv-4\.json: the truth's \/paid is "yes", not true or false as the schema says; .*\.$/,
      ),
    ]);
    expect(existsSync(join(runsDir, 'invoices', 'v0', 'eval.json'))).toBe(true);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toMatch(/^# Evaluation of invoices v0\n/);
    expect(markdown).toContain('| `line_items[].quantity` | number | 16 | 10 | 1 | 4 | 1 | 62.5% |');
    expect(markdown).toContain('## Truth that could not be used');
  });

  it('gates on the accuracy change against a baseline: exit 0 within --max-drop, 1 beyond it', async () => {
    const { runsDir, truthDir, invoices } = await invoiceRun();
    await runCorrectVersion(runsDir, invoices);
    const common = ['--truth', truthDir, '--runs-dir', runsDir, '--field-rule', 'total=number:0.01'];
    const [better, worse, tolerated] = await Promise.all([
      run([
        'eval',
        'invoices',
        'v1',
        ...common,
        '--baseline',
        'v0',
        '--max-drop',
        '1',
        '--json',
        '--no-store',
      ]),
      run(['eval', 'invoices', 'v0', ...common, '--baseline', 'v1', '--max-drop', '1', '--no-store']),
      run(['eval', 'invoices', 'v0', ...common, '--baseline', 'v1', '--max-drop', '35', '--no-store']),
    ]);
    expect(better.code).toBe(0);
    const report = JSON.parse(better.stdout);
    expect(report).toMatchObject({
      formatVersion: 1,
      runName: 'invoices',
      version: 'v1',
      overall: { accuracy: 1 },
      baseline: { version: 'v0', gate: { maxDrop: 1, passed: true } },
    });
    expect(worse.code).toBe(1);
    expect(worse.stdout).toContain(
      'against v1: accuracy 100.0% → 68.1% (−31.9 points); gate (max drop 1 point): FAILED',
    );
    expect(worse.stderr).toContain(
      'docpipe: Accuracy fell by 31.9 points against v1 (100.0% → 68.1%), more than --max-drop 1 allows;',
    );
    expect(tolerated.code).toBe(0);
  });

  it('shows stored accuracy in runs list, show and compare', async () => {
    const { runsDir, truthDir, invoices } = await invoiceRun();
    await runCorrectVersion(runsDir, invoices);
    const evaluated = await run([
      'eval',
      'invoices',
      'v1',
      '--truth',
      truthDir,
      '--runs-dir',
      runsDir,
      '--baseline',
      'v0',
    ]);
    expect(evaluated.code).toBe(0);
    const [list, show, compare] = await Promise.all([
      run(['runs', 'list', 'invoices', '--all', '--runs-dir', runsDir]),
      run(['runs', 'show', 'invoices', 'v1', '--runs-dir', runsDir]),
      run(['runs', 'compare', 'invoices', 'v0', 'v1', '--runs-dir', runsDir]),
    ]);
    expect(list.stdout).toMatch(/ failed +accuracy +cost /);
    expect(list.stdout).toMatch(/^invoices +v0 .* 67\.0% +\$/m);
    expect(list.stdout).toMatch(/^invoices +v1 \* .* 100\.0% +\$/m);
    expect(show.stdout).toMatch(
      /^ {2}accuracy +100\.0% of 89 values \(against .*truth, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/m,
    );
    expect(compare.stdout.split('\n')[1]).toBe('accuracy v0 67.0% → v1 100.0% (+33.0 points)');
  });

  it('exits 2 for usage errors, saying what to do', async () => {
    const { runsDir, truthDir } = await invoiceRun();
    const [noBaseline, noTruth, unknownRun, badRule, unknownField, missingTruth] = await Promise.all([
      run(['eval', 'invoices', '--truth', truthDir, '--runs-dir', runsDir, '--max-drop', '1']),
      run(['eval', 'invoices', '--runs-dir', runsDir]),
      run(['eval', 'receipts', '--truth', truthDir, '--runs-dir', runsDir]),
      run(['eval', 'invoices', '--truth', truthDir, '--runs-dir', runsDir, '--field-rule', 'total=numbr']),
      run(['eval', 'invoices', '--truth', truthDir, '--runs-dir', runsDir, '--field-rule', 'totl=number']),
      run(['eval', 'invoices', '--truth', join(truthDir, 'nope'), '--runs-dir', runsDir]),
    ]);
    expect(noBaseline).toMatchObject({ code: 2, stdout: '' });
    expect(noBaseline.stderr).toContain('--max-drop needs --baseline <version>');
    expect(noTruth.code).toBe(2);
    expect(noTruth.stderr).toContain("required option '-t, --truth <dir|file>' not specified");
    expect(unknownRun.code).toBe(2);
    expect(unknownRun.stderr).toContain("There is no run named 'receipts'");
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toContain("'numbr' is not a comparison rule; write number, number:0.01");
    expect(unknownField.code).toBe(2);
    expect(unknownField.stderr).toContain("A field rule names 'totl', which is no field of the schema");
    expect(missingTruth.code).toBe(2);
    expect(missingTruth.stderr).toContain('There is no truth at');
  });
});
