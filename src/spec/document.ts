/**
 * The provider-neutral document model that flows between stages:
 * `LoadedDocument → OcrDocument → ParsedDocument`.
 *
 * @module
 */

/** Media types docpipe recognises from a document's bytes. */
export type MediaType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/tiff'
  | 'image/webp'
  | 'image/gif'
  | 'image/bmp'
  | 'text/plain';

/** A document read into memory, identified by the sha256 of its content. */
export interface LoadedDocument {
  /** Hex sha256 of the bytes (or of the UTF-8 text), so equal content has an equal id. */
  readonly id: string;
  /** A human-readable name: the file's base name, or the name given with the bytes. */
  readonly name: string;
  /** Sniffed from the content, never taken from a file extension. */
  readonly mediaType: MediaType;
  /** The raw bytes, for binary documents and text files. */
  readonly bytes?: Uint8Array;
  /** The decoded text, for `text/plain` documents. */
  readonly text?: string;
  /** The number of pages, when it could be read cheaply (PDFs, images are 1). */
  readonly pageCount?: number;
  /** Pixel size, for images. */
  readonly imageSize?: { readonly width: number; readonly height: number };
  /** What loading noticed without failing, e.g. `media-type-mismatch`; a pipeline copies them into its result. */
  readonly warnings?: readonly Warning[];
}

/** A box as fractions of the page, origin at the top left. */
export interface BoundingBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** One recognised word. */
export interface OcrWord {
  readonly text: string;
  readonly box: BoundingBox;
  /** 0..1 */
  readonly confidence: number;
}

/** One recognised line of text, with a stable id such as `p1-l12`. */
export interface OcrLine {
  readonly id: string;
  readonly text: string;
  readonly box: BoundingBox;
  /** 0..1 */
  readonly confidence: number;
  /** The words of this line, when the provider gives them. */
  readonly words?: readonly OcrWord[];
}

/** One table cell, with a stable id such as `p1-t0-r2-c3`. */
export interface OcrTableCell {
  readonly id: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowSpan: number;
  readonly columnSpan: number;
  readonly text: string;
  readonly box?: BoundingBox;
  readonly confidence?: number;
  readonly isHeader?: boolean;
}

/** A table found on a page. */
export interface OcrTable {
  readonly id: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly cells: readonly OcrTableCell[];
  readonly box?: BoundingBox;
  readonly title?: string;
  readonly footer?: string;
}

/** A key-value pair (form field) found on a page. */
export interface OcrKeyValue {
  readonly key: string;
  readonly value: string;
  readonly keyBox?: BoundingBox;
  readonly valueBox?: BoundingBox;
  readonly confidence?: number;
}

/** A checkbox or radio button found on a page. */
export interface OcrSelectionMark {
  readonly selected: boolean;
  readonly box: BoundingBox;
  readonly confidence?: number;
}

/** Every role a layout block can have. */
export const LAYOUT_ROLES = [
  'title',
  'sectionHeading',
  'paragraph',
  'list',
  'listItem',
  'table',
  'figure',
  'pageHeader',
  'pageFooter',
  'pageNumber',
  'keyValue',
  'other',
] as const;

/** Roles a layout block can have. */
export type LayoutRole = (typeof LAYOUT_ROLES)[number];

/** Every unit a page's size can be given in. */
export const PAGE_UNITS = ['pixel', 'inch', 'point'] as const;

/** A region of the page with a layout role (heading, paragraph, header, ...). */
export interface LayoutBlock {
  readonly role: LayoutRole;
  readonly box: BoundingBox;
  readonly text?: string;
}

/** One page of an {@link OcrDocument}. */
export interface OcrPage {
  /** 1-based. */
  readonly pageNumber: number;
  /** The page's size in {@link OcrPage.unit}. */
  readonly width: number;
  readonly height: number;
  readonly unit: (typeof PAGE_UNITS)[number];
  /** Clockwise rotation of the content, in degrees, as detected by the provider. */
  readonly angle: number;
  readonly lines: readonly OcrLine[];
  /** Number of words on the page. */
  readonly words: number;
  readonly tables: readonly OcrTable[];
  readonly keyValues: readonly OcrKeyValue[];
  readonly selectionMarks: readonly OcrSelectionMark[];
  readonly layout: readonly LayoutBlock[];
}

/** The provider-neutral result of OCR: what every OCR adapter maps into. */
export interface OcrDocument {
  /** The provider that produced it, e.g. `tesseract` or `aws.textract`. */
  readonly provider: string;
  readonly pages: readonly OcrPage[];
  /** The provider's own markdown rendering, when it gives one (Azure `outputContentFormat: markdown`). */
  readonly markdown?: string;
}

/** How a parser renders an {@link OcrDocument} into text. */
export type ParsingMethodName = 'layout-conserved' | 'plain' | 'markdown';

/** The text rendering of one page. */
export interface ParsedPage {
  readonly pageNumber: number;
  readonly text: string;
}

/** An {@link OcrDocument} rendered into text by a parser. */
export interface ParsedDocument {
  readonly method: ParsingMethodName;
  /** All pages' text, separated by form feeds (`\f`). */
  readonly text: string;
  readonly pages: readonly ParsedPage[];
}

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

/** Something a stage or provider wants the user to know, without failing the run. */
export interface Warning {
  /** A stable, kebab-case code, e.g. `blank-page`. */
  readonly code: string;
  readonly message: string;
  /** The stage that raised it; filled in by the pipeline. */
  readonly stageId?: string;
  readonly page?: number;
}

/** Whether a stage output is an {@link OcrDocument}. */
export function isOcrDocument(value: unknown): value is OcrDocument {
  const pages = (value as OcrDocument | null)?.pages;
  return Array.isArray(pages) && typeof (value as OcrDocument).provider === 'string';
}

/** Whether a stage output is a {@link ParsedDocument}. */
export function isParsedDocument(value: unknown): value is ParsedDocument {
  const candidate = value as ParsedDocument | null;
  return typeof candidate?.text === 'string' && typeof candidate.method === 'string';
}

/** Whether a stage output is a {@link LoadedDocument}. */
export function isLoadedDocument(value: unknown): value is LoadedDocument {
  const candidate = value as LoadedDocument | null;
  return typeof candidate?.id === 'string' && typeof candidate.mediaType === 'string';
}

/**
 * The largest document `loadDocument` accepts, and the most time its pages may take; a document breaking one
 * fails with an `InputError`.
 */
export interface DocumentLimits {
  /**
   * The most bytes a document may have (for text given as a string, its UTF-8 length).
   *
   * @default 104_857_600 (100 MiB)
   */
  readonly maxBytes: number;
  /**
   * The most pages a PDF may have, when its page count can be read without decompressing it.
   *
   * @default 1000
   */
  readonly maxPages: number;
  /**
   * The most pixels (width × height) an image may have.
   *
   * @default 100_000_000 (100 megapixels)
   */
  readonly maxPixels: number;
  /**
   * The most milliseconds local CPU work may spend on one page: rendering it, reading its text layer, OCR.
   * Work that overruns is stopped (an OCR worker thread is terminated and replaced), and the document fails
   * with an `InputError` naming the page; no real page takes a tenth of the default.
   *
   * @default 60_000 (one minute)
   */
  readonly maxPageMs: number;
}
