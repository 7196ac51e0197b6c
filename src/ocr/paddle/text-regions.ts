/**
 * Differentiable-binarization (DB) post-processing: from the detector's text probability map to the boxes of
 * text lines, as PaddleOCR's `DBPostProcess` does with its defaults (threshold 0.3, box score 0.6, unclip 1.5).
 *
 * Boxes are upright rectangles, not PaddleOCR's rotated ones: pages are levelled before they are read
 * (`image-prep/deskew`), so their lines run across; a page tilted more than the levelling corrects (5°) is
 * read less well.
 *
 * @module
 */

/** A text region in the probability map's pixels, expanded back to the size of its text. */
export interface TextRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** The mean text probability of the region's pixels. */
  readonly score: number;
}

/** The probability map the detector returns: one value 0..1 per pixel, row by row. */
export interface ProbabilityMap {
  readonly values: Float32Array;
  readonly width: number;
  readonly height: number;
}

// PaddleOCR's defaults: pixels above THRESHOLD are text; regions whose mean is below BOX_SCORE are noise.
const THRESHOLD = 0.3;
const BOX_SCORE = 0.6;
// The detector learns text shrunk by this ratio of area to perimeter; the same offset grows it back.
const UNCLIP_RATIO = 1.5;
// Regions thinner than this (in map pixels) before growing, and this plus 2 after, are specks.
const MIN_SIDE = 3;
const MAX_REGIONS = 1000;
// Regions on one line share at least this much of the smaller one's height, and differ in height by at most this.
const SAME_LINE_OVERLAP = 0.7;
const SAME_LINE_HEIGHT_RATIO = 1.5;
// The widest gap between grown regions of one line, as a fraction of their height: a grown region is about 2.5
// times as high as its text, so this is three quarters of the text's height, more than a word space, less than
// the gap between table columns.
const WORD_GAP = 0.3;

/** The text regions in `map`, top to bottom, then left to right. */
export function textRegions(map: ProbabilityMap): TextRegion[] {
  const regions: TextRegion[] = [];
  for (const component of connectedComponents(map)) {
    const width = component.right - component.left + 1;
    const height = component.bottom - component.top + 1;
    if (Math.min(width, height) < MIN_SIDE) continue;
    const score = component.sum / component.pixels;
    if (score < BOX_SCORE) continue;
    const grown = unclip(component.left, component.top, width, height);
    if (Math.min(grown.width, grown.height) < MIN_SIDE + 2) continue;
    regions.push({ ...grown, score });
    if (regions.length === MAX_REGIONS) break;
  }
  return joinWordsOfLines(regions).sort(readingOrder);
}

/**
 * The regions with neighbours on one line joined: at a high working resolution the detector parts the words of
 * large print (titles). Grown regions that share most of their height and are less than {@link WORD_GAP} apart
 * are one line; table cells and columns, further apart, stay apart.
 */
function joinWordsOfLines(regions: readonly TextRegion[]): TextRegion[] {
  const byLeft = [...regions].sort((a, b) => a.left - b.left);
  const joined: TextRegion[] = [];
  for (const region of byLeft) {
    const index = joined.findIndex((line) => continues(line, region));
    const line = joined[index];
    if (line === undefined) joined.push(region);
    else joined[index] = union(line, region);
  }
  return joined;
}

function continues(line: TextRegion, next: TextRegion): boolean {
  const overlap = Math.min(line.top + line.height, next.top + next.height) - Math.max(line.top, next.top);
  const similarHeight =
    Math.max(line.height, next.height) <= SAME_LINE_HEIGHT_RATIO * Math.min(line.height, next.height);
  const smaller = Math.min(line.height, next.height);
  return (
    similarHeight &&
    overlap >= SAME_LINE_OVERLAP * smaller &&
    next.left <= line.left + line.width + WORD_GAP * smaller
  );
}

function union(a: TextRegion, b: TextRegion): TextRegion {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  const width = Math.max(a.left + a.width, b.left + b.width) - left;
  const height = Math.max(a.top + a.height, b.top + b.height) - top;
  const score = (a.score * a.width + b.score * b.width) / (a.width + b.width);
  return { left, top, width, height, score };
}

/** Grows a w × h box by the offset PaddleOCR's pyclipper unclip uses: area × ratio / perimeter on every side. */
function unclip(left: number, top: number, width: number, height: number) {
  const offset = (width * height * UNCLIP_RATIO) / (2 * (width + height));
  return { left: left - offset, top: top - offset, width: width + 2 * offset, height: height + 2 * offset };
}

// Boxes whose tops are within half a line's height are on one line, read left to right.
function readingOrder(a: TextRegion, b: TextRegion): number {
  const sameLine = Math.abs(a.top - b.top) < Math.min(a.height, b.height) / 2;
  return sameLine ? a.left - b.left : a.top - b.top;
}

interface Component {
  left: number;
  top: number;
  right: number;
  bottom: number;
  pixels: number;
  sum: number;
}

/** The 8-connected regions of pixels above {@link THRESHOLD}, found by flood fill in row order. */
function* connectedComponents({ values, width, height }: ProbabilityMap): Generator<Component> {
  const visited = new Uint8Array(values.length);
  const stack = new Int32Array(values.length);
  for (let start = 0; start < values.length; start++) {
    if (visited[start] || (values[start] as number) <= THRESHOLD) continue;
    visited[start] = 1;
    let size = 0;
    stack[size++] = start;
    const component: Component = {
      left: width,
      top: height,
      right: 0,
      bottom: 0,
      pixels: 0,
      sum: 0,
    };
    while (size > 0) {
      const at = stack[--size] as number;
      const x = at % width;
      const y = (at - x) / width;
      component.pixels += 1;
      component.sum += values[at] as number;
      if (x < component.left) component.left = x;
      if (x > component.right) component.right = x;
      if (y < component.top) component.top = y;
      if (y > component.bottom) component.bottom = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (visited[next] || (values[next] as number) <= THRESHOLD) continue;
          visited[next] = 1;
          stack[size++] = next;
        }
      }
    }
    yield component;
  }
}
