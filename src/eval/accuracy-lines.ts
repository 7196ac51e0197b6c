/**
 * A version's stored accuracy in the few words `docpipe runs list|show|compare` print beside the rest of a
 * version: nothing when it was never evaluated.
 *
 * @module
 */
import type { RunStore, RunSummary } from '../runs/run-store.js';
import type { RunMetadata } from '../runs/types.js';
import { percent, points } from './report-sections.js';
import { readEvaluation } from './stored-evaluation.js';

/** `93.4%` for an evaluated version, `undefined` for one never evaluated. */
async function accuracyCell(store: RunStore, runName: string, version: string): Promise<string | undefined> {
  const report = await readEvaluation(await store.openVersion(runName, version));
  return report && percent(report.overall.accuracy);
}

/** `93.4% of 604 values (against truth/, 2026-12-03 15:49 UTC)`, or `undefined` when never evaluated. */
export async function accuracyLine(
  store: RunStore,
  runName: string,
  version: string,
): Promise<string | undefined> {
  const report = await readEvaluation(await store.openVersion(runName, version));
  if (!report) return undefined;
  const when = report.evaluatedAt.slice(0, 16).replace('T', ' ');
  return `${percent(report.overall.accuracy)} of ${report.overall.scored} values (against ${report.truthSource}, ${when} UTC)`;
}

/** `accuracy v0 91.2% → v1 93.4% (+2.2 points)`, or `undefined` unless both versions were evaluated. */
export async function accuracyChangeLine(
  store: RunStore,
  runName: string,
  versionA: string,
  versionB: string,
): Promise<string | undefined> {
  const a = await readEvaluation(await store.openVersion(runName, versionA));
  const b = await readEvaluation(await store.openVersion(runName, versionB));
  if (!a || !b) return undefined;
  const [from, to] = [a.overall.accuracy, b.overall.accuracy];
  const change = from === null || to === null ? null : (to - from) * 100;
  const truth =
    a.truthSource === b.truthSource ? '' : ` (against different truth: ${a.truthSource}, ${b.truthSource})`;
  return `accuracy ${versionA} ${percent(from)} → ${versionB} ${percent(to)} (${points(change)})${truth}`;
}

/** The accuracy cell of each evaluated version among `runs`; empty when none was evaluated. */
export async function accuracyCells(
  store: RunStore,
  runs: readonly RunSummary[],
): Promise<Map<RunMetadata, string>> {
  const cells = new Map<RunMetadata, string>();
  for (const run of runs) {
    for (const version of run.versions) {
      const cell = await accuracyCell(store, run.runName, version.version);
      if (cell !== undefined) cells.set(version, cell);
    }
  }
  return cells;
}
