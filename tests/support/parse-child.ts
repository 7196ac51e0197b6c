/**
 * `docpipe parse` of one file in a child process of its own, so a hang or a native crash on a damaged file
 * takes down the child, not the test runner or the fuzzing bench. Both sides of the protocol live here:
 *
 *   node --import tsx tests/support/parse-child.ts <file> <ocr-provider>
 *
 * runs what `docpipe parse` runs (src/cli/parse-command.ts) and prints one JSON line, a {@link ParseReport},
 * then closes the pipeline and exits by itself with code 0. {@link runParseChild} spawns it with a deadline
 * and classifies how it ended: a {@link ParseChildResult}.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How the parse ended. `typed`: a DocpipeError that says what is wrong with the input (or a deadline);
 * `untyped`: anything else, a bug (e.g. a StageError wrapping a TypeError).
 */
export interface ParseReport {
  readonly outcome: 'ok' | 'typed' | 'untyped';
  /** The error's `code` (`stage`, `input`, …), for a DocpipeError. */
  readonly code?: string;
  /** The code, or else the name, of the error a StageError wraps. */
  readonly causeCode?: string;
  /** The error's name (`StageError`, `TypeError`, …). */
  readonly name?: string;
  /** The first 300 characters of the error's message, or '' when the parse succeeded. */
  readonly message: string;
  /** How long the run took, in milliseconds (closing the pipeline not included). */
  readonly ms: number;
  /** The codes of the run's warnings (none when it failed). */
  readonly warnings: readonly string[];
}

/** How a child ended: its report, or `crash` (a signal, a non-zero exit, no report) or `hang` (killed). */
export type ParseChildResult =
  | (ParseReport & { readonly stderr: string })
  | {
      readonly outcome: 'crash' | 'hang';
      readonly message: string;
      readonly ms: number;
      readonly stderr: string;
      /** The report, when the child printed one but then did not exit (cleanly) by itself. */
      readonly report?: ParseReport;
    };

const CHILD = fileURLToPath(import.meta.url);
// The child's exit code when docpipe itself fails to import: a broken checkout, not a damaged file.
const UNIMPORTABLE_EXIT_CODE = 3;
const MESSAGE_LENGTH = 300;
const STDERR_KEPT = 2000;

/**
 * Parses `file` with `provider` in a child process; a child still running after `deadlineMs` is killed
 * with SIGKILL and reported as a `hang`.
 */
export function runParseChild(
  file: string,
  provider: string,
  options: { readonly deadlineMs: number; readonly cwd?: string },
): Promise<ParseChildResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, provider], {
    cwd: options.cwd ?? resolve(CHILD, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, options.deadlineMs);
  return new Promise((resolvePromise) => {
    // 'close', not 'exit': the pipes are drained by then, so the report is never lost.
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const report = reportIn(stdout);
      if (killed) {
        const message = report
          ? `printed its report after ${report.ms} ms but did not exit within ${options.deadlineMs} ms`
          : `killed after ${options.deadlineMs} ms`;
        resolvePromise({ outcome: 'hang', message, ms, stderr, ...(report ? { report } : {}) });
      } else if (signal !== null || exitCode !== 0 || report === undefined) {
        const how =
          exitCode === UNIMPORTABLE_EXIT_CODE
            ? 'could not import docpipe (is the source tree mid-edit?)'
            : signal !== null
              ? `killed by ${signal}`
              : `exited with code ${exitCode}`;
        const message = `${how}${report ? '' : ', without a report'}: ${lastLine(stderr)}`;
        resolvePromise({ outcome: 'crash', message, ms, stderr, ...(report ? { report } : {}) });
      } else {
        resolvePromise({ ...report, stderr });
      }
    });
  });
}

/** The last line of `stdout` that is a report; a stray line some library printed is skipped. */
function reportIn(stdout: string): ParseReport | undefined {
  for (const line of stdout.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as Partial<ParseReport>;
      if (parsed.outcome === 'ok' || parsed.outcome === 'typed' || parsed.outcome === 'untyped') {
        return parsed as ParseReport;
      }
    } catch {}
  }
  return undefined;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, MESSAGE_LENGTH) ?? '';
}

// ---- the child ---------------------------------------------------------------------------------

/** Runs the parse and prints the report; imported lazily, so that importing runParseChild stays cheap. */
async function main(file: string, provider: string): Promise<void> {
  let docpipe: typeof import('../../src/index.js');
  try {
    docpipe = await import('../../src/index.js');
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = UNIMPORTABLE_EXIT_CODE;
    return;
  }
  const { linearPipeline, Stage } = docpipe;
  const pipeline = linearPipeline({
    stages: [Stage.OCR, Stage.PARSER],
    cache: false,
    ocr: { provider: provider as never },
  });
  const started = performance.now();
  let report: ParseReport;
  try {
    const result = await pipeline.run(file);
    report = {
      outcome: 'ok',
      message: '',
      ms: elapsed(started),
      warnings: result.warnings.map((w) => w.code),
    };
  } catch (error) {
    report = { ...(await describeError(error)), ms: elapsed(started), warnings: [] };
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // Closing is part of what is tested: a pool that cannot close keeps the child alive past its deadline.
  await pipeline.close();
}

async function describeError(error: unknown): Promise<Omit<ParseReport, 'ms' | 'warnings'>> {
  const { DocpipeError } = await import('../../src/spec/errors.js');
  const name = error instanceof Error ? error.name : typeof error;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MESSAGE_LENGTH);
  if (!DocpipeError.isInstance(error)) return { outcome: 'untyped', name, message };
  // A StageError only says which stage failed; what it wraps says whether the failure was foreseen.
  let cause: unknown = error;
  while (DocpipeError.isInstance(cause) && cause.code === 'stage' && cause.cause !== undefined)
    cause = cause.cause;
  const causeCode = DocpipeError.isInstance(cause) ? cause.code : (cause as Error | null)?.name;
  // A DocpipeError other than a StageError is deliberate, whatever it wraps (an InputError keeps pdf.js's
  // exception as its cause); a stage's deadline or an abort surfaces as a DOMException.
  const typed = DocpipeError.isInstance(cause) || isDeadline(cause);
  return {
    outcome: typed ? 'typed' : 'untyped',
    code: error.code,
    ...(causeCode === undefined || cause === error ? {} : { causeCode }),
    name,
    message,
  };
}

function isDeadline(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === CHILD) {
  const [file, provider] = process.argv.slice(2);
  if (file === undefined || provider === undefined) {
    process.stderr.write('Usage: node --import tsx tests/support/parse-child.ts <file> <ocr-provider>\n');
    process.exitCode = 2;
  } else {
    await main(file, provider);
  }
}
