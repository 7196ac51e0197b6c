/**
 * Azure Document Intelligence's `analyzeResult` (API 2024-11-30 or 2023-07-31) as a provider-neutral
 * `OcrDocument`. Pure functions: no SDK, no I/O.
 *
 * @module
 */

import { lineId } from '../../document/ocr-invariants.js';
import type {
  LayoutBlock,
  LayoutRole,
  OcrDocument,
  OcrKeyValue,
  OcrLine,
  OcrPage,
  OcrSelectionMark,
  OcrWord,
} from '../../spec/document.js';
import { ocrPage } from '../page-builder.js';
import { objectsIn } from '../response-lists.js';
import type {
  AnalyzedKeyValuePair,
  AnalyzedLine,
  AnalyzedPage,
  AnalyzedParagraph,
  AnalyzedWord,
  AnalyzeResult,
} from './analyze-result.js';
import { malformedAzureResult } from './map-azure-error.js';
import { mapTables } from './map-tables.js';
import { normalizeAngle, type PageSize, pageSize, polygonBox, regionBox } from './page-geometry.js';
import { stripSelectionTokens } from './selection-tokens.js';

const LAYOUT_ROLES: ReadonlySet<string> = new Set<LayoutRole>([
  'title',
  'sectionHeading',
  'pageHeader',
  'pageFooter',
  'pageNumber',
]);

/**
 * The provider-neutral document for an analysis result; `provider` names who produced it. What a malformed
 * result holds where the service documents something else is left out, and numbers out of range are clamped.
 *
 * @throws {@link ProviderError} when a page has no page number, shares its number with another page, or has no
 * size: nothing on it could be numbered or placed.
 */
export function mapAnalyzeResult(result: AnalyzeResult, provider: string): OcrDocument {
  const pages = sizedPages(result, provider);
  const sizes = new Map<number, PageSize>();
  for (const { page, size } of pages) sizes.set(page.pageNumber, size);
  const tables = mapTables(objectsIn(result.tables), sizes);
  const keyValues = groupByPage(objectsIn(result.keyValuePairs), keyPage, (pair, size) =>
    mapKeyValue(pair, size),
  );
  const layout = groupByPage(
    objectsIn(result.paragraphs),
    (p) => p.boundingRegions?.[0]?.pageNumber,
    mapParagraph,
  );
  const document: OcrDocument = {
    provider,
    pages: pages.map(({ page, size }) =>
      mapPage(page, size, {
        tables: tables.get(page.pageNumber) ?? [],
        keyValues: keyValues(page.pageNumber, size),
        layout: layout(page.pageNumber, size),
      }),
    ),
  };
  // Only markdown output is worth keeping: plain text content is exactly what the lines already hold.
  return result.contentFormat === 'markdown' && typeof result.content === 'string' && result.content
    ? { ...document, markdown: result.content }
    : document;
}

/** The result's pages in page order, each with its size (see {@link mapAnalyzeResult} for what it throws). */
function sizedPages(result: AnalyzeResult, provider: string): { page: AnalyzedPage; size: PageSize }[] {
  const pages = objectsIn(result.pages).map((page) => {
    const { pageNumber } = page;
    if (!Number.isSafeInteger(pageNumber) || pageNumber < 1) {
      const shown = typeof pageNumber === 'number' ? String(pageNumber) : `a ${typeof pageNumber}`;
      throw malformedAzureResult(`a page gives ${shown} as its page number`, provider);
    }
    // The service gives every page of a PDF or an image, the only documents docpipe sends it, a size.
    const size = pageSize(page);
    if (!size) throw malformedAzureResult(`page ${pageNumber} has no size`, provider);
    return { page, size };
  });
  pages.sort((a, b) => a.page.pageNumber - b.page.pageNumber);
  for (let i = 1; i < pages.length; i++) {
    const pageNumber = pages[i]?.page.pageNumber;
    if (pageNumber === pages[i - 1]?.page.pageNumber) {
      throw malformedAzureResult(`two pages are numbered ${pageNumber}`, provider);
    }
  }
  return pages;
}

function mapPage(
  page: AnalyzedPage,
  size: PageSize,
  found: Pick<OcrPage, 'tables' | 'keyValues' | 'layout'>,
): OcrPage {
  const words = objectsIn(page.words);
  return ocrPage({
    pageNumber: page.pageNumber,
    width: size.width,
    height: size.height,
    // Azure measures images in pixels and PDFs in inches, the two units docpipe shares with it.
    unit: page.unit === 'inch' ? 'inch' : 'pixel',
    angle: normalizeAngle(page.angle),
    lines: objectsIn(page.lines).map((line, index) =>
      mapLine(line, lineWords(line, words), page.pageNumber, index, size),
    ),
    selectionMarks: objectsIn(page.selectionMarks).flatMap((mark): OcrSelectionMark[] => {
      const box = polygonBox(mark.polygon, size);
      return box
        ? [{ selected: mark.state === 'selected', box, confidence: azureConfidence(mark.confidence) }]
        : [];
    }),
    ...found,
  });
}

// Azure links a line to its words only through offsets into `content`: a word belongs to the line whose
// spans hold its own span's start. In a malformed result a word without an offset is on no line, and a span
// that is no range of numbers holds no word (every comparison with NaN or undefined is false).
function lineWords(line: AnalyzedLine, words: readonly AnalyzedWord[]): AnalyzedWord[] {
  const spans = objectsIn(line.spans);
  return words.filter((word) => {
    const offset = word.span?.offset;
    return (
      typeof offset === 'number' &&
      spans.some((span) => offset >= span.offset && offset < span.offset + span.length)
    );
  });
}

function mapLine(
  line: AnalyzedLine,
  words: readonly AnalyzedWord[],
  pageNumber: number,
  index: number,
  size: PageSize | undefined,
): OcrLine {
  const mappedWords = words.flatMap((word): OcrWord[] => {
    const text = stripSelectionTokens(word.content);
    return text
      ? [{ text, box: polygonBox(word.polygon, size) ?? EMPTY_BOX, confidence: wordConfidence(word) }]
      : [];
  });
  // A line has no confidence of its own in Azure's result; its words' mean is the honest summary, and a
  // line without words (never seen in practice) is taken as certain rather than invented lower.
  const confidence =
    words.length > 0 ? words.reduce((sum, word) => sum + wordConfidence(word), 0) / words.length : 1;
  return {
    id: lineId(pageNumber, index),
    text: stripSelectionTokens(line.content),
    box: polygonBox(line.polygon, size) ?? EMPTY_BOX,
    confidence,
    words: mappedWords,
  };
}

/**
 * A confidence as docpipe's 0..1, clamped, or `undefined` when there is none: Azure's are 0..1 already, but a
 * malformed result may give one out of range, or a NaN or something other than a number, which counts as none.
 */
function azureConfidence(confidence: number | undefined): number | undefined {
  if (typeof confidence !== 'number' || Number.isNaN(confidence)) return undefined;
  return Math.min(1, Math.max(0, confidence));
}

// A word always has a confidence in Azure's result; one without counts as 0, the least it can be.
function wordConfidence(word: AnalyzedWord): number {
  return azureConfidence(word.confidence) ?? 0;
}

const EMPTY_BOX = { left: 0, top: 0, width: 0, height: 0 } as const;

// The key is never missing in Azure's result; a malformed one without it puts its pair on no page.
function keyPage(pair: AnalyzedKeyValuePair): number | undefined {
  return pair.key?.boundingRegions?.[0]?.pageNumber;
}

function mapKeyValue(pair: AnalyzedKeyValuePair, size: PageSize | undefined): OcrKeyValue {
  const pageNumber = keyPage(pair) ?? 0;
  const keyBox = regionBox(pair.key.boundingRegions, pageNumber, size);
  // A value on another page than its key cannot be placed on the key's page; it keeps its text only.
  const valueBox = regionBox(pair.value?.boundingRegions, pageNumber, size);
  return {
    key: stripSelectionTokens(pair.key.content),
    value: stripSelectionTokens(pair.value?.content),
    ...(keyBox ? { keyBox } : {}),
    ...(valueBox ? { valueBox } : {}),
    confidence: azureConfidence(pair.confidence),
  };
}

function mapParagraph(paragraph: AnalyzedParagraph, size: PageSize | undefined): LayoutBlock | undefined {
  const box = regionBox(paragraph.boundingRegions, paragraph.boundingRegions?.[0]?.pageNumber ?? 0, size);
  if (!box) return undefined;
  const role = (
    paragraph.role && LAYOUT_ROLES.has(paragraph.role) ? paragraph.role : 'paragraph'
  ) as LayoutRole;
  return { role, box, text: stripSelectionTokens(paragraph.content) };
}

/** A lookup of `items` mapped per page, for the items that name their page and can be mapped there. */
function groupByPage<T, R>(
  items: readonly T[],
  pageOf: (item: T) => number | undefined,
  map: (item: T, size: PageSize | undefined) => R | undefined,
): (pageNumber: number, size: PageSize | undefined) => R[] {
  const byPage = new Map<number, T[]>();
  for (const item of items) {
    const pageNumber = pageOf(item);
    if (pageNumber === undefined) continue;
    const onPage = byPage.get(pageNumber);
    if (onPage) onPage.push(item);
    else byPage.set(pageNumber, [item]);
  }
  return (pageNumber, size) =>
    (byPage.get(pageNumber) ?? []).flatMap((item) => {
      const mapped = map(item, size);
      return mapped === undefined ? [] : [mapped];
    });
}
