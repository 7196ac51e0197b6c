/**
 * Test-only: the LINE blocks of a recorded Textract `AnalyzeDocument` response as a one-page `OcrDocument`,
 * to test reading order on real page geometry until a Textract adapter exists.
 */
import { readFileSync } from 'node:fs';
import type { OcrDocument, OcrLine } from '../../src/index.js';

interface TextractBlock {
  readonly BlockType: string;
  readonly Text?: string;
  readonly Confidence?: number;
  readonly Geometry?: {
    readonly BoundingBox: {
      readonly Left: number;
      readonly Top: number;
      readonly Width: number;
      readonly Height: number;
    };
  };
}

/** The fixture `tests/fixtures/textract/<fileName>` as an `OcrDocument` holding its lines. */
export function textractDocument(fileName: string): OcrDocument {
  const url = new URL(`../fixtures/textract/${fileName}`, import.meta.url);
  const { Blocks } = JSON.parse(readFileSync(url, 'utf8')) as { Blocks: readonly TextractBlock[] };
  const lines: OcrLine[] = [];
  for (const block of Blocks) {
    const box = block.Geometry?.BoundingBox;
    if (block.BlockType !== 'LINE' || !box) continue;
    lines.push({
      id: `p1-l${lines.length}`,
      text: block.Text ?? '',
      box: { left: box.Left, top: box.Top, width: box.Width, height: box.Height },
      confidence: (block.Confidence ?? 100) / 100,
    });
  }
  const words = Blocks.filter((block) => block.BlockType === 'WORD').length;
  return {
    provider: 'aws.textract',
    pages: [
      {
        pageNumber: 1,
        width: 1,
        height: 1,
        unit: 'pixel',
        angle: 0,
        lines,
        words,
        tables: [],
        keyValues: [],
        selectionMarks: [],
        layout: [],
      },
    ],
  };
}
