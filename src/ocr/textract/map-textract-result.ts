/**
 * Any Textract result — blocks or expense documents — as provider-neutral pages.
 *
 * @module
 */
import type { Block, ExpenseDocument } from '@aws-sdk/client-textract';
import type { OcrPage } from '../../spec/document.js';
import { mapTextractExpense } from './map-textract-expense.js';
import { mapTextractBlocks, type TextractPageFrame } from './map-textract-response.js';

/** The parts of a Textract result that hold pages. */
export interface TextractResult {
  readonly Blocks?: Block[] | undefined;
  readonly ExpenseDocuments?: ExpenseDocument[] | undefined;
}

/** The pages of a Textract result (DetectDocumentText, AnalyzeDocument, AnalyzeExpense or a Get*), in page order. */
export function mapTextractResult(
  result: TextractResult,
  frameOf: (responsePage: number) => TextractPageFrame,
): OcrPage[] {
  return result.ExpenseDocuments === undefined
    ? mapTextractBlocks(result.Blocks ?? [], frameOf)
    : mapTextractExpense(result.ExpenseDocuments, frameOf);
}

/** A response without the SDK's `$metadata`, as kept for artifacts. */
export function rawTextractResponse<T extends object>(response: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...raw } = response as T & { $metadata?: unknown };
  return raw;
}
