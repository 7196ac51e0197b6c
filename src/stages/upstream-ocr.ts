/**
 * How stages read an upstream `OcrDocument`: repaired first, whoever made it.
 *
 * @module
 */

import { sanitizeOcrDocument } from '../document/sanitize-ocr.js';
import { isOcrDocument, type OcrDocument } from '../spec/document.js';
import type { StageRunContext } from './stage.js';

/**
 * The `OcrDocument` among the stage's inputs (a dependency's, or the OCR output it reads) with the model's
 * invariants restored, its repairs raised as warnings. An `OCRStage`'s own output is already repaired and comes
 * back as it is; this catches a custom stage's output and cache entries written by older versions.
 */
export function upstreamOcrDocument(context: StageRunContext): OcrDocument | undefined {
  const ocr = context.findInput(isOcrDocument);
  return ocr && sanitizedWithWarnings(ocr, context);
}

/** `document` repaired, each repair raised as a warning on `context`. */
export function sanitizedWithWarnings(
  document: OcrDocument,
  context: Pick<StageRunContext, 'warn'>,
): OcrDocument {
  const sanitized = sanitizeOcrDocument(document);
  for (const warning of sanitized.warnings) context.warn(warning);
  return sanitized.document;
}
