/**
 * Turns the stages given to a pipeline into an ordered graph: dependencies included
 * transitively, ids resolved, duplicates and cycles rejected.
 *
 * @module
 */
import { CycleError, GraphError } from '../spec/errors.js';
import { type AnyStage, PipelineStage } from './stage.js';

/** Stages in topological order, each with the indexes of its dependencies in that order. */
export interface StageGraph {
  readonly stages: readonly AnyStage[];
  /** `dependencies[i]` lists the positions (in `stages`) of the stages `stages[i]` reads. */
  readonly dependencies: readonly (readonly number[])[];
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
  return {
    stages: order,
    dependencies: order.map((stage) => dependenciesOf(stage, byId).map((d) => position.get(d.id) as number)),
  };
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
