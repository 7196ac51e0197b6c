/**
 * The report of a real three-document run, opened in Debian's chromium: every grounded field has its box on
 * its page, a field and its box highlight each other, the status filter hides documents, the keyboard steps
 * through them, and a document made of markup shows it as text and runs nothing. A screenshot is left for a
 * person to look at (its path is in the test's annotations).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/index.js';
import { findChromium, launchChromium } from './chromium.js';
import { HOSTILE_TEXT, makeReviewRun, openReviewRun } from './review-run.js';

const chromium = findChromium();
// A box is drawn a few pixels outside its value's bounds (render-document.ts), so it may overhang the page by as much.
const BOX_OVERHANG_PX = 4;

describe.skipIf(!chromium.installed)(`the report in a browser${chromium.skipNote}`, () => {
  let browser: Browser;
  let page: Page;
  let groundedFields: Map<string, number>;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const run = await makeReviewRun();
    const version = await openReviewRun(run);
    groundedFields = new Map();
    for (const id of (await version.metadata()).itemIds) {
      const fields = ((await version.readResult(id))?.fields ?? []) as { box?: unknown; page?: number }[];
      groundedFields.set(
        id,
        fields.filter((field) => field.box !== undefined && field.page !== undefined).length,
      );
    }
    const file = join(run.root, 'report.html');
    await writeFile(file, await renderReport(version));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // An element that never comes fails its step within the test's own time, with playwright's log of why.
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(file).href);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function openDocument(name: string): Promise<string> {
    const entry = page.locator('button.item', { hasText: name });
    await entry.click();
    const id = (await entry.getAttribute('data-doc')) ?? '';
    await expect.poll(() => page.locator(`#${id}`).isVisible()).toBe(true);
    return id;
  }

  it('draws a box inside its page image for every grounded field of every document', async () => {
    expect(groundedFields.get('invoice.pdf')).toBeGreaterThan(20);
    for (const [name, grounded] of groundedFields) {
      const id = await openDocument(name);
      const misplaced = await page.locator(`#${id}`).evaluate((section, overhang) => {
        const rows = [...section.querySelectorAll('tr.field[data-box]')];
        const problems = rows.flatMap((row) => {
          const box = section.querySelector(`#${row.getAttribute('data-box')}`);
          const sheet = box?.closest('.sheet')?.querySelector('img, pre');
          if (!box || !sheet) return [`${row.getAttribute('data-path')}: no box on a page`];
          const b = box.getBoundingClientRect();
          const s = sheet.getBoundingClientRect();
          const inside =
            b.width > 0 &&
            b.height > 0 &&
            b.left >= s.left - overhang &&
            b.top >= s.top - overhang &&
            b.right <= s.right + overhang &&
            b.bottom <= s.bottom + overhang;
          return inside
            ? []
            : [`${row.getAttribute('data-path')}: box ${JSON.stringify(b)} outside ${JSON.stringify(s)}`];
        });
        return { boxed: rows.length, problems };
      }, BOX_OVERHANG_PX);
      expect(misplaced.problems, name).toEqual([]);
      expect(misplaced.boxed, name).toBe(grounded);
    }
  });

  it('highlights the box of a clicked field row, and the row of a clicked box', async () => {
    const id = await openDocument('invoice.pdf');
    const row = page.locator(`#${id} tr.field[data-path="/total"]`);
    await row.locator('.field-link').click();
    const boxId = (await row.getAttribute('data-box')) ?? '';
    const box = page.locator(`#${boxId}`);
    await expect.poll(() => box.getAttribute('class')).toContain('is-selected');
    await expect.poll(() => box.isVisible()).toBe(true);
    // Scrolled to its page: the box is within the visible part of the pages pane.
    const inView = await box.evaluate((element) => {
      const pane = element.closest('.pages')?.getBoundingClientRect();
      const rect = element.getBoundingClientRect();
      return pane !== undefined && rect.top >= pane.top && rect.bottom <= pane.bottom;
    });
    expect(inView).toBe(true);

    const other = page.locator(`#${id} tr.field[data-path="/invoice_number"]`);
    const otherBox = page.locator(`#${(await other.getAttribute('data-box')) ?? ''}`);
    await otherBox.scrollIntoViewIfNeeded();
    await otherBox.click();
    await expect.poll(() => other.getAttribute('class')).toContain('is-selected');
    await expect.poll(() => box.getAttribute('class')).not.toContain('is-selected');
  });

  it('shows markup from a document as text and runs none of it', async () => {
    const id = await openDocument('hostile-note.txt');
    await expect.poll(() => page.locator(`#${id} .text-sheet pre`).textContent()).toBe(HOSTILE_TEXT);
    const values = await page.locator(`#${id} td.value`).allTextContents();
    expect(values).toContain('<script>alert(1)</script>');
    expect(values).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('hides the succeeded documents when the filter says so, and steps through the rest by keyboard', async () => {
    await page.getByLabel(/Succeeded \(\d+\)/).uncheck();
    const succeeded = page.locator('li[data-status="succeeded"]');
    await expect.poll(() => succeeded.first().isVisible()).toBe(false);
    expect(await succeeded.count()).toBe(2);
    const failed = page.locator('li[data-status="failed"] button.item');
    expect(await failed.isVisible()).toBe(true);
    // The document shown was filtered out, so the first one left is opened.
    await expect.poll(() => failed.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => page.locator('#shown-count').textContent()).toBe('1 of 3 documents shown');

    await page.getByLabel(/Succeeded \(\d+\)/).check();
    await failed.focus();
    await page.keyboard.press('k');
    await expect
      .poll(() => page.locator('button.item[aria-current="true"]').textContent())
      .toContain('hostile-note.txt');
    await page.keyboard.press('j');
    await expect.poll(() => failed.getAttribute('aria-current')).toBe('true');
  });

  it('shows only the documents and rows with a field matching the field filter', async () => {
    await page.getByLabel('Field', { exact: true }).fill('line_items/*/amount');
    const id = await openDocument('invoice.pdf');
    const shownPaths = await page
      .locator(`#${id} tr.field:visible`)
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path')));
    expect(shownPaths.length).toBeGreaterThan(5);
    expect(shownPaths.every((path) => /^\/line_items\/\d+\/amount$/.test(path ?? ''))).toBe(true);
    expect(await page.locator('button.item', { hasText: 'hostile-note.txt' }).isVisible()).toBe(false);
    await page.getByLabel('Field', { exact: true }).fill('');
    await expect.poll(() => page.locator('#shown-count').textContent()).toBe('3 of 3 documents shown');
  });

  it('leaves a screenshot for a person to look at', async ({ annotate }) => {
    await page.getByLabel(/Succeeded \(\d+\)/).check();
    const id = await openDocument('invoice.pdf');
    await page.locator(`#${id} tr.field[data-path="/total"] .field-link`).click();
    const directory = join(tmpdir(), 'docpipe-report-screenshots');
    await mkdir(directory, { recursive: true });
    const path = join(directory, 'report.png');
    await page.screenshot({ path });
    expect((await readFile(path)).byteLength).toBeGreaterThan(10_000);
    await annotate(`screenshot of the report: ${path}`);
    expect(pageErrors).toEqual([]);
  });
});
