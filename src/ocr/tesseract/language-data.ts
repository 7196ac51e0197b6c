/**
 * Finding the traineddata of tesseract languages in their `@tesseract.js-data/<code>` packages, so that
 * tesseract.js never downloads it from a CDN.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError } from '../../spec/errors.js';

const LANGUAGES_OPTION = 'OCRConfig.languages';

// The same codes OCRConfig accepts; checked again here because the code becomes part of a module path.
const LANGUAGE_CODE = /^[a-z_]{3,12}$/i;

const require = createRequire(import.meta.url);

/**
 * The folder holding `<code>.traineddata.gz` for every one of `languages`, to pass as tesseract.js's `langPath`.
 *
 * @throws {@link ConfigError} when a code is malformed, a language's package is not installed or lacks its
 * data, or the languages' data sit in different folders: tesseract.js 7 reads all of a worker's languages from
 * one `langPath`, and each `@tesseract.js-data` package has its own.
 */
export function resolveLanguageData(languages: readonly string[]): string {
  if (languages.length === 0) {
    throw new ConfigError("No tesseract language was given; pass e.g. languages: ['eng'].", {
      option: LANGUAGES_OPTION,
    });
  }
  const folders = languages.map(languageFolder);
  const [folder] = folders;
  if (folder === undefined || folders.some((other) => other !== folder)) {
    throw new ConfigError(
      `tesseract.js reads all languages of a worker from one folder, but ${languages.join(', ')} come from separate @tesseract.js-data packages; recognise one language per OCR stage, e.g. languages: ['${languages[0]}'].`,
      { option: LANGUAGES_OPTION },
    );
  }
  return folder;
}

function languageFolder(code: string): string {
  if (!LANGUAGE_CODE.test(code)) {
    throw new ConfigError(
      `'${code}' is not a tesseract language code; use codes such as 'eng', 'deu' or 'chi_sim'.`,
      { option: LANGUAGES_OPTION },
    );
  }
  const packageName = `@tesseract.js-data/${code}`;
  const folder = packageLangPath(packageName, code);
  if (!existsSync(join(folder, `${code}.traineddata.gz`))) {
    throw new ConfigError(
      `${packageName} has no ${code}.traineddata.gz in ${folder}; reinstall it with npm install ${packageName}.`,
      { option: LANGUAGES_OPTION },
    );
  }
  return folder;
}

function packageLangPath(packageName: string, code: string): string {
  let data: { readonly langPath?: unknown };
  try {
    data = require(packageName) as { readonly langPath?: unknown };
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigError(
      `The tesseract language '${code}' is not installed; run npm install ${packageName}, or leave it out of OCRConfig.languages.`,
      { option: LANGUAGES_OPTION, cause: error },
    );
  }
  if (typeof data.langPath !== 'string') {
    throw new ConfigError(
      `${packageName} does not export a langPath; reinstall it with npm install ${packageName}.`,
      { option: LANGUAGES_OPTION },
    );
  }
  return data.langPath;
}
