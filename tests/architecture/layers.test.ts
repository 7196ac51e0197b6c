/**
 * The layers of `src/` point one way: spec ← document ← adapters (ocr, llm, parser) ← stages ← pipeline ←
 * batch/queue ← cli. The import graph (type imports included) is read by madge; these tests fail on an import
 * cycle between top-level folders, and on an adapter or the spec reaching up.
 */
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/** Which top-level folders (or root files, by name) each top-level folder imports. */
type FolderGraph = Map<string, Set<string>>;

let folders: FolderGraph;

beforeAll(async () => {
  const graph = await madge(SRC, {
    fileExtensions: ['ts'],
    tsConfig: TSCONFIG,
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
  folders = folderGraph(graph.obj());
});

describe('the layers of src/', () => {
  it('has no import cycle between top-level folders', () => {
    expect(folderCycles(folders)).toEqual([]);
  });

  it('keeps the spec free of imports of ours', () => {
    expect([...(folders.get('spec') ?? [])]).toEqual([]);
  });

  it.each(['ocr', 'llm', 'parser', 'document'])(
    'keeps %s below the stages, the pipeline and the cache',
    (folder) => {
      const above = [
        'stages',
        'pipeline',
        'cache',
        'batch',
        'queue',
        'runs',
        'cli',
        'eval',
        'report',
        'index',
      ];
      expect([...(folders.get(folder) ?? [])].filter((target) => above.includes(target))).toEqual([]);
    },
  );
});

function topFolder(file: string): string {
  return file.split('/')[0]?.replace(/\.ts$/, '') ?? file;
}

function folderGraph(files: Record<string, string[]>): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const [file, imports] of Object.entries(files)) {
    const from = topFolder(file);
    const targets = graph.get(from) ?? new Set<string>();
    for (const target of imports.map(topFolder)) if (target !== from) targets.add(target);
    graph.set(from, targets);
  }
  return graph;
}

/** Each cycle once, as the folders on it (`a → b → a`), found by a depth-first search from every folder. */
function folderCycles(graph: FolderGraph): string[] {
  const cycles = new Set<string>();
  const visit = (folder: string, path: readonly string[]): void => {
    const start = path.indexOf(folder);
    if (start >= 0) {
      const cycle = path.slice(start);
      // Rotated to start at its least name, so each cycle is reported once.
      const least = cycle.indexOf([...cycle].sort()[0] as string);
      const rotated = [...cycle.slice(least), ...cycle.slice(0, least)];
      cycles.add([...rotated, rotated[0]].join(' → '));
      return;
    }
    for (const next of graph.get(folder) ?? []) visit(next, [...path, folder]);
  };
  for (const folder of graph.keys()) visit(folder, []);
  return [...cycles].sort();
}
