/**
 * What the extraction model conformance suite sends by default: a short invoice as text and as OCR
 * output, a small schema, a valid answer to it, and the same invoice attached as a PDF or an image.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { userPrompt } from '../llm/prompt.js';
import type { LoadedDocument } from '../spec/document.js';
import type { ExtractionRequest } from '../spec/extraction-model.js';
import type { JSONSchema } from '../spec/json-schema.js';
import { ocrDocumentFromText } from './ocr-document-from-text.js';

/** A request the suite varies per check: it adds the signal, the repair turns or an attached document itself. */
export type ExtractionConformanceRequest = Omit<ExtractionRequest, 'signal' | 'repairs'>;

const INVOICE_TEXT = [
  'ACME Office Supplies Ltd.',
  'Invoice number:  INV-1042',
  'Invoice date:  2024-03-15',
  '',
  'Description            Qty      Amount',
  'Paper, A4 (box)          2       18.00',
  'Toner cartridge          1       54.50',
  '',
  'Total:  72.50',
].join('\n');

// A string, a number, a nullable field and an array of objects: the shapes every adapter has to carry.
const INVOICE_SCHEMA: JSONSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    invoice_number: { type: 'string', description: 'As printed, e.g. INV-7.' },
    total: { type: 'number', description: 'The amount due.' },
    due_date: {
      type: ['string', 'null'],
      description: 'The payment due date as YYYY-MM-DD; null when the invoice gives none.',
    },
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { description: { type: 'string' }, amount: { type: 'number' } },
        required: ['description', 'amount'],
      },
    },
  },
  required: ['invoice_number', 'total', 'due_date', 'line_items'],
};

/**
 * The request the extraction model conformance suite sends unless told otherwise: a short invoice, as the
 * extraction stage sends it after OCR and a parser ran (the text inside the user turn, and the OCR output for
 * models that read layout), with a schema holding a string, a number, a nullable field and an array of objects.
 * A fresh object each call.
 *
 * @example
 * ```ts
 * const request = extractionConformanceRequest();
 * await myModel.extract({ ...request, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export function extractionConformanceRequest(): ExtractionConformanceRequest {
  return {
    system: 'You extract structured data from documents. Answer with JSON only.',
    jsonSchema: structuredClone(INVOICE_SCHEMA),
    prompt: userPrompt({ text: INVOICE_TEXT }),
    text: INVOICE_TEXT,
    ocr: ocrDocumentFromText(INVOICE_TEXT),
    maxTokens: 1024,
    temperature: 0,
  };
}

/**
 * An answer valid for {@link extractionConformanceRequest}'s schema (and right for its invoice): what a
 * stand-in server for a model under test can reply.
 *
 * @example
 * ```ts
 * // a stand-in for the service the model calls, answering every request alike
 * const server = createServer((req, res) => res.end(JSON.stringify({ output: EXTRACTION_CONFORMANCE_ANSWER })));
 * runExtractionModelConformance('my-llm', () => createMyModel({ baseURL: `http://127.0.0.1:${port}` }));
 * ```
 */
export const EXTRACTION_CONFORMANCE_ANSWER = Object.freeze({
  invoice_number: 'INV-1042',
  total: 72.5,
  due_date: null,
  line_items: Object.freeze([
    Object.freeze({ description: 'Paper, A4 (box)', amount: 18 }),
    Object.freeze({ description: 'Toner cartridge', amount: 54.5 }),
  ]),
});

/** The invoice as a one-page PDF with a text layer (pdf-lib, imported on first use). */
export async function invoicePdf(): Promise<LoadedDocument> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  const page = pdf.addPage([595, 842]);
  INVOICE_TEXT.split('\n').forEach((line, row) => {
    page.drawText(line, { x: 50, y: 780 - row * 16, size: 11, font });
  });
  // A fixed date keeps the bytes, and so the document id, the same on every run.
  const epoch = new Date(0);
  pdf.setCreationDate(epoch);
  pdf.setModificationDate(epoch);
  const bytes = await pdf.save();
  return loaded(bytes, 'invoice.pdf', 'application/pdf', { pageCount: 1 });
}

/**
 * A small blank page as a PNG: enough for a check that a model declaring `images` takes one and answers in
 * shape; what a real model reads off it is not checked.
 */
export function blankPng(width = 64, height = 32): LoadedDocument {
  // Grayscale, 8 bits: each row is a filter byte (0) and one white byte per pixel.
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0xff)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return loaded(new Uint8Array(bytes), 'page.png', 'image/png', {
    pageCount: 1,
    imageSize: { width, height },
  });
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function loaded(
  bytes: Uint8Array,
  name: string,
  mediaType: LoadedDocument['mediaType'],
  extra: Pick<LoadedDocument, 'pageCount' | 'imageSize'>,
): LoadedDocument {
  return { id: createHash('sha256').update(bytes).digest('hex'), name, mediaType, bytes, ...extra };
}
