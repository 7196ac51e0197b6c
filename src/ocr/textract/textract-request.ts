/**
 * Which Textract operation the settings ask for, and its requests: synchronous on bytes, asynchronous on an S3
 * object.
 *
 * @module
 */
import type { DocumentLocation, FeatureType, QueriesConfig } from '@aws-sdk/client-textract';
import type { Warning } from '../../spec/document.js';
import { ConfigError } from '../../spec/errors.js';
import type { OcrFeature } from '../../spec/ocr-provider.js';
import { invalidOption } from '../../util/config-checks.js';

/** A Textract operation: text only, document analysis with features, or expense analysis. */
export type TextractOperation =
  | { readonly kind: 'detect' }
  | {
      readonly kind: 'analyze';
      readonly features: readonly OcrFeature[];
      readonly queries: readonly string[];
    }
  | { readonly kind: 'expense' };

// One order for features, so equal settings give equal model ids and price keys.
const FEATURE_ORDER: readonly OcrFeature[] = ['TABLES', 'FORMS', 'LAYOUT', 'QUERIES', 'SIGNATURES'];

/** What chooses the operation. */
export interface TextractOperationSettings {
  readonly model?: string | undefined;
  readonly features?: readonly OcrFeature[] | undefined;
  readonly queries?: readonly string[] | undefined;
}

/**
 * The operation the settings ask for: `model: 'expense'` → AnalyzeExpense, features → AnalyzeDocument, else
 * DetectDocumentText; with the warnings for settings the operation ignores.
 *
 * @throws {@link ConfigError} when the model is neither `'document'` nor `'expense'`.
 */
export function textractOperation(settings: TextractOperationSettings): {
  operation: TextractOperation;
  warnings: Warning[];
} {
  const { model = 'document', features: asked = [], queries = [] } = settings;
  if (model === 'expense') {
    const warnings: Warning[] =
      asked.length === 0
        ? []
        : [
            {
              code: 'textract-features-ignored',
              message: `AnalyzeExpense takes no features, so ${asked.join(', ')} were not requested; drop OCRConfig.features or use model 'document'.`,
            },
          ];
    return { operation: { kind: 'expense' }, warnings };
  }
  if (model !== 'document') {
    throw new ConfigError(
      `OCRConfig.model '${model}' is not a Textract model; use 'document' (DetectDocumentText/AnalyzeDocument) or 'expense' (AnalyzeExpense).`,
      { option: 'OCRConfig.model' },
    );
  }
  const features = FEATURE_ORDER.filter((feature) => asked.includes(feature));
  if (features.length === 0) return { operation: { kind: 'detect' }, warnings: [] };
  if (features.includes('QUERIES') && queries.length === 0)
    invalidOption(
      { config: 'OCRConfig', option: 'queries' },
      'a non-empty list when features include QUERIES',
      queries,
    );
  return { operation: { kind: 'analyze', features, queries }, warnings: [] };
}

/** The Textract API names of an operation: the synchronous call, the async start and its result getter. */
export function textractApi(operation: TextractOperation): {
  readonly sync: 'DetectDocumentText' | 'AnalyzeDocument' | 'AnalyzeExpense';
  readonly start: 'StartDocumentTextDetection' | 'StartDocumentAnalysis' | 'StartExpenseAnalysis';
  readonly get: 'GetDocumentTextDetection' | 'GetDocumentAnalysis' | 'GetExpenseAnalysis';
} {
  if (operation.kind === 'detect')
    return {
      sync: 'DetectDocumentText',
      start: 'StartDocumentTextDetection',
      get: 'GetDocumentTextDetection',
    };
  if (operation.kind === 'analyze')
    return { sync: 'AnalyzeDocument', start: 'StartDocumentAnalysis', get: 'GetDocumentAnalysis' };
  return { sync: 'AnalyzeExpense', start: 'StartExpenseAnalysis', get: 'GetExpenseAnalysis' };
}

/** The parameters only AnalyzeDocument takes. */
interface AnalysisParameters {
  readonly FeatureTypes?: FeatureType[];
  readonly QueriesConfig?: QueriesConfig;
}

/** The body of a synchronous call. */
export interface TextractSyncRequest extends AnalysisParameters {
  readonly Document: { readonly Bytes: Uint8Array };
}

/** The body of an async start call. */
export interface TextractStartRequest extends AnalysisParameters {
  readonly DocumentLocation: DocumentLocation;
}

/** The body of the synchronous call on one page's bytes. */
export function syncRequest(operation: TextractOperation, bytes: Uint8Array): TextractSyncRequest {
  return { Document: { Bytes: bytes }, ...analysisParameters(operation) };
}

/** The body of the async start call on an S3 object. */
export function startRequest(operation: TextractOperation, location: DocumentLocation): TextractStartRequest {
  return { DocumentLocation: location, ...analysisParameters(operation) };
}

// DetectDocumentText and AnalyzeExpense reject FeatureTypes, so only analysis carries them.
function analysisParameters(operation: TextractOperation): AnalysisParameters {
  if (operation.kind !== 'analyze') return {};
  const queries = operation.features.includes('QUERIES')
    ? { QueriesConfig: { Queries: operation.queries.map((Text) => ({ Text })) } }
    : {};
  return { FeatureTypes: [...operation.features], ...queries };
}
