/**
 * The case: one document crashes a decoder, which takes the whole process down (SIGKILL),
 * every time. The batch runs in a child process (tests/support/crashing-batch.ts) and is resumed
 * until docpipe gives up on that document; the others finish and are collated.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../src/batch/run-batch.js';
import type { ItemAttempts } from '../../src/runs/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'tests', 'support', 'crashing-batch.ts');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the crashing batch in a child process, and waits for it to end or die. */
function crashingBatch(runsDir: string, ...flags: string[]): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, runsDir, ...flags], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('a document that crashes the batch process', () => {
  it('is failed with process-crashed after two deaths, and the rest of the batch completes', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-crash-e2e-'));
    const v0 = join(runsDir, 'crashy', 'v0');
    const item = (id: string, file: string) => join(v0, 'items', id, file);
    const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
    const attemptsOf = async (id: string) =>
      ((await readJson(item(id, 'attempts.json'))) as ItemAttempts).attempts;
    const unended = { startedAt: expect.any(String), pid: expect.any(Number) };

    // All three items are in their decoder when b kills the process: each has a start without an end.
    const first = await crashingBatch(runsDir, '--hold-others');
    expect(first, first.stderr).toMatchObject({ signal: 'SIGKILL' });
    for (const id of ['a', 'b', 'c']) expect(await attemptsOf(id)).toEqual([{ ...unended, alone: false }]);

    // Any of them could be the culprit, so each runs alone, in item order: a succeeds, b kills again.
    const second = await crashingBatch(runsDir, '--resume');
    expect(second, second.stderr).toMatchObject({ signal: 'SIGKILL' });
    expect(existsSync(item('a', 'result.json'))).toBe(true);
    expect(await attemptsOf('b')).toEqual([
      { ...unended, alone: false },
      { ...unended, alone: true },
    ]);

    // b has now crashed the process twice, once alone: it is not started again; c runs and succeeds.
    const third = await crashingBatch(runsDir, '--resume');
    expect(third, third.stderr).toMatchObject({ code: 0, signal: null });
    const summary = JSON.parse(third.stdout) as BatchSummary;
    expect(summary).toMatchObject({ state: 'completed', progress: { total: 3, done: 2, failed: 1 } });
    const crashed = {
      item: 'b',
      code: 'process-crashed',
      attempts: 2,
      message: expect.stringContaining(
        "Item 'b' crashed the batch process 2 times (a native decoder's crash, the OOM killer or kill -9)",
      ),
    };
    expect(summary.errors).toEqual([crashed]);
    expect(await readJson(join(v0, 'errors.json'))).toEqual([crashed]);
    expect(await readJson(join(v0, 'collated', 'results.json'))).toEqual([
      { id: 'a', data: { invoice_number: 'INV-a' } },
      { id: 'c', data: { invoice_number: 'INV-c' } },
    ]);
    expect(await readJson(join(v0, 'metadata.json'))).toMatchObject({
      state: 'completed',
      stats: { items: 3, succeeded: 2, failed: 1 },
    });
  });
});
