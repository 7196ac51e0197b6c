import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemMetrics } from '../../src/runs/index.js';

/** A fresh folder for runs, under the OS temp folder. */
export function tempRunsDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'docpipe-runs-'));
}

/** Metrics of an item, with `costUsd` as given. */
export function metrics(costUsd = 0): ItemMetrics {
  return {
    pages: 1,
    inputTokens: 10,
    outputTokens: 5,
    cacheReadTokens: 0,
    costUsd,
    durationMs: 3,
    stages: {},
  };
}

/** The pid of a process that has exited, as a `kill -9`ed batch leaves in its lock. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('node did not start');
  return child.pid;
}
