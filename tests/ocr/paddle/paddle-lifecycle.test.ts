import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/index.js';
import { createPaddleOcr } from '../../../src/ocr/paddle/index.js';
import { fixture } from './paddle-images.js';

/** The processes this one started that are still alive (Linux: read from /proc). */
function childProcesses(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // The parent's pid is the field after the command, which is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false; // exited while listed
      }
    })
    .map(Number);
}

/** Whether no handle of `kind` is left within a second, polling each turn of the event loop. */
async function noHandle(kind: string): Promise<boolean> {
  const deadline = performance.now() + 1000;
  while (process.getActiveResourcesInfo().includes(kind)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

describe.runIf(process.platform === 'linux')('the paddle provider’s worker processes', () => {
  const image = async () =>
    loadDocument({ data: await fixture('images/multicol-test-document.png'), name: 'multicol.png' });

  it('stops reading when the signal aborts, and close() leaves no process or handle behind', async () => {
    const before = childProcesses();
    const provider = createPaddleOcr({ workers: 2 });
    const controller = new AbortController();
    const reading = provider.recognize(await image(), { signal: controller.signal });
    const reason = new Error('stopped by the user');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);

    // A recognition started after the abort still works: the worker was not broken by it.
    const { document } = await provider.recognize(await image(), {});
    expect(document.pages[0]?.lines[0]?.text).toBe('Multi-column test document');
    expect(childProcesses().length).toBeGreaterThan(before.length);

    await provider.close?.();
    expect(childProcesses()).toEqual(before);
    // A process's handle closes on the turn of the event loop after its exit.
    expect(await noHandle('ProcessWrap')).toBe(true);
    await expect(provider.recognize(await image(), {})).rejects.toThrow(/pool is closed/);
  });

  it('closes while a page is being read: the page fails, and no process is left', async () => {
    const before = childProcesses();
    const provider = createPaddleOcr({ workers: 1 });
    const reading = expect(provider.recognize(await image(), {})).rejects.toThrow(/pool is closed/);
    await provider.close?.();
    await reading;
    expect(childProcesses()).toEqual(before);
  });
});
