/**
 * The job a queued item becomes: a deterministic id BullMQ accepts, and the document by value when small,
 * else by path.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkJobData,
  DEFAULT_INLINE_BYTES,
  documentSourceOf,
  jobIdOf,
  jobIdPrefix,
  jobSourceOf,
} from '../../src/batch/queue/job-payload.js';

describe('jobIdOf', () => {
  it('is <run>/<version>/<item>, the same every time', () => {
    expect(jobIdOf('invoices', 'v3', 'scans/a.pdf')).toBe('invoices/v3/scans%2Fa.pdf');
    expect(jobIdOf('invoices', 'v3', 'scans/a.pdf')).toBe(jobIdOf('invoices', 'v3', 'scans/a.pdf'));
    expect(jobIdOf('invoices', 'v3', 'a.pdf').startsWith(jobIdPrefix('invoices', 'v3'))).toBe(true);
  });

  it("never holds the ':' BullMQ forbids in custom ids, nor looks like an integer", () => {
    expect(jobIdOf('a:b', 'v0', '12:30')).toBe('a%3Ab/v0/12%3A30');
    expect(jobIdOf('7', 'v0', '42')).not.toMatch(/^\d+$/);
  });

  it('keeps ids apart that differ only where encoding happens', () => {
    const ids = [
      jobIdOf('a', 'v0', 'b/c'),
      jobIdOf('a/b', 'v0', 'c'),
      jobIdOf('a', 'v0', 'b%2Fc'),
      jobIdOf('a', 'v0', 'b:c'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('jobSourceOf', () => {
  it('sends a small file by value, a bigger one by absolute path, a text item as its text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-payload-'));
    await writeFile(join(dir, 'small.txt'), 'Invoice 1');
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(DEFAULT_INLINE_BYTES + 1));
    const small = await jobSourceOf(
      { id: 's', source: { kind: 'file', path: join(dir, 'small.txt') } },
      DEFAULT_INLINE_BYTES,
    );
    expect(small).toEqual({
      kind: 'bytes',
      name: 'small.txt',
      base64: Buffer.from('Invoice 1').toString('base64'),
    });
    expect(documentSourceOf(small)).toEqual({ data: Buffer.from('Invoice 1'), name: 'small.txt' });
    const big = await jobSourceOf(
      { id: 'b', source: { kind: 'file', path: join(dir, 'big.txt') } },
      DEFAULT_INLINE_BYTES,
    );
    expect(big).toEqual({ kind: 'path', path: join(dir, 'big.txt') });
    const text = await jobSourceOf({ id: 't', source: { kind: 'text', text: 'Invoice 2' } }, 0);
    expect(documentSourceOf(text)).toEqual({ text: 'Invoice 2' });
  });
});

describe('checkJobData', () => {
  it('refuses a job of another format, saying to run one docpipe version everywhere', () => {
    expect(checkJobData({ format: 2, itemId: 'a', source: { kind: 'text', text: '' } })).toMatch(
      /run the same docpipe version on the coordinator and the workers/,
    );
    expect(checkJobData(null)).toBe('the job carries no data');
  });
});
