/**
 * PDFs written byte by byte, for the inputs pdf-lib cannot make: an encrypted PDF, a PDF with no pages.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';

/** A PDF of `objects` (object 1 is the catalog), with a correct cross-reference table. */
export function rawPdf(objects: readonly string[], trailer = ''): Uint8Array {
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  // latin1 keeps one byte per character, so the offsets above are byte offsets even for binary streams.
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/** A valid PDF whose page tree is empty. */
export function zeroPagePdf(): Uint8Array {
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
}

// The padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3).
const PASSWORD_PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);

/**
 * A one-page PDF encrypted with the standard security handler (revision 2, 40-bit RC4) under `userPassword`:
 * opening it needs the password, as with a bank statement.
 */
export function encryptedPdf(userPassword: string, text = 'Secret'): Uint8Array {
  const id = createHash('md5').update('docpipe-encrypted-fixture').digest();
  const permissions = -4;
  const owner = rc4(md5(pad('owner-password')).subarray(0, 5), pad(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(Buffer.concat([pad(userPassword), owner, p, id])).subarray(0, 5);
  const user = rc4(key, PASSWORD_PADDING);
  const content = Buffer.from(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`, 'latin1');
  const objectNumber = 4;
  const objectKey = md5(Buffer.concat([key, Buffer.from([objectNumber, 0, 0, 0, 0])])).subarray(0, 10);
  const encrypted = rc4(objectKey, content).toString('latin1');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${encrypted.length} >>\nstream\n${encrypted}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    ],
    `/Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] `,
  );
}

function pad(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);
}

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

// RC4 is written out because OpenSSL 3 only offers it through its legacy provider.
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}
