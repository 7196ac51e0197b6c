/**
 * Loading pdf.js (legacy build, for Node) once, on first use, and the options every document opens with.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';

/** The pdf.js module, as its legacy build exports it. */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | undefined;

/** pdf.js, imported on first use so that `import 'docpipe'` does not pay for it. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    // A failed import (e.g. a broken install) must be retried next time, not cached.
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Where pdf.js finds its data files: filesystem paths ending in '/', so nothing is fetched. */
function assetDirectories(): Pick<
  DocumentInitParameters,
  'standardFontDataUrl' | 'cMapUrl' | 'wasmUrl' | 'iccUrl'
> {
  const root = `${dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/`;
  return {
    standardFontDataUrl: `${root}standard_fonts/`,
    cMapUrl: `${root}cmaps/`,
    // JPEG 2000 and JBIG2 scans decode through wasm; ICC profiles colour-manage CMYK images.
    wasmUrl: `${root}wasm/`,
    iccUrl: `${root}iccs/`,
  };
}

let assets: ReturnType<typeof assetDirectories> | undefined;

/** The options to open `bytes` with: offline data files, no eval, no system fonts, no console output. */
export function documentParameters(bytes: Uint8Array): DocumentInitParameters {
  assets ??= assetDirectories();
  return {
    // pdf.js transfers the buffer to its worker, which detaches it, so it gets a copy, never the document's
    // bytes; and a plain Uint8Array, because it refuses a Buffer (whose slice() would not copy anyway).
    data: new Uint8Array(bytes),
    ...assets,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  };
}
