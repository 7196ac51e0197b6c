/**
 * Whether a page's text layer holds real text, or glyphs pdf.js could not map to Unicode.
 *
 * @module
 */
import { isSpace, type PlacedRun } from './placed-runs.js';

/** Why a text layer cannot be used. */
export type UnusableReason = 'no-text' | 'unmapped-glyphs';

// Below this share of readable characters the layer is mostly garbage: a font without a ToUnicode map
// comes out as U+FFFD, private-use or control characters, which an OCR engine would read better.
const MIN_READABLE_SHARE = 0.5;

/** The reason the runs are not usable text, or `undefined` when they are. */
export function unusableReason(runs: readonly PlacedRun[]): UnusableReason | undefined {
  let characters = 0;
  let unmapped = 0;
  for (const run of runs) {
    const text = run.text;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isSpace(code)) continue;
      characters++;
      if (isUnmapped(code)) unmapped++;
    }
  }
  if (characters === 0) return 'no-text';
  return characters - unmapped < MIN_READABLE_SHARE * characters ? 'unmapped-glyphs' : undefined;
}

// U+FFFD (replacement), U+E000–U+F8FF (private use), C0 and C1 controls: what unmapped glyph codes become.
function isUnmapped(code: number): boolean {
  return (
    code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || code < 0x20 || (code >= 0x7f && code <= 0x9f)
  );
}
