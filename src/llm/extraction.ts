/**
 * The output of an extraction stage.
 *
 * @module
 */
import type { GroundedField, Warning } from '../spec/document.js';
import type { ValidationIssue } from '../spec/errors.js';
import type { FinishReason } from '../spec/extraction-model.js';
import type { Usage } from '../spec/usage.js';

export type { GroundedField, GroundingMatch } from '../spec/document.js';

/**
 * Why an extraction's answer is incomplete: after the repairs its model allows, it still did not satisfy the
 * schema. The extraction's `data` is then the answer with each value at fault set to `null`.
 */
export interface IncompleteExtraction {
  /** What is wrong and how to help the extractor, as the `ValidationError` it stands for says it. */
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
  /** The answer exactly as the model gave it. */
  readonly answer: unknown;
  /** JSON Pointers of the values missing or invalid (`null` in `data`), e.g. `['/total']`. */
  readonly missing: readonly string[];
}

/** The exact prompt of an extraction, kept for review (a batch writes it to `prompt.md`). */
export interface ExtractionPrompt {
  readonly system: string;
  /** The first user turn of each request, in order; repair turns are not repeated here. */
  readonly user: readonly string[];
}

/** What an {@link LLMExtractionStage} produces: validated data and how it was obtained. */
export interface Extraction<T> {
  /** The data, validated against the schema (for zod, parsed by it). */
  readonly data: T;
  /** Each leaf value grounded in the OCR output, when grounding ran. */
  readonly fields: readonly GroundedField[];
  readonly usage: Usage;
  /** `provider/modelId` of the model that answered. */
  readonly model: string;
  readonly finishReason: FinishReason;
  /** Model calls it took, repairs included. */
  readonly attempts: number;
  /** The prompt as sent: the system prompt, and the user turn of each request (one per chunk). */
  readonly prompt: ExtractionPrompt;
  readonly warnings: readonly Warning[];
  /** Set when the answer could not satisfy the schema; `data` is then partial (see {@link IncompleteExtraction}). */
  readonly incomplete?: IncompleteExtraction;
}
