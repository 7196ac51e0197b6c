/**
 * The rows of a document's field table, and the element ids that tie a row, its box and its document
 * together for the report's script (`data-box` on a row, `data-field` on a box, `data-doc` on a list entry).
 *
 * @module
 */
import type { GroundedField } from '../spec/document.js';
import type { DocumentPages } from './document-pages.js';
import type { ReportFieldOutcome } from './field-outcomes.js';
import { type FieldTone, fieldConfidence, fieldTone } from './field-tone.js';
import type { ReportItem } from './report-item.js';

/** One row of a document's field table, and the box it links to when its value is on a drawn page. */
export interface FieldRow {
  readonly rowId: string;
  readonly boxId?: string;
  readonly path: string;
  readonly field?: GroundedField;
  readonly confidence?: number;
  readonly outcome?: ReportFieldOutcome;
  readonly tone: FieldTone;
}

/** The element id of document `index`'s section. */
export function documentId(index: number): string {
  return `doc-${index}`;
}

/**
 * The rows of the item's field table: its fields in order, then the values an evaluation says the extraction
 * missed. A row has a box when its field has one on a page that is drawn.
 */
export function fieldRows(item: ReportItem, index: number, pages: DocumentPages): FieldRow[] {
  const drawn = new Set(pages.pages.map((page) => page.pageNumber));
  const rows: FieldRow[] = item.fields.map((field, j) => {
    const confidence = fieldConfidence(field);
    const outcome = item.outcomes?.[field.path];
    const boxed = field.box !== undefined && field.page !== undefined && drawn.has(field.page);
    return {
      rowId: `${documentId(index)}-field-${j}`,
      ...(boxed ? { boxId: `${documentId(index)}-box-${j}` } : {}),
      path: field.path,
      field,
      ...(confidence === undefined ? {} : { confidence }),
      ...(outcome === undefined ? {} : { outcome }),
      tone: fieldTone(confidence, outcome),
    };
  });
  const extracted = new Set(item.fields.map((field) => field.path));
  for (const [path, outcome] of Object.entries(item.outcomes ?? {})) {
    if (extracted.has(path)) continue;
    rows.push({ rowId: `${documentId(index)}-field-${rows.length}`, path, outcome, tone: outcome.outcome });
  }
  return rows;
}
