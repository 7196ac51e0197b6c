/**
 * Azure Document Intelligence's `analyzeResult` (API 2024-11-30 or 2023-07-31) as a provider-neutral
 * `OcrDocument`. Pure functions: no SDK, no I/O.
 *
 * @module
 */
import type {
  LayoutBlock,
  LayoutRole,
  OcrDocument,
  OcrKeyValue,
  OcrLine,
  OcrPage,
  OcrSelectionMark,
  OcrWord,
} from '../../document/model.js';
import { lineId, ocrPage } from '../page-builder.js';
import type {
  AnalyzedKeyValuePair,
  AnalyzedLine,
  AnalyzedPage,
  AnalyzedParagraph,
  AnalyzedWord,
  AnalyzeResult,
} from './analyze-result.js';
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

/** The provider-neutral document for an analysis result; `provider` names who produced it. */
export function mapAnalyzeResult(result: AnalyzeResult, provider: string): OcrDocument {
  const pages = [...(result.pages ?? [])].sort((a, b) => a.pageNumber - b.pageNumber);
  const sizes = new Map<number, PageSize>();
  for (const page of pages) {
    const size = pageSize(page);
    if (size) sizes.set(page.pageNumber, size);
  }
  const tables = mapTables(result.tables ?? [], sizes);
  const keyValues = groupByPage(result.keyValuePairs ?? [], keyPage, (pair, size) => mapKeyValue(pair, size));
  const layout = groupByPage(
    result.paragraphs ?? [],
    (p) => p.boundingRegions?.[0]?.pageNumber,
    mapParagraph,
  );
  const document: OcrDocument = {
    provider,
    pages: pages.map((page) =>
      mapPage(page, {
        tables: tables.get(page.pageNumber) ?? [],
        keyValues: keyValues(page.pageNumber, sizes.get(page.pageNumber)),
        layout: layout(page.pageNumber, sizes.get(page.pageNumber)),
      }),
    ),
  };
  // Only markdown output is worth keeping: plain text content is exactly what the lines already hold.
  return result.contentFormat === 'markdown' && result.content
    ? { ...document, markdown: result.content }
    : document;
}

function mapPage(page: AnalyzedPage, found: Pick<OcrPage, 'tables' | 'keyValues' | 'layout'>): OcrPage {
  const size = pageSize(page);
  const words = page.words ?? [];
  return ocrPage({
    pageNumber: page.pageNumber,
    width: page.width ?? 0,
    height: page.height ?? 0,
    // Azure measures images in pixels and PDFs in inches, the two units docpipe shares with it.
    unit: page.unit === 'inch' ? 'inch' : 'pixel',
    angle: normalizeAngle(page.angle),
    lines: (page.lines ?? []).map((line, index) =>
      mapLine(line, lineWords(line, words), page.pageNumber, index, size),
    ),
    selectionMarks: (page.selectionMarks ?? []).flatMap((mark): OcrSelectionMark[] => {
      const box = polygonBox(mark.polygon, size);
      return box ? [{ selected: mark.state === 'selected', box, confidence: mark.confidence }] : [];
    }),
    ...found,
  });
}

// Azure links a line to its words only through offsets into `content`: a word belongs to the line whose
// spans hold its own span's start.
function lineWords(line: AnalyzedLine, words: readonly AnalyzedWord[]): AnalyzedWord[] {
  return words.filter((word) =>
    line.spans.some(
      (span) => word.span.offset >= span.offset && word.span.offset < span.offset + span.length,
    ),
  );
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
      ? [{ text, box: polygonBox(word.polygon, size) ?? EMPTY_BOX, confidence: word.confidence }]
      : [];
  });
  // A line has no confidence of its own in Azure's result; its words' mean is the honest summary, and a
  // line without words (never seen in practice) is taken as certain rather than invented lower.
  const confidence =
    words.length > 0 ? words.reduce((sum, word) => sum + word.confidence, 0) / words.length : 1;
  return {
    id: lineId(pageNumber, index),
    text: stripSelectionTokens(line.content),
    box: polygonBox(line.polygon, size) ?? EMPTY_BOX,
    confidence,
    words: mappedWords,
  };
}

const EMPTY_BOX = { left: 0, top: 0, width: 0, height: 0 } as const;

function keyPage(pair: AnalyzedKeyValuePair): number | undefined {
  return pair.key.boundingRegions?.[0]?.pageNumber;
}

function mapKeyValue(pair: AnalyzedKeyValuePair, size: PageSize | undefined): OcrKeyValue {
  const pageNumber = keyPage(pair) ?? 0;
  const keyBox = regionBox(pair.key.boundingRegions, pageNumber, size);
  // A value on another page than its key cannot be placed on the key's page; it keeps its text only.
  const valueBox = regionBox(pair.value?.boundingRegions, pageNumber, size);
  return {
    key: stripSelectionTokens(pair.key.content),
    value: stripSelectionTokens(pair.value?.content ?? ''),
    ...(keyBox ? { keyBox } : {}),
    ...(valueBox ? { valueBox } : {}),
    confidence: pair.confidence,
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
