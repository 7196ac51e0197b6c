/**
 * Generates invoice PDFs that carry what a bookkeeping schema asks for (pdf-lib), with the true values, for
 * the extraction benchmark: a letterhead (the seller's name in large type, its address under it), a party
 * block under a varying label (`Bill to`, `Invoice to`, `Customer`), invoice number and date under varying
 * labels, line items, and a totals block with subtotal, a tax line that prints its rate (`Tax (10%)`,
 * `VAT 20%`), and the total. Currencies are written as symbols, ISO codes before or after the amounts, or a
 * `Currency` line; dates in the styles of the currency's country. Deterministic per seed.
 *
 * `invoice-generator.ts` makes the layouts the parsing benchmarks need; this one adds the fields they lack.
 */
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import { mulberry32 } from '../tests/support/seeded-random.js';

/** One line item as printed. */
export interface BilledItem {
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly amount: number;
}

/** What is printed on a generated invoice: the values a correct extraction returns. */
export interface BilledInvoiceTruth {
  readonly vendor: string;
  readonly vendorAddress: string;
  readonly customer: string;
  readonly invoiceNumber: string;
  /** ISO `YYYY-MM-DD`. */
  readonly invoiceDate: string;
  /** ISO 4217 code. */
  readonly currency: string;
  readonly subtotal: number;
  readonly tax: number;
  readonly total: number;
  readonly items: readonly BilledItem[];
}

/** A generated invoice. */
export interface BilledInvoice {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly truth: BilledInvoiceTruth;
}

interface Party {
  readonly name: string;
  readonly street: string;
  readonly city: string;
}

/** How a currency is written, and how its country writes numeric dates. */
interface Money {
  readonly code: string;
  readonly symbol: string;
  readonly dayFirst: boolean;
  readonly taxName: string;
  readonly taxRate: number;
}

const SELLERS: readonly Party[] = [
  { name: 'Harbour Lane Stationers Ltd', street: '14 Quay Street', city: 'Bristol BS1 4DJ' },
  { name: 'Northwind Traders', street: '2200 Pine Avenue', city: 'Seattle, WA 98101' },
  { name: 'Kestrel Office Supply GmbH', street: 'Lindenstrasse 8', city: '10969 Berlin' },
  { name: 'Bluegum Furniture Pty Ltd', street: '31 Flinders Lane', city: 'Melbourne VIC 3000' },
  { name: 'Tropika Niaga Sdn Bhd', street: '12 Jalan Ampang', city: '50450 Kuala Lumpur' },
  { name: 'Granite Peak Supplies Inc', street: '870 Market Street', city: 'Denver, CO 80202' },
  { name: 'Maple Leaf Printing Co', street: '55 King Street West', city: 'Toronto, ON M5H 1J9' },
  { name: 'Atelier Verdier SARL', street: '9 rue des Lilas', city: '69003 Lyon' },
];
const BUYERS: readonly Party[] = [
  { name: 'Fabrikam Consulting', street: '400 Harbor Drive', city: 'San Diego, CA 92101' },
  { name: 'Oakridge Dental Practice', street: '7 Mill Road', city: 'Cambridge CB1 2AD' },
  { name: 'Sunrise Logistics BV', street: 'Keizersgracht 120', city: '1015 CX Amsterdam' },
  { name: 'Riverbend Public Library', street: '18 Elm Street', city: 'Portland, OR 97204' },
  { name: 'Lumen Architects', street: '3 Collins Street', city: 'Sydney NSW 2000' },
  { name: 'Pelican Bay Resort', street: '88 Jalan Pantai', city: '88000 Kota Kinabalu' },
];
const PRODUCTS = [
  'Printer paper A4',
  'Toner cartridge black',
  'Desk lamp LED',
  'Office chair mesh',
  'Whiteboard markers',
  'Laptop stand',
  'USB-C docking station',
  'Ergonomic keyboard',
  'Monitor 27 inch',
  'Filing cabinet',
  'Coffee beans 1kg',
  'Conference phone',
];
const MONIES: readonly Money[] = [
  { code: 'GBP', symbol: '£', dayFirst: true, taxName: 'VAT', taxRate: 20 },
  { code: 'USD', symbol: '$', dayFirst: false, taxName: 'Sales Tax', taxRate: 8 },
  { code: 'EUR', symbol: '€', dayFirst: true, taxName: 'VAT', taxRate: 19 },
  { code: 'AUD', symbol: 'A$', dayFirst: true, taxName: 'GST', taxRate: 10 },
  { code: 'MYR', symbol: 'RM', dayFirst: true, taxName: 'SST', taxRate: 6 },
  { code: 'CAD', symbol: 'C$', dayFirst: false, taxName: 'Tax', taxRate: 13 },
];
const FONTS: readonly [StandardFonts, StandardFonts][] = [
  [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  [StandardFonts.Courier, StandardFonts.CourierBold],
];
const NUMBER_LABELS = ['Invoice No:', 'Invoice #', 'Invoice number:', 'Number:'];
const DATE_LABELS = ['Date:', 'Invoice date:', 'Issued:', 'Date of issue:'];
const PARTY_LABELS = ['Bill to:', 'Billed to', 'Invoice to:', 'Customer:', 'Sold to'];
const TOTAL_LABELS = ['Total', 'Total due', 'Amount due', 'Grand total', 'Balance due', 'Total (incl. tax)'];
/** Where the currency is said: on every amount as a symbol or a code before or after it, or once on a line. */
const CURRENCY_STYLES = ['symbol', 'code-before', 'code-after', 'line'] as const;
type CurrencyStyle = (typeof CURRENCY_STYLES)[number];
const DATE_STYLES = ['numeric', 'long', 'iso'] as const;

/** Generates `count` invoices. */
export async function generateBilledInvoices(count: number, seed = 15): Promise<BilledInvoice[]> {
  const invoices: BilledInvoice[] = [];
  for (let i = 0; i < count; i++) invoices.push(await generateBilledInvoice(i, mulberry32(seed * 1000 + i)));
  return invoices;
}

async function generateBilledInvoice(index: number, next: () => number): Promise<BilledInvoice> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const money = pick(MONIES);
  const currencyStyle = pick(CURRENCY_STYLES);
  const seller = pick(SELLERS);
  const buyer = pick(BUYERS);
  const items = Array.from({ length: 2 + Math.floor(next() * 6) }, (): BilledItem => {
    const quantity = 1 + Math.floor(next() * 12);
    const unitPrice = (100 + Math.floor(next() * 90_000)) / 100;
    return { description: pick(PRODUCTS), quantity, unitPrice, amount: cents(quantity * unitPrice) };
  });
  const subtotal = cents(items.reduce((sum, item) => sum + item.amount, 0));
  const tax = cents((subtotal * money.taxRate) / 100);
  const day = new Date(Date.UTC(2023 + (index % 2), Math.floor(next() * 12), 1 + Math.floor(next() * 28)));
  const truth: BilledInvoiceTruth = {
    vendor: seller.name,
    vendorAddress: `${seller.street} ${seller.city}`,
    customer: buyer.name,
    invoiceNumber: `${pick(['INV-', 'A', 'No'])}${20_000 + index * 131}`,
    invoiceDate: day.toISOString().slice(0, 10),
    currency: money.code,
    subtotal,
    tax,
    total: cents(subtotal + tax),
    items,
  };
  const pdf = await PDFDocument.create();
  const [regular, bold] = pick(FONTS);
  const page = new PageWriter(
    pdf.addPage([612, 792]),
    await pdf.embedFont(regular),
    await pdf.embedFont(bold),
  );
  const amount = (value: number) => written(value, money, currencyStyle);
  const size = 9 + Math.floor(next() * 2);

  // Letterhead: the seller in large type, its address under it; the document's title on the other side.
  const letterheadRight = next() < 0.3;
  const [headX, titleX] = letterheadRight ? [340, 50] : [50, 430];
  // Most letterheads set the name large; some only in bold at the body's size.
  page.text(seller.name, headX, 740, next() < 0.75 ? size + 7 : size, true);
  page.text(seller.street, headX, 740 - (size + 8), size);
  page.text(seller.city, headX, 740 - 2 * (size + 5) - 3, size);
  page.text(pick(['INVOICE', 'TAX INVOICE', 'Invoice']), titleX, 740, size + 9, true);

  // Details beside the party block.
  let y = 640;
  page.text(pick(NUMBER_LABELS), 340, y, size, true);
  page.text(truth.invoiceNumber, 450, y, size);
  page.text(pick(DATE_LABELS), 340, y - size * 1.8, size, true);
  page.text(formatDate(day, pick(DATE_STYLES), money.dayFirst), 450, y - size * 1.8, size);
  if (currencyStyle === 'line') {
    page.text('Currency:', 340, y - size * 3.6, size, true);
    page.text(money.code, 450, y - size * 3.6, size);
  }
  page.text(pick(PARTY_LABELS), 50, y, size, true);
  page.text(buyer.name, 50, y - size * 1.5, size);
  page.text(buyer.street, 50, y - size * 3, size);
  page.text(buyer.city, 50, y - size * 4.5, size);
  // Some invoices ship elsewhere: a second party block, which is not the customer billed.
  if (next() < 0.3) {
    const site = pick(BUYERS);
    page.text('Ship to:', 190, y, size, true);
    page.text(site.name, 190, y - size * 1.5, size);
    page.text(site.street, 190, y - size * 3, size);
  }

  // Line items.
  y = 540;
  const columns = [50, 300, 380, 480];
  ['Description', 'Qty', 'Unit price', 'Amount'].forEach((header, i) => {
    page.text(header, columns[i] as number, y, size, true);
  });
  for (const item of items) {
    y -= size * 1.9;
    page.text(item.description, 50, y, size);
    page.rightAligned(String(item.quantity), 330, y, size);
    page.rightAligned(amount(item.unitPrice), 450, y, size);
    page.rightAligned(amount(item.amount), 560, y, size);
  }

  // Totals: the count of items on some, subtotal, the tax line (with its rate on most), the total.
  y -= size * 3;
  if (next() < 0.3) {
    page.text('Total items:', 50, y, size);
    page.text(String(items.reduce((sum, item) => sum + item.quantity, 0)), 130, y, size);
  }
  const taxLabel = pick([
    `${money.taxName} (${money.taxRate}%)`,
    `${money.taxName} ${money.taxRate}%`,
    `${money.taxName} @ ${money.taxRate}%`,
    money.taxName,
  ]);
  for (const [label, value, strong] of [
    ['Subtotal', subtotal, false],
    [taxLabel, tax, false],
    [pick(TOTAL_LABELS), truth.total, true],
  ] as const) {
    page.text(label, 360, y, size, strong);
    page.rightAligned(amount(value), 560, y, size, strong);
    y -= size * 1.9;
  }
  page.text('Thank you for your business.', 50, 80, size);
  return { name: `billed-${String(index).padStart(3, '0')}.pdf`, pdf: await pdf.save(), truth };
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

function written(value: number, money: Money, style: CurrencyStyle): string {
  const digits = value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (style === 'symbol') return `${money.symbol}${digits}`;
  if (style === 'code-before') return `${money.code} ${digits}`;
  if (style === 'code-after') return `${digits} ${money.code}`;
  return digits;
}

function formatDate(day: Date, style: (typeof DATE_STYLES)[number], dayFirst: boolean): string {
  if (style === 'iso') return day.toISOString().slice(0, 10);
  const locale = dayFirst ? 'en-GB' : 'en-US';
  if (style === 'long') {
    return day.toLocaleDateString(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
  }
  return day.toLocaleDateString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  });
}

/** Draws text on one page. */
class PageWriter {
  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  text(text: string, x: number, y: number, size: number, strong = false): void {
    this.page.drawText(text, { x, y, size, font: strong ? this.bold : this.regular });
  }

  rightAligned(text: string, right: number, y: number, size: number, strong = false): void {
    const font = strong ? this.bold : this.regular;
    this.text(text, right - font.widthOfTextAtSize(text, size), y, size, strong);
  }
}
