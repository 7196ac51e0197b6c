/**
 * The `docpipe` command line: commands, global options, and how failures become exit codes.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DocpipeError } from '../spec/errors.js';
import { registerBatchCommand } from './batch-command.js';
import { registerCacheCommand } from './cache-command.js';
import { inCliWords } from './cli-words.js';
import { registerEvalCommand } from './eval-command.js';
import { registerExtractCommand } from './extract-command.js';
import { INCOMPLETE_EXIT_CODE, IncompleteResultsError } from './incomplete.js';
import { INTERRUPTED_EXIT_CODE, InterruptedBatchError } from './interrupt.js';
import { type CliIo, PROCESS_IO } from './io.js';
import { registerParseCommand } from './parse-command.js';
import { registerReportCommand } from './report-command.js';
import { registerRerunCommand } from './rerun-command.js';
import { registerRunsCommand } from './runs-command.js';
import { registerWorkerCommand } from './worker-command.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the `docpipe` program; its output goes to `io`. */
export function createProgram(io: CliIo = PROCESS_IO): Command {
  const program = new Command('docpipe')
    .description('Turn documents (PDFs, scans, photos, text) into validated, typed JSON.')
    .version(packageJson.version, '-v, --version', 'print the docpipe version')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run docpipe --help for usage)')
    .exitOverride();
  registerExtractCommand(program, io);
  registerParseCommand(program, io);
  registerBatchCommand(program, io);
  registerWorkerCommand(program, io);
  registerRerunCommand(registerRunsCommand(program, io), io);
  registerCacheCommand(program, io);
  registerEvalCommand(program, io);
  registerReportCommand(program, io);
  return program;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code:
 * 0 on success, 1 when the work failed, 2 for a usage error, 3 when data was printed but some required values
 * are missing (incomplete), 130 when Ctrl-C interrupted a batch.
 */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  silenceAwsNodeVersionNotice();
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr.write(`docpipe: ${describeFailure(error)}\n`);
    if (InterruptedBatchError.isInstance(error)) return INTERRUPTED_EXIT_CODE;
    return IncompleteResultsError.isInstance(error) ? INCOMPLETE_EXIT_CODE : 1;
  }
}

/**
 * Turns off the AWS SDK's notice that its future versions will need a newer Node, which it prints
 * (`process.emitWarning`, about eight lines) the first time a Textract or Bedrock client is made: to a
 * user of the CLI it is noise they can do nothing about. The SDK's own switch turns off that notice
 * only; other warnings still show. A value the user set themselves is left as it is.
 */
function silenceAwsNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** One line for the user: docpipe's own errors say what to do, in flags; anything else is a bug to report. */
function describeFailure(error: unknown): string {
  if (DocpipeError.isInstance(error)) return inCliWords(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${message}. This is a bug in docpipe; please report it with the command you ran.`;
}
