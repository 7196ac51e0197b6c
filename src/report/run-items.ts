/**
 * A run version's documents as the report shows them, read from their files: a rerun's version holds its
 * base's items too, in the order its collated results list them.
 *
 * @module
 */
import { basename, resolve } from 'node:path';
import type { DocumentSource } from '../document/load.js';
import type { RunVersion } from '../runs/run-version.js';
import type { ItemInput, ItemState } from '../runs/types.js';
import type { GroundedField, Warning } from '../spec/document.js';
import type { OutcomeLookup } from './field-outcomes.js';
import type { ReportItem, ReportItemStatus } from './report-item.js';

const STATUS_OF_STATE: Readonly<Record<ItemState, ReportItemStatus>> = {
  done: 'succeeded',
  incomplete: 'incomplete',
  failed: 'failed',
  partial: 'pending',
  pending: 'pending',
};

/** The version's items, with the outcomes of an evaluation when given. */
export async function runItems(version: RunVersion, outcomesOf: OutcomeLookup): Promise<ReportItem[]> {
  const items: ReportItem[] = [];
  for (const { id, holder } of await itemHolders(version)) {
    items.push(await readItem(holder, id, outcomesOf));
  }
  return items;
}

/**
 * Each item with the version holding its files: the base's items in the base's order, taken from the newest
 * version that processed them, then this version's new ones.
 */
async function itemHolders(version: RunVersion): Promise<{ id: string; holder: RunVersion }[]> {
  const own = (await version.metadata()).itemIds;
  const base = await version.openBase();
  const inherited = base === undefined ? [] : await itemHolders(base);
  const ownIds = new Set(own);
  const known = new Set(inherited.map((entry) => entry.id));
  return [
    ...inherited.map((entry) => (ownIds.has(entry.id) ? { id: entry.id, holder: version } : entry)),
    ...own.filter((id) => !known.has(id)).map((id) => ({ id, holder: version })),
  ];
}

async function readItem(version: RunVersion, id: string, outcomesOf: OutcomeLookup): Promise<ReportItem> {
  const [files, input, result, error, incomplete, metrics] = await Promise.all([
    version.itemFiles(id),
    version.readInput(id),
    version.readResult(id),
    version.readError(id),
    version.readIncomplete(id),
    version.readMetrics(id),
  ]);
  const source = sourceOf(input);
  const fields = Array.isArray(result?.fields) ? (result.fields as GroundedField[]) : [];
  const outcomes = outcomesOf(id, fields);
  return {
    id,
    name: input?.source.kind === 'file' ? basename(input.source.path) : id,
    status: STATUS_OF_STATE[files.state],
    source,
    sourceLabel: typeof source === 'string' ? source : 'text given to the batch',
    data: result?.data,
    fields,
    warnings: Array.isArray(result?.warnings) ? (result.warnings as Warning[]) : [],
    ...(error === undefined || files.state !== 'failed' ? {} : { error }),
    missing: incomplete?.missing ?? [],
    ...(metrics === undefined ? {} : { pages: metrics.pages, costUsd: metrics.costUsd }),
    ...(outcomes === undefined ? {} : { outcomes }),
  };
}

// A batch stores paths as it was given them, relative to where it ran: the report is made from there too.
function sourceOf(input: ItemInput | undefined): DocumentSource | undefined {
  if (input === undefined) return undefined;
  return input.source.kind === 'file' ? resolve(input.source.path) : { text: input.source.text };
}
