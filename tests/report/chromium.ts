/**
 * Debian's `chromium` driven by playwright-core, for the report's tests in a real browser: no browser is
 * downloaded. When it is not installed the browser tests are skipped with the reason, except under `CI=true`,
 * where that is a failure: CI must not pass by skipping them.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's package puts it; `CHROMIUM_PATH` points elsewhere. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL_HINT = 'install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH';

/** Whether the browser tests can run here, and if not, why. */
export interface ChromiumAvailability {
  readonly installed: boolean;
  /** Appended to a suite's name: empty when installed, else why it is skipped. */
  readonly skipNote: string;
}

/**
 * Looks for chromium.
 *
 * @throws {Error} under `CI=true` when it is missing
 */
export function findChromium(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return { installed: true, skipNote: '' };
  if (process.env.CI === 'true') {
    throw new Error(
      `chromium is not installed at ${CHROMIUM_PATH}, and CI=true requires the browser tests to run: ${INSTALL_HINT}.`,
    );
  }
  return { installed: false, skipNote: ` (skipped: chromium is not installed; ${INSTALL_HINT})` };
}

/** Starts a headless chromium of the test's own; close it after. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}
