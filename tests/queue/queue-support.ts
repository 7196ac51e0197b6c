/**
 * What the distributed-batch tests share: `docpipe worker` child processes whose log lines the test
 * follows (and which it may kill with SIGKILL), a folder of tiny text invoices, and the fake OpenAI
 * endpoint answering each invoice's number from its prompt.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { OpenAIServer } from '../support/openai-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const CLI = join(ROOT, 'src/cli/main.ts');

/** A `docpipe worker` child process. */
export interface WorkerChild {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Its stderr so far: one `docpipe worker: …` line per event. */
  log(): string;
  /** Resolves once a line of its log matches `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code and signal once it has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, as `kill -9` does; resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves once it is gone, SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Fast lock and stall settings, so a killed worker's job goes to another within a few seconds. */
export const FAST_STALLS = ['--lock-duration', '3000', '--stalled-interval', '1000'];

/** Starts `docpipe worker --queue <url> …args` and resolves once it waits for jobs. */
export async function startWorkerChild(
  url: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'worker', '--queue', url, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    for (const listener of listeners) listener();
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stderr)) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`worker log never matched ${pattern}:\n${stderr}`));
      }, timeoutMs);
      listeners.add(check);
      check();
      void exited.then(() => {
        if (listeners.has(check)) {
          listeners.delete(check);
          clearTimeout(timer);
          if (pattern.test(stderr)) resolve();
          else reject(new Error(`worker exited before its log matched ${pattern}:\n${stderr}`));
        }
      });
    });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const worker: WorkerChild = {
    child,
    log: () => stderr,
    waitFor,
    exited,
    kill9: () => gone('SIGKILL'),
    async stop() {
      const lingering = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone('SIGTERM');
      clearTimeout(lingering);
    },
  };
  await waitFor(/waiting for jobs/);
  return worker;
}

/** Writes `count` one-line invoices `<prefix>-001.txt`… whose numbers are `INV-<prefix>-001`…; returns their folder. */
export async function writeInvoices(dir: string, prefix: string, count: number): Promise<string> {
  const folder = join(dir, prefix);
  await mkdir(folder, { recursive: true });
  for (let n = 1; n <= count; n++) {
    const id = `${prefix}-${String(n).padStart(3, '0')}`;
    await writeFile(join(folder, `${id}.txt`), `Invoice number INV-${id}\nTotal due: ${n}.00 EUR\n`);
  }
  return folder;
}

/** The schema of the invoices. */
export async function writeSchema(dir: string): Promise<string> {
  const path = join(dir, 'schema.json');
  const schema = {
    type: 'object',
    properties: { invoice_number: { type: ['string', 'null'] } },
    required: ['invoice_number'],
  };
  await writeFile(path, JSON.stringify(schema));
  return path;
}

/** The invoice number a request's prompt holds (`INV-…`), or `undefined`. */
export function invoiceOf(body: unknown): string | undefined {
  return /INV-[\w-]+/.exec(JSON.stringify(body))?.[0];
}

/** How many requests the server received for each invoice. */
export function callsPerInvoice(server: OpenAIServer): Map<string, number> {
  const calls = new Map<string, number>();
  for (const request of server.requests) {
    const invoice = invoiceOf(request.body);
    if (invoice) calls.set(invoice, (calls.get(invoice) ?? 0) + 1);
  }
  return calls;
}

/** A run's `collated/results.json`. */
export async function collated(
  runsDir: string,
  run: string,
  version = 'v0',
): Promise<{ id: string; data: unknown }[]> {
  return JSON.parse(await readFile(join(runsDir, run, version, 'collated', 'results.json'), 'utf8'));
}

/** Polls `condition` every 20 ms until it holds (rejects after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
