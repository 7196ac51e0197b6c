/**
 * Generates invoice PDFs with known contents (pdf-lib), for benchmarks of parsing quality and
 * speed. Layouts vary on purpose: fonts, column order and positions, alignment, two-column
 * headers, 3–15 line items, some tables continuing on a second page. Deterministic per seed.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { mulberry32 } from '../tests/support/seeded-random.js';

/** What is printed on a generated invoice, for scoring a parser's output. */
export interface InvoiceTruth {
  readonly invoiceNumber: string;
  readonly date: string;
  readonly seller: string;
  readonly buyer: string;
  readonly total: string;
  /** Each line item's cells, in printed column order. */
  readonly rows: readonly (readonly string[])[];
}

export interface GeneratedInvoice {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly truth: InvoiceTruth;
}

type Column = 'description' | 'sku' | 'qty' | 'unit' | 'amount';

interface Layout {
  readonly font: StandardFonts;
  readonly bold: StandardFonts;
  readonly size: number;
  readonly columns: readonly Column[];
  readonly twoColumnHeader: boolean;
  readonly currency: string;
  readonly dateStyle: 'iso' | 'long' | 'us';
}

const PRODUCTS = [
  'Printer paper A4',
  'Toner cartridge black',
  'Stapler heavy duty',
  'Desk lamp LED',
  'Office chair mesh',
  'Whiteboard markers',
  'Laptop stand aluminium',
  'USB-C docking station',
  'Ergonomic keyboard',
  'Wireless mouse',
  'Monitor 27 inch',
  'Cable organiser',
  'Filing cabinet 3 drawer',
  'Coffee beans 1kg',
  'Paper shredder',
  'Label printer tape',
  'Conference phone',
  'Notebook A5 ruled',
];
const COMPANIES = [
  'ACME Office Supplies Ltd',
  'Northwind Traders',
  'Contoso Furniture Inc',
  'Globex Corporation',
  'Initech Services',
  'Umbrella Stationery Co',
  'Stark Industrial Supply',
  'Wayne Enterprises',
];
const FONTS: readonly [StandardFonts, StandardFonts][] = [
  [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  [StandardFonts.Courier, StandardFonts.CourierBold],
];
const COLUMN_SETS: readonly (readonly Column[])[] = [
  ['description', 'qty', 'unit', 'amount'],
  ['sku', 'description', 'qty', 'unit', 'amount'],
  ['qty', 'description', 'unit', 'amount'],
  ['description', 'unit', 'qty', 'amount'],
];
const HEADERS: Readonly<Record<Column, string>> = {
  description: 'Description',
  sku: 'SKU',
  qty: 'Qty',
  unit: 'Unit price',
  amount: 'Amount',
};
const WIDTHS: Readonly<Record<Column, number>> = { description: 200, sku: 70, qty: 45, unit: 85, amount: 90 };
const NUMERIC: ReadonlySet<Column> = new Set(['qty', 'unit', 'amount']);

function money(cents: number, currency: string): string {
  const text = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency}${text}`;
}

function formatDate(day: Date, style: Layout['dateStyle']): string {
  if (style === 'iso') return day.toISOString().slice(0, 10);
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
      : { timeZone: 'UTC' };
  return day.toLocaleDateString('en-US', options);
}

/** Generates `count` invoices; every third one continues its table on page 2. */
export async function generateInvoices(count: number, seed = 42): Promise<GeneratedInvoice[]> {
  const invoices: GeneratedInvoice[] = [];
  for (let i = 0; i < count; i++) invoices.push(await generateInvoice(i, mulberry32(seed + i)));
  return invoices;
}

async function generateInvoice(index: number, next: () => number): Promise<GeneratedInvoice> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const [font, bold] = pick(FONTS);
  const layout: Layout = {
    font,
    bold,
    size: 9 + Math.floor(next() * 3),
    columns: pick(COLUMN_SETS),
    twoColumnHeader: next() < 0.5,
    currency: pick(['', '$', '']),
    dateStyle: pick(['iso', 'long', 'us'] as const),
  };
  const rowCount = 3 + Math.floor(next() * 13);
  // Every third invoice breaks its table onto a second page, as long invoices do.
  const rowsOnFirstPage = index % 3 === 2 ? Math.max(2, Math.floor(rowCount / 2)) : rowCount;
  let totalCents = 0;
  const rows = Array.from({ length: rowCount }, (_, r) => {
    const qty = 1 + Math.floor(next() * 20);
    const unitCents = 100 + Math.floor(next() * 50_000);
    totalCents += qty * unitCents;
    const cells: Record<Column, string> = {
      description: pick(PRODUCTS),
      sku: `SKU-${1000 + index * 20 + r}`,
      qty: String(qty),
      unit: money(unitCents, layout.currency),
      amount: money(qty * unitCents, layout.currency),
    };
    return layout.columns.map((column) => cells[column]);
  });
  const truth: InvoiceTruth = {
    invoiceNumber: `INV-${10_000 + index * 37}`,
    date: formatDate(new Date(Date.UTC(2024, index % 12, 1 + (index % 27))), layout.dateStyle),
    seller: pick(COMPANIES),
    buyer: pick(COMPANIES.filter((c) => c !== COMPANIES[index % COMPANIES.length])),
    total: money(totalCents, layout.currency || '$'),
    rows,
  };
  const pdf = await PDFDocument.create();
  const fonts = { regular: await pdf.embedFont(layout.font), bold: await pdf.embedFont(layout.bold) };
  const writer = new InvoiceWriter(pdf, fonts, layout);
  writer.header(truth);
  writer.table(rows.slice(0, rowsOnFirstPage));
  if (rowsOnFirstPage < rowCount) {
    writer.newPage();
    writer.table(rows.slice(rowsOnFirstPage));
  }
  writer.totals(truth.total);
  return {
    name: `invoice-${String(index).padStart(3, '0')}.pdf`,
    pdf: await pdf.save(),
    pages: pdf.getPageCount(),
    truth,
  };
}

/** Draws an invoice top to bottom, keeping the current page and height. */
class InvoiceWriter {
  private page: PDFPage;
  private y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { readonly regular: PDFFont; readonly bold: PDFFont },
    private readonly layout: Layout,
  ) {
    this.page = this.newPage();
  }

  newPage(): PDFPage {
    this.page = this.pdf.addPage([612, 792]);
    this.y = 740;
    return this.page;
  }

  header(truth: InvoiceTruth): void {
    const { size } = this.layout;
    this.text(truth.seller, 50, this.y, this.fonts.bold, size + 4);
    this.text('INVOICE', 430, this.y, this.fonts.bold, size + 6);
    this.y -= size * 3;
    const details: [string, string][] = [
      ['Invoice number:', truth.invoiceNumber],
      ['Invoice date:', truth.date],
    ];
    const detailsX = this.layout.twoColumnHeader ? 330 : 50;
    let detailY = this.y;
    for (const [label, value] of details) {
      this.text(label, detailsX, detailY, this.fonts.regular, size);
      this.text(value, detailsX + 90, detailY, this.fonts.regular, size);
      detailY -= size * 1.6;
    }
    const billY = this.layout.twoColumnHeader ? this.y : detailY - size;
    this.text('Bill to:', 50, billY, this.fonts.bold, size);
    this.text(truth.buyer, 50, billY - size * 1.5, this.fonts.regular, size);
    this.y = Math.min(detailY, billY - size * 1.5) - size * 3;
  }

  table(rows: readonly (readonly string[])[]): void {
    const { columns, size } = this.layout;
    this.row(
      columns.map((c) => HEADERS[c]),
      this.fonts.bold,
    );
    this.page.drawLine({
      start: { x: 50, y: this.y + size * 1.1 },
      end: { x: 560, y: this.y + size * 1.1 },
      thickness: 0.5,
      color: rgb(0.4, 0.4, 0.4),
    });
    for (const row of rows) this.row(row, this.fonts.regular);
  }

  totals(total: string): void {
    const { size } = this.layout;
    this.y -= size;
    this.text('Total due:', 380, this.y, this.fonts.bold, size + 1);
    this.rightAligned(total, 560, this.y, this.fonts.bold, size + 1);
  }

  private row(cells: readonly string[], font: PDFFont): void {
    const { columns, size } = this.layout;
    let x = 50;
    columns.forEach((column, i) => {
      const cell = cells[i] ?? '';
      const width = WIDTHS[column];
      // Numbers right-aligned in their column, text left-aligned, as invoices print them.
      if (NUMERIC.has(column)) this.rightAligned(cell, x + width - 8, this.y, font, size);
      else this.text(cell, x, this.y, font, size);
      x += width;
    });
    this.y -= size * 1.8;
  }

  private rightAligned(text: string, right: number, y: number, font: PDFFont, size: number): void {
    this.text(text, right - font.widthOfTextAtSize(text, size), y, font, size);
  }

  private text(text: string, x: number, y: number, font: PDFFont, size: number): void {
    this.page.drawText(text, { x, y, font, size, color: rgb(0, 0, 0) });
  }
}

/** A long text PDF (for speed benchmarks): `pages` pages of invoice-like lines. */
export async function generateLongPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const next = mulberry32(7);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([612, 792]);
    for (let line = 0; line < 45; line++) {
      const y = 750 - line * 16;
      page.drawText(PRODUCTS[Math.floor(next() * PRODUCTS.length)] as string, { x: 50, y, size: 10, font });
      page.drawText(String(1 + Math.floor(next() * 20)), { x: 300, y, size: 10, font });
      page.drawText(money(Math.floor(next() * 100_000), '$'), { x: 450, y, size: 10, font });
    }
  }
  return pdf.save();
}
