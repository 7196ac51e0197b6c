/**
 * docpipe's OCR options as the query of Azure's analyze call.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import type { OcrFeature } from '../../spec/ocr-provider.js';

/** The options of one analyze call, for either client. */
export interface AnalyzeRequest {
  /** 1-based page ranges, e.g. `1-3,5`; every page when absent. */
  readonly pages?: string;
  /** Azure add-on features, e.g. `keyValuePairs`. */
  readonly features: readonly string[];
  readonly outputContentFormat: 'markdown' | 'text';
  /** Options that could not be honoured. */
  readonly warnings: readonly Warning[];
}

// Tables, layout and selection marks come with prebuilt-layout itself; FORMS is Azure's `keyValuePairs` add-on.
const BUILT_IN: ReadonlySet<OcrFeature> = new Set<OcrFeature>(['TABLES', 'LAYOUT']);
const ADD_ONS: Partial<Record<OcrFeature, string>> = { FORMS: 'keyValuePairs' };

/** The analyze request for the pages, features and output format asked for. */
export function convertToAnalyzeRequest(options: {
  readonly pages?: readonly number[];
  readonly features: readonly OcrFeature[];
  readonly outputFormat: 'markdown' | 'text';
}): AnalyzeRequest {
  const features: string[] = [];
  const warnings: Warning[] = [];
  for (const feature of options.features) {
    const addOn = ADD_ONS[feature];
    if (addOn) features.push(addOn);
    else if (!BUILT_IN.has(feature))
      warnings.push({
        code: 'unsupported-feature',
        message: `The azure provider does not support the ${feature} feature; it was ignored.`,
      });
  }
  return {
    ...(options.pages?.length ? { pages: pageRanges(options.pages) } : {}),
    features,
    outputContentFormat: options.outputFormat,
    warnings,
  };
}

/** Page numbers as Azure's ranges: `[1, 2, 3, 5]` → `1-3,5`. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    while (sorted[i + 1] === (sorted[i] as number) + 1) i++;
    ranges.push(start === sorted[i] ? `${start}` : `${start}-${sorted[i]}`);
  }
  return ranges.join(',');
}
