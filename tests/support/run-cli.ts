import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/program.js';

/** Runs the docpipe CLI in this process and returns its exit code and what it wrote. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** What a CLI child process did. */
export interface CliChildRun {
  readonly code: number | null;
  /** The signal that ended it: `SIGKILL` when it outlived its deadline, or another when it crashed. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Absolute paths, so the child may run in any folder.
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const CLI = join(ROOT, 'src/cli/main.ts');
/** The CLI as `npm run build` makes it, the `docpipe` bin of the package. */
export const BUILT_CLI = join(ROOT, 'dist/cli/main.js');

/**
 * Runs the docpipe CLI (from source, or built with `built`) in a child process, as a user runs it, and resolves once the process has
 * exited: a command that never exits is killed with SIGKILL at `deadlineMs`, which the result shows.
 * `onSpawn` gets the child as soon as it runs, to follow its output (as text) or send it signals.
 */
export function runCliChild(
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
    readonly deadlineMs: number;
    readonly onSpawn?: (child: ChildProcessByStdio<null, Readable, Readable>) => void;
    /** Run the built bin (`dist/cli/main.js`) rather than the source. */
    readonly built?: boolean;
  },
): Promise<CliChildRun> {
  const command = options.built ? [BUILT_CLI] : ['--import', TSX, CLI];
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  options.onSpawn?.(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.deadlineMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
