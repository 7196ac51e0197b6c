import { describe, expect, it } from 'vitest';
import { sanitizeItemId } from '../../src/runs/index.js';

const HASH = '-[0-9a-f]{10}';

/** Whether `segment` is safe as one folder name on Linux, macOS and Windows. */
function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    !segment.includes('..') &&
    !/[/\\:*?"<>|\p{Cc}\s]/u.test(segment) &&
    !segment.startsWith('.') &&
    !segment.endsWith('.') &&
    !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(segment) &&
    Buffer.byteLength(segment) <= 120
  );
}

describe('sanitizeItemId', () => {
  it('keeps ids that are already safe folder names', () => {
    for (const id of ['invoice-001.pdf', 'a_b', 'INV+2024@acme=1', 'Rechnung-März', '請求書', '42']) {
      expect(sanitizeItemId(id)).toBe(id);
    }
  });

  it.each([
    ['../x', new RegExp(`^___x${HASH}$`)],
    ['../../etc/x', new RegExp(`^______etc_x${HASH}$`)],
    ['a..b', new RegExp(`^a__b${HASH}$`)],
    ['/etc/passwd', new RegExp(`^_etc_passwd${HASH}$`)],
    ['a/b', new RegExp(`^a_b${HASH}$`)],
    ['a\\b', new RegExp(`^a_b${HASH}$`)],
    ['C:\\Windows\\win.ini', new RegExp(`^C__Windows_win.ini${HASH}$`)],
    ['CON', new RegExp(`^_CON${HASH}$`)],
    ['nul.txt', new RegExp(`^_nul.txt${HASH}$`)],
    ['.hidden', new RegExp(`^_hidden${HASH}$`)],
    ['..', new RegExp(`^__${HASH}$`)],
    ['trailing.', new RegExp(`^trailing_${HASH}$`)],
    ['', new RegExp(`^_${HASH}$`)],
    ['tab\there\nnewline', new RegExp(`^tab_here_newline${HASH}$`)],
    ['my invoice.pdf', new RegExp(`^my_invoice.pdf${HASH}$`)],
    ['📄 scan', new RegExp(`^__+scan${HASH}$`)],
  ])('makes %j one safe path segment', (id, expected) => {
    const segment = sanitizeItemId(id);
    expect(segment).toMatch(expected);
    expect(isSafeSegment(segment)).toBe(true);
  });

  it('is stable', () => {
    expect(sanitizeItemId('../x')).toBe(sanitizeItemId('../x'));
  });

  it('keeps ids apart that differ only in the characters it replaces', () => {
    const ids = ['a/b', 'a:b', 'a b', 'a?b', 'a_b', 'a\\b', '.a', '_a'];
    const segments = ids.map(sanitizeItemId);
    expect(new Set(segments).size).toBe(ids.length);
  });

  it('gives composed and decomposed Unicode different folders, the decomposed one hashed', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(sanitizeItemId(composed)).toBe(composed);
    expect(sanitizeItemId(decomposed)).toMatch(new RegExp(`^caf\u00e9${HASH}$`));
  });

  it('cuts very long ids to 120 bytes with a hash, keeping long ids with a common prefix apart', () => {
    const long = 'x'.repeat(300);
    const segment = sanitizeItemId(long);
    expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(120);
    expect(segment).toMatch(new RegExp(`^x+${HASH}$`));
    expect(sanitizeItemId(`${long}a`)).not.toBe(sanitizeItemId(`${long}b`));

    const wide = '請'.repeat(100); // 3 bytes each in UTF-8
    const wideSegment = sanitizeItemId(wide);
    expect(Buffer.byteLength(wideSegment)).toBeLessThanOrEqual(120);
    expect(wideSegment).toMatch(new RegExp(`^請+${HASH}$`));
  });

  it('hashes an id that already ends like a hash, so no sanitized id can equal it', () => {
    const sanitized = sanitizeItemId('a/b');
    expect(sanitizeItemId(sanitized)).not.toBe(sanitized);
    expect(sanitizeItemId(sanitized)).toMatch(new RegExp(`^a_b${HASH}${HASH}$`));
  });
});
