/**
 * The parts of Azure Document Intelligence's `analyzeResult` the mapper reads. API 2024-11-30 and 2023-07-31
 * (and the 2022-06-30-preview it grew from) share this shape; the legacy client's `{ x, y }` polygons are
 * flattened to it first. These types stay inside the adapter.
 *
 * They are the shape the service documents, which nothing checks: the REST client hands over whatever JSON
 * came back, so the mapper reads every field knowing a malformed result may hold anything there.
 *
 * @module
 */

/** `[x1, y1, x2, y2, ...]` in the page's unit, clockwise from the top left of the content. */
export type Polygon = readonly number[];

/** A range of `analyzeResult.content`. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** Where an element lies on one page. */
export interface BoundingRegion {
  readonly pageNumber: number;
  readonly polygon?: Polygon;
}

/** A page of the result. */
export interface AnalyzedPage {
  readonly pageNumber: number;
  readonly angle?: number | null;
  readonly width?: number;
  readonly height?: number;
  readonly unit?: string;
  readonly words?: readonly AnalyzedWord[];
  readonly lines?: readonly AnalyzedLine[];
  readonly selectionMarks?: readonly AnalyzedSelectionMark[];
}

/** A recognised word. */
export interface AnalyzedWord {
  readonly content: string;
  readonly polygon?: Polygon;
  readonly confidence: number;
  readonly span: Span;
}

/** A recognised line; its words are the page's words inside its spans. */
export interface AnalyzedLine {
  readonly content: string;
  readonly polygon?: Polygon;
  readonly spans: readonly Span[];
}

/** A checkbox or radio button. */
export interface AnalyzedSelectionMark {
  readonly state: string;
  readonly polygon?: Polygon;
  readonly confidence: number;
}

/** A table; it may cross pages, with one bounding region per page. */
export interface AnalyzedTable {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly cells: readonly AnalyzedTableCell[];
  readonly boundingRegions?: readonly BoundingRegion[];
}

/** A table cell. */
export interface AnalyzedTableCell {
  readonly kind?: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowSpan?: number;
  readonly columnSpan?: number;
  readonly content: string;
  readonly boundingRegions?: readonly BoundingRegion[];
}

/** The key or the value of a key-value pair. */
export interface AnalyzedKeyValueElement {
  readonly content: string;
  readonly boundingRegions?: readonly BoundingRegion[];
}

/** A form field found by the `keyValuePairs` feature (or a prebuilt model); the value may be missing. */
export interface AnalyzedKeyValuePair {
  readonly key: AnalyzedKeyValueElement;
  readonly value?: AnalyzedKeyValueElement;
  readonly confidence: number;
}

/** A paragraph, with its layout role when it has one. */
export interface AnalyzedParagraph {
  readonly role?: string;
  readonly content: string;
  readonly boundingRegions?: readonly BoundingRegion[];
}

/** The result of one analysis. */
export interface AnalyzeResult {
  readonly modelId?: string;
  readonly content?: string;
  /** `markdown` or `text`; absent before API 2024-02-29 (always text then). */
  readonly contentFormat?: string;
  readonly pages?: readonly AnalyzedPage[];
  readonly tables?: readonly AnalyzedTable[];
  readonly keyValuePairs?: readonly AnalyzedKeyValuePair[];
  readonly paragraphs?: readonly AnalyzedParagraph[];
}

/** The body of the analyze operation's status (`GET …/analyzeResults/{id}`). */
export interface AnalyzeOperation {
  readonly status: 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'skipped';
  readonly analyzeResult?: AnalyzeResult;
  readonly error?: AzureServiceError;
}

/** The service's error object, with nested `innererror`s that carry the specific cause. */
export interface AzureServiceError {
  readonly code?: string;
  readonly message?: string;
  readonly innererror?: AzureServiceError;
}
