/**
 * How sure a field is, and the tone (colour and label) the report gives it: its outcome when an evaluation
 * judged it, else a band of its confidence.
 *
 * @module
 */

import type { FieldOutcome } from '../eval/types.js';
import type { GroundedField } from '../spec/document.js';
import type { ReportFieldOutcome } from './field-outcomes.js';

/** Confidence bands, then evaluation outcomes. */
export type FieldTone = 'high' | 'medium' | 'low' | 'unknown' | FieldOutcome;

/** At or above: high confidence. Below {@link MEDIUM_CONFIDENCE}: low. */
export const HIGH_CONFIDENCE = 0.9;
export const MEDIUM_CONFIDENCE = 0.7;

/** What each tone means, for the legend and for labels read aloud. */
export const TONE_LABELS: Readonly<Record<FieldTone, string>> = {
  high: `confidence ≥ ${HIGH_CONFIDENCE * 100}%`,
  medium: `confidence ${MEDIUM_CONFIDENCE * 100}–${HIGH_CONFIDENCE * 100}%`,
  low: `confidence < ${MEDIUM_CONFIDENCE * 100}%`,
  unknown: 'confidence unknown',
  correct: 'correct',
  wrong: 'wrong',
  missing: 'missing',
  hallucinated: 'not in the truth',
};

/**
 * The least of the extractor's and the OCR's confidence: a value read with certainty from a blurred word is
 * only as sure as the word. `undefined` when neither says.
 */
export function fieldConfidence(
  field: Pick<GroundedField, 'confidence' | 'ocrConfidence'>,
): number | undefined {
  const known = [field.confidence, field.ocrConfidence].filter((value) => typeof value === 'number');
  return known.length === 0 ? undefined : Math.min(...known);
}

/** The field's tone: its outcome when judged, else its confidence band. */
export function fieldTone(
  confidence: number | undefined,
  outcome: ReportFieldOutcome | undefined,
): FieldTone {
  if (outcome !== undefined) return outcome.outcome;
  if (confidence === undefined) return 'unknown';
  if (confidence >= HIGH_CONFIDENCE) return 'high';
  return confidence >= MEDIUM_CONFIDENCE ? 'medium' : 'low';
}
