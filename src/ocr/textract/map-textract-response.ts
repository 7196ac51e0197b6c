/**
 * Textract blocks (DetectDocumentText, AnalyzeDocument, and the async Get* results) as provider-neutral
 * pages. Pure functions: the vendor's shapes end here.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import { lineId } from '../../document/ocr-invariants.js';
import type { OcrKeyValue, OcrLine, OcrPage, OcrWord } from '../../spec/document.js';
import { ocrPage } from '../page-builder.js';
import { malformedTextractResponse } from './map-textract-error.js';
import { mapTextractKeyValue, mapTextractQuery, mapTextractSelectionMark } from './map-textract-forms.js';
import { isTextractLayout, mapTextractLayout } from './map-textract-layout.js';
import { mapTextractTable } from './map-textract-tables.js';
import { type BlockIndex, forEachRelated, textOf } from './textract-blocks.js';
import { textractBox, textractConfidence, textractPageAngle } from './textract-geometry.js';

/** Where a page of a response lands in the document, and its size (Textract gives none). */
export interface TextractPageFrame {
  /** The page's 1-based number in the document. */
  readonly pageNumber: number;
  readonly width: number;
  readonly height: number;
  readonly unit: OcrPage['unit'];
}

/**
 * The pages of a Textract response, in page order.
 *
 * @param blocks - The response's blocks; all pages' blocks for async results.
 * @param frameOf - The document page and size of the response's page `responsePage` (1-based; a synchronous
 * call on one page of a split PDF answers with page 1).
 */
export function mapTextractBlocks(
  blocks: readonly Block[],
  frameOf: (responsePage: number) => TextractPageFrame,
): OcrPage[] {
  return mapTextractPages(blocks, frameOf).map(({ page }) => page);
}

/** Like {@link mapTextractBlocks}, each page with the number it has in the response. */
export function mapTextractPages(
  blocks: readonly Block[],
  frameOf: (responsePage: number) => TextractPageFrame,
): { readonly responsePage: number; readonly page: OcrPage }[] {
  const { index, pages } = sortBlocks(blocks);
  return [...pages.keys()]
    .sort((a, b) => a - b)
    .map((responsePage) => ({
      responsePage,
      page: mapPage(index, pages.get(responsePage) as PageBlocks, frameOf(responsePage)),
    }));
}

/** The blocks of one page that start an item of the page, by kind, each kind in block order. */
interface PageBlocks {
  readonly lines: Block[];
  readonly tables: Block[];
  /** KEY_VALUE_SET and QUERY blocks: both become key-values, kept in block order. */
  readonly forms: Block[];
  readonly selectionMarks: Block[];
  readonly layout: Block[];
}

/**
 * The response's blocks by id, and each page's blocks by kind. One pass over the blocks: reading a block
 * while it is at hand costs far less than coming back to it, and responses run to thousands of blocks.
 */
function sortBlocks(blocks: readonly Block[]): { index: BlockIndex; pages: Map<number, PageBlocks> } {
  const index = new Map<string, Block>();
  const pages = new Map<number, PageBlocks>();
  // A malformed response's blocks may be no list: it has no blocks then.
  if (!Array.isArray(blocks)) return { index, pages };
  for (const block of blocks) {
    // An item of a malformed response that is no object holds nothing to map.
    if (typeof block !== 'object' || block === null) continue;
    if (block.Id !== undefined) index.set(block.Id, block);
    // Any block makes its page exist.
    const pageNumber = textractPageNumber(block.Page, 'a block');
    let page = pages.get(pageNumber);
    if (page === undefined) {
      page = { lines: [], tables: [], forms: [], selectionMarks: [], layout: [] };
      pages.set(pageNumber, page);
    }
    kindOf(page, block)?.push(block);
  }
  return { index, pages };
}

/**
 * The 1-based page number Textract gives a block or an expense field; synchronous responses leave it out, as they
 * have one page.
 *
 * @param holder - What has the page number, for the error: `a block`.
 * @throws {@link ProviderError} when it is no positive integer: no document has such a page, so the response
 * cannot be mapped.
 */
export function textractPageNumber(page: number | undefined, holder: string): number {
  const pageNumber = page ?? 1;
  if (Number.isSafeInteger(pageNumber) && pageNumber >= 1) return pageNumber;
  const shown = typeof pageNumber === 'number' ? String(pageNumber) : `a ${typeof pageNumber}`;
  throw malformedTextractResponse(`${holder} gives ${shown} as its page number`);
}

/** The list of `page` a block belongs in, or `undefined` for blocks reached through others (words, cells). */
function kindOf(page: PageBlocks, block: Block): Block[] | undefined {
  switch (block.BlockType) {
    case 'LINE':
      return page.lines;
    case 'TABLE':
      return page.tables;
    case 'KEY_VALUE_SET':
    case 'QUERY':
      return page.forms;
    case 'SELECTION_ELEMENT':
      return page.selectionMarks;
    // The most common blocks reached through others, named so they skip the layout lookup.
    case 'WORD':
    case 'CELL':
    case 'MERGED_CELL':
    case 'PAGE':
      return undefined;
    default:
      return isTextractLayout(block) ? page.layout : undefined;
  }
}

function mapPage(index: BlockIndex, blocks: PageBlocks, frame: TextractPageFrame): OcrPage {
  const { pageNumber } = frame;
  const keyValues: OcrKeyValue[] = [];
  for (const block of blocks.forms) {
    const pair =
      block.BlockType === 'QUERY' ? mapTextractQuery(index, block) : mapTextractKeyValue(index, block);
    if (pair !== undefined) keyValues.push(pair);
  }
  const lines = blocks.lines.map((line, i) => mapLine(index, line, lineId(pageNumber, i)));
  // The frame's fields one by one: properties after a spread take V8's slow path, microseconds a page.
  return ocrPage({
    pageNumber,
    width: frame.width,
    height: frame.height,
    unit: frame.unit,
    angle: textractPageAngle(blocks.lines.map((line) => line.Geometry)),
    lines,
    tables: blocks.tables.map((table, i) => mapTextractTable(index, table, pageNumber, i)),
    keyValues,
    selectionMarks: blocks.selectionMarks.map(mapTextractSelectionMark),
    layout: blocks.layout.map((block) => mapTextractLayout(index, block)),
  });
}

function mapLine(index: BlockIndex, line: Block, id: string): OcrLine {
  const words: OcrWord[] = [];
  forEachRelated(index, line, 'CHILD', (word) => {
    if (word.BlockType !== 'WORD') return;
    words.push({
      text: textOf(word.Text),
      box: textractBox(word.Geometry),
      confidence: textractConfidence(word.Confidence),
    });
  });
  return {
    id,
    text: textOf(line.Text),
    box: textractBox(line.Geometry),
    confidence: textractConfidence(line.Confidence),
    words,
  };
}
