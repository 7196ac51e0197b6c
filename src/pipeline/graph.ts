/**
 * Turns the stages given to a pipeline into an ordered graph: dependencies included
 * transitively, ids resolved, duplicates and cycles rejected.
 *
 * @module
 */
import { CycleError, GraphError } from '../spec/errors.js';
import { type AnyStage, PipelineStage, type StageKind } from '../stages/stage.js';

/** Stages in topological order, each with the indexes of its dependencies in that order. */
export interface StageGraph {
  readonly stages: readonly AnyStage[];
  /** `dependencies[i]` lists the positions (in `stages`) of the stages `stages[i]` comes after. */
  readonly dependencies: readonly (readonly number[])[];
  /**
   * `reads[i]` lists the position of the upstream stage whose output `stages[i]` also reads (see
   * `PipelineStage.reads`), unless that stage is one of its dependencies already.
   */
  readonly reads: readonly (readonly number[])[];
}

/** The dataflow of a pipeline, as `pipeline.graph()` shows it. */
export interface PipelineGraph {
  /** The stages in the order they are planned. */
  readonly stages: readonly { readonly id: string; readonly kind: StageKind }[];
  /**
   * Each edge from the stage whose output is read to the stage reading it: `after` for a dependency (`.after()`,
   * or the order of `linearPipeline`'s stages), `reads` for an upstream output a stage reads besides, e.g. the
   * OCR output an extraction grounds its fields in.
   */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly via: 'after' | 'reads' }[];
}

/**
 * Builds the graph of `roots` and everything they depend on.
 *
 * @throws {GraphError} for a duplicate id or a dependency on an id not in the pipeline
 * @throws {CycleError} when the dependencies form a cycle
 */
export function buildStageGraph(roots: readonly unknown[]): StageGraph {
  const byId = collectStages(roots);
  const order: AnyStage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (stage: AnyStage): void => {
    const seen = state.get(stage.id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new CycleError([...path.slice(path.indexOf(stage.id)), stage.id]);
    state.set(stage.id, 'visiting');
    path.push(stage.id);
    for (const dependency of dependenciesOf(stage, byId)) visit(dependency);
    path.pop();
    state.set(stage.id, 'done');
    order.push(stage);
  };
  for (const stage of byId.values()) visit(stage);

  const position = new Map(order.map((stage, index) => [stage.id, index]));
  const dependencies = order.map((stage) =>
    dependenciesOf(stage, byId).map((d) => position.get(d.id) as number),
  );
  return { stages: order, dependencies, reads: readEdges(order, dependencies) };
}

/**
 * The positions of each stage's transitive dependencies, nearest first (breadth first: its dependencies, then
 * theirs).
 */
function upstreamOf(dependencies: readonly (readonly number[])[]): number[][] {
  return dependencies.map((direct) => {
    const seen: number[] = [];
    for (let queue = [...direct]; queue.length > 0; ) {
      const next = queue.shift() as number;
      if (seen.includes(next)) continue;
      seen.push(next);
      queue = queue.concat(dependencies[next] ?? []);
    }
    return seen;
  });
}

/** The graph as data: its stages and every edge, for users to print or check. */
export function describeGraph(graph: StageGraph): PipelineGraph {
  const { stages } = graph;
  const edgesInto = (index: number, via: 'after' | 'reads', from: readonly number[]) =>
    from.map((source) => ({ from: stages[source]?.id as string, to: stages[index]?.id as string, via }));
  return {
    stages: stages.map(({ id, kind }) => ({ id, kind })),
    edges: stages.flatMap((_, index) => [
      ...edgesInto(index, 'after', graph.dependencies[index] ?? []),
      ...edgesInto(index, 'reads', graph.reads[index] ?? []),
    ]),
  };
}

/**
 * For each stage, the nearest upstream stage of the first of its `reads` kinds the pipeline has upstream of it;
 * nothing when that is one of its dependencies, whose output it has anyway.
 */
function readEdges(stages: readonly AnyStage[], dependencies: readonly (readonly number[])[]): number[][] {
  const upstream = upstreamOf(dependencies);
  return stages.map((stage, index) => {
    const nearestOf = (kind: StageKind) =>
      upstream[index]?.find((position) => stages[position]?.kind === kind);
    const read = stage.reads.map(nearestOf).find((position) => position !== undefined);
    return read === undefined || dependencies[index]?.includes(read) ? [] : [read];
  });
}

/** Every stage reachable from `roots`, by id, in the order first met. */
function collectStages(roots: readonly unknown[]): Map<string, AnyStage> {
  const byId = new Map<string, AnyStage>();
  const add = (stage: unknown): void => {
    if (!(stage instanceof PipelineStage)) {
      throw new GraphError(
        `A pipeline's stages must be stage objects (OCRStage, ParserStage, LLMExtractionStage or defineStage()), got ${typeof stage === 'string' ? `the string '${stage}'` : typeof stage}.`,
      );
    }
    const known = byId.get(stage.id);
    if (known === stage) return;
    if (known) {
      throw new GraphError(
        `Two different stages have the id '${stage.id}'. Give one of them another id with .withId('...').`,
      );
    }
    byId.set(stage.id, stage);
    for (const dependency of stage.dependencies) if (typeof dependency !== 'string') add(dependency);
  };
  for (const root of roots) add(root);
  return byId;
}

function dependenciesOf(stage: AnyStage, byId: ReadonlyMap<string, AnyStage>): AnyStage[] {
  return stage.dependencies.map((dependency) => {
    if (typeof dependency !== 'string') return dependency;
    const resolved = byId.get(dependency);
    if (!resolved) {
      throw new GraphError(
        `Stage '${stage.id}' depends on '${dependency}', which is not in the pipeline. Add that stage to the pipeline's stages, or fix the id.`,
      );
    }
    return resolved;
  });
}
