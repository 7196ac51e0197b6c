/**
 * The settings of the local OCR engines (`tesseract`, `paddle`, and `auto`, which chooses between them),
 * resolved once, at construction.
 *
 * @module
 */
import { optionalInteger } from '../util/config-checks.js';

/** What a local engine reads and how much of the machine it takes; `OCRConfig` options of the same names fill it in a pipeline. */
export interface LocalEngineSettings {
  /**
   * Languages to read: tesseract's each need their `@tesseract.js-data/<code>` package installed; paddle reads
   * `eng` and `chi_sim`. @default ['eng']
   */
  readonly languages?: readonly string[];
  /** Resolution scanned PDF pages are rendered at. @default 300 */
  readonly dpi?: number;
  /** Workers of the engine's pool (tesseract threads, paddle processes). @default the number of CPU cores */
  readonly workers?: number;
}

/** Local engine settings with their defaults filled in. */
export interface ResolvedLocalEngineSettings {
  readonly languages: readonly string[];
  readonly dpi: number;
  /** Checked by the pool, which defaults it to the cores. */
  readonly workers: number | undefined;
}

const DEFAULT_LANGUAGES: readonly string[] = Object.freeze(['eng']);
const DEFAULT_DPI = 300;
// Below this a page's small print is unreadable to either engine.
const MIN_DPI = 72;

/** The settings with their defaults. @throws {ConfigError} when `dpi` is not a whole number from 72 */
export function resolveLocalEngineSettings(settings: LocalEngineSettings): ResolvedLocalEngineSettings {
  return {
    languages: settings.languages ?? DEFAULT_LANGUAGES,
    dpi: optionalInteger({ config: 'OCRConfig', option: 'dpi' }, settings.dpi, MIN_DPI) ?? DEFAULT_DPI,
    workers: settings.workers,
  };
}
