/**
 * What the tests expect of a recorded Textract response, counted from its blocks, and the provider the tests
 * run against the local server.
 */

import { AwsCredential } from '../../../src/index.js';
import { createTextractOcr, type TextractOcrSettings } from '../../../src/ocr/textract/index.js';
import type { OcrProvider } from '../../../src/spec/ocr-provider.js';
import { recordedResponse } from '../../support/textract-server.js';

/** Credentials the tests send; neither may ever appear in an error message. */
export const TEST_ACCESS_KEY_ID = 'AKIDTEST';
export const TEST_SECRET = 'test-secret';

/** A Textract provider talking to the local server at `endpoint`. */
export function textractAt(endpoint: string, settings: TextractOcrSettings = {}): OcrProvider {
  return createTextractOcr({
    endpoint,
    region: 'us-east-1',
    credential: testCredential(),
    ...settings,
  });
}

/** The AWS keys the tests send. */
export function testCredential(): AwsCredential {
  return new AwsCredential({ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET });
}

interface RecordedBlock {
  readonly BlockType: string;
  readonly Page?: number;
  readonly EntityTypes?: readonly string[];
  readonly RowIndex?: number;
  readonly ColumnIndex?: number;
  readonly RowSpan?: number;
  readonly ColumnSpan?: number;
  readonly Relationships?: readonly { readonly Type: string; readonly Ids: readonly string[] }[];
  readonly Id: string;
}

/** The counts a page mapped from a response must have, straight from the vendor's blocks. */
export interface BlockCounts {
  readonly lines: number;
  readonly words: number;
  /** `rows×columns` per table, in block order. */
  readonly tables: readonly string[];
  /** KEY key-value sets plus QUERY blocks (answers are kept as key-values). */
  readonly keyValues: number;
  readonly selectionMarks: number;
}

/** The blocks of a recorded response, all pages. */
export function recordedBlocks(name: string): RecordedBlock[] {
  return (recordedResponse(name).Blocks ?? []) as RecordedBlock[];
}

/** Per page (1-based, in order), the counts of a recorded response's blocks. */
export function blockCounts(blocks: readonly RecordedBlock[]): BlockCounts[] {
  const byId = new Map(blocks.map((block) => [block.Id, block]));
  const pages = [...new Set(blocks.map((block) => block.Page ?? 1))].sort((a, b) => a - b);
  return pages.map((page) => {
    const onPage = blocks.filter((block) => (block.Page ?? 1) === page);
    const count = (type: string) => onPage.filter((block) => block.BlockType === type).length;
    const tables = onPage
      .filter((block) => block.BlockType === 'TABLE')
      .map((table) => {
        const cells = (table.Relationships ?? [])
          .filter((r) => r.Type === 'CHILD')
          .flatMap((r) => r.Ids)
          .map((id) => byId.get(id))
          .filter((cell) => cell?.BlockType === 'CELL') as RecordedBlock[];
        const rows = Math.max(...cells.map((cell) => (cell.RowIndex ?? 1) + (cell.RowSpan ?? 1) - 1));
        const columns = Math.max(
          ...cells.map((cell) => (cell.ColumnIndex ?? 1) + (cell.ColumnSpan ?? 1) - 1),
        );
        return `${rows}×${columns}`;
      });
    const keys = onPage.filter(
      (b) => b.BlockType === 'KEY_VALUE_SET' && b.EntityTypes?.includes('KEY'),
    ).length;
    return {
      lines: count('LINE'),
      words: count('WORD'),
      tables,
      keyValues: keys + count('QUERY'),
      selectionMarks: count('SELECTION_ELEMENT'),
    };
  });
}

/** A response's blocks of one page, renumbered as the synchronous answer for that page alone. */
export function pageResponse(name: string, page: number): Record<string, unknown> {
  const { JobStatus: _status, NextToken: _token, ...response } = recordedResponse(name);
  const blocks = (response.Blocks as RecordedBlock[]).filter((block) => block.Page === page);
  return {
    ...response,
    DocumentMetadata: { Pages: 1 },
    Blocks: blocks.map(({ Page: _page, ...block }) => block),
  };
}
