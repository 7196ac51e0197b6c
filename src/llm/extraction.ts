/**
 * The output of an extraction stage.
 *
 * @module
 */
import type { BoundingBox, Warning } from '../document/model.js';
import type { Usage } from '../pipeline/usage.js';
import type { FinishReason } from './provider.js';

/** How an extracted value was found in the OCR output. */
export type GroundingMatch = 'exact' | 'normalized' | 'fuzzy' | 'none';

/** One leaf value of the extracted data, and where it stands on the page. */
export interface GroundedField {
  /** JSON Pointer to the value in `data`, e.g. `/line_items/0/amount`. */
  readonly path: string;
  readonly value: unknown;
  readonly page?: number;
  readonly box?: BoundingBox;
  /** The OCR confidence of the words the value was matched to, 0..1. */
  readonly ocrConfidence?: number;
  /** How sure the extractor is of the value, 0..1, when it says (the heuristic extractor does). */
  readonly confidence?: number;
  readonly match: GroundingMatch;
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
}
