/**
 * Textract blocks (DetectDocumentText, AnalyzeDocument, and the async Get* results) as provider-neutral
 * pages. Pure functions: the vendor's shapes end here.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import type { LayoutBlock, OcrKeyValue, OcrLine, OcrPage, OcrTable } from '../../document/model.js';
import { lineId, ocrPage } from '../page-builder.js';
import { mapTextractKeyValue, mapTextractQuery, mapTextractSelectionMark } from './map-textract-forms.js';
import { mapTextractLayout } from './map-textract-layout.js';
import { mapTextractTable } from './map-textract-tables.js';
import { type BlockIndex, indexBlocks, relatedBlocks } from './textract-blocks.js';
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
  const index = indexBlocks(blocks);
  const byPage = new Map<number, Block[]>();
  for (const block of blocks) {
    // Synchronous responses leave `Page` out: they have one page.
    const page = block.Page ?? 1;
    const pageBlocks = byPage.get(page) ?? [];
    if (pageBlocks.length === 0) byPage.set(page, pageBlocks);
    pageBlocks.push(block);
  }
  return [...byPage.keys()]
    .sort((a, b) => a - b)
    .map((responsePage) => ({
      responsePage,
      page: mapPage(index, byPage.get(responsePage) ?? [], frameOf(responsePage)),
    }));
}

function mapPage(index: BlockIndex, blocks: readonly Block[], frame: TextractPageFrame): OcrPage {
  const { pageNumber } = frame;
  const lineBlocks = blocks.filter((block) => block.BlockType === 'LINE');
  const lines = lineBlocks.map((line, i) => mapLine(index, line, lineId(pageNumber, i)));
  const tables: OcrTable[] = [];
  const keyValues: OcrKeyValue[] = [];
  const layout: LayoutBlock[] = [];
  for (const block of blocks) {
    if (block.BlockType === 'TABLE') tables.push(mapTextractTable(index, block, pageNumber, tables.length));
    else if (block.BlockType === 'QUERY') keyValues.push(mapTextractQuery(index, block));
    else if (block.BlockType === 'KEY_VALUE_SET') {
      const pair = mapTextractKeyValue(index, block);
      if (pair !== undefined) keyValues.push(pair);
    } else {
      const layoutBlock = mapTextractLayout(index, block);
      if (layoutBlock !== undefined) layout.push(layoutBlock);
    }
  }
  return ocrPage({
    ...frame,
    angle: textractPageAngle(lineBlocks.map((line) => line.Geometry)),
    lines,
    tables,
    keyValues,
    selectionMarks: blocks.filter((b) => b.BlockType === 'SELECTION_ELEMENT').map(mapTextractSelectionMark),
    layout,
  });
}

function mapLine(index: BlockIndex, line: Block, id: string): OcrLine {
  const words = relatedBlocks(index, line, 'CHILD')
    .filter((child) => child.BlockType === 'WORD')
    .map((word) => ({
      text: word.Text ?? '',
      box: textractBox(word.Geometry),
      confidence: textractConfidence(word.Confidence),
    }));
  return {
    id,
    text: line.Text ?? '',
    box: textractBox(line.Geometry),
    confidence: textractConfidence(line.Confidence),
    words,
  };
}
