/**
 * The `heuristic` extraction provider: rules that fill the schema from the OCR layout, offline, with no model.
 *
 * @module
 */
export {
  createHeuristicModel,
  extractWithRules,
  HEURISTIC_MODEL_ID,
  type HeuristicSettings,
} from './heuristic-model.js';
