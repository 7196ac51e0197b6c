/**
 * `docpipe report <run> [version]`: the self-contained HTML report of a run version, to check its extractions
 * page by page; and the writing of a report file that `docpipe extract --report` shares.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateRun } from '../eval/evaluate-run.js';
import { renderReport } from '../report/index.js';
import { RunStore } from '../runs/run-store.js';
import type { CliIo } from './io.js';
import { addRunsDirOption } from './runs-command.js';

interface ReportCliOptions {
  readonly runsDir: string;
  readonly out?: string;
  readonly truth?: string;
  readonly open?: boolean;
}

/** Adds the `report` command to `program`. */
export function registerReportCommand(program: Command, io: CliIo): void {
  addRunsDirOption(program.command('report'))
    .description(
      "Write a self-contained HTML report of a run version: each document's pages with its fields boxed and coloured by confidence, beside its data.",
    )
    .argument('<run>', 'the run')
    .argument('[version]', 'v0, v1, … or latest', 'latest')
    .option('-o, --out <file>', 'where to write the report (default: <run>-<version>.html)')
    .option(
      '-t, --truth <dir|file>',
      "colour fields by outcome against this truth (as docpipe eval takes it) instead of the version's stored eval.json",
    )
    .option('--open', 'open the report in the default browser')
    .action(async (runName: string, versionName: string, options: ReportCliOptions) => {
      const store = new RunStore(options.runsDir);
      const version = await store.openVersion(runName, versionName);
      const evaluation =
        options.truth === undefined
          ? undefined
          : await evaluateRun(store, runName, version.version, options.truth, { store: false });
      const html = await renderReport(version, evaluation === undefined ? {} : { evaluation });
      const file = options.out ?? `${runName}-${version.version}.html`;
      await writeReportFile(file, html, io);
      if (options.open) openInBrowser(file, io);
    });
}

/** Writes the report and says where, and how large it is: reports with many pages grow to megabytes. */
export async function writeReportFile(file: string, html: string, io: CliIo): Promise<void> {
  await writeFile(file, html);
  io.stderr.write(`docpipe: report written to ${file} (${formatSize(Buffer.byteLength(html))})\n`);
}

function formatSize(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

// The system's own opener, detached: the browser outlives the command. Failing to open is not failing to report.
function openInBrowser(file: string, io: CliIo): void {
  const path = resolve(file);
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [path]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', path]]
        : ['xdg-open', [path]];
  const opener = spawn(command, args, { detached: true, stdio: 'ignore' });
  opener.on('error', (error) => {
    io.stderr.write(
      `docpipe: warning: could not open a browser (${error.message}); open ${path} yourself.\n`,
    );
  });
  opener.unref();
}
