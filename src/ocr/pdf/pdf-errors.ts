/**
 * The `InputError`s a PDF that pdf.js cannot read turns into: one sentence on what is wrong, then the fix.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { InputError, messageOf } from '../../spec/errors.js';
import { quotableMessage } from '../../util/quotable-message.js';

// A complete PDF ends with '%%EOF', give or take trailing whitespace and junk some writers append.
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
const EOF_SEARCH_BYTES = 1024;
const END_OF_OBJECT = Buffer.from('endobj', 'latin1');
const REPAIR = 'copy or download the file again in full, or re-export it from the program that made it';

/**
 * Whether the bytes look like a PDF cut short, as by an interrupted download: objects, but no end-of-file
 * marker. Bytes without a single object are damaged rather than truncated.
 */
export function looksTruncated(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buffer.subarray(Math.max(0, buffer.byteLength - EOF_SEARCH_BYTES));
  return tail.indexOf(EOF_MARKER) === -1 && buffer.indexOf(END_OF_OBJECT) !== -1;
}

/** The error for a PDF that pdf.js failed to open, by what went wrong. */
export function unopenablePdfError(error: unknown, name: string, truncated: boolean): InputError {
  if ((error as Error | null)?.name === 'PasswordException') {
    return new InputError(
      `${name} is password-protected; remove the password (e.g. \`qpdf --decrypt --password=… in.pdf out.pdf\`) and pass the decrypted PDF.`,
      { cause: error },
    );
  }
  return new InputError(`${name} cannot be read as a PDF because ${damage(error, truncated)}; ${REPAIR}.`, {
    cause: error,
  });
}

/** The error for a page of an open PDF that pdf.js failed to read. */
export function unreadablePageError(
  error: unknown,
  name: string,
  pageNumber: number,
  truncated: boolean,
): InputError {
  return new InputError(
    `Page ${pageNumber} of ${name} cannot be read because ${damage(error, truncated)}; ${REPAIR}.`,
    { cause: error },
  );
}

function damage(error: unknown, truncated: boolean): string {
  const detail = quotableMessage(messageOf(error));
  return truncated
    ? `the file is truncated (it does not end with %%EOF; pdf.js: ${detail})`
    : `the file is damaged (pdf.js: ${detail})`;
}
