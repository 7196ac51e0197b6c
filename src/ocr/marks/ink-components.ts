/**
 * The connected blobs of ink on a page (8-connected), found run by run: a page of text has some ten thousand
 * runs of ink per megapixel where it has a million pixels, so labelling runs instead of pixels keeps this to a
 * few tens of milliseconds on a 300-dpi page.
 *
 * @module
 */
import type { Grayscale } from '../image-prep/grayscale.js';

/** A rectangle of pixels, right and bottom exclusive. */
export interface PixelBounds {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A blob of touching ink pixels: its pixel bounds and how many pixels it has. */
export interface InkComponent extends PixelBounds {
  readonly area: number;
}

/**
 * Every blob of pixels at or below `threshold` in `raster`, in no particular order.
 *
 * @example
 * ```ts
 * const blobs = inkComponents(page, inkThreshold(page) ?? 128);
 * ```
 */
export function inkComponents(raster: Grayscale, threshold: number): InkComponent[] {
  const { pixels, width, height } = raster;
  const runs = new RunList();
  const parent: number[] = [];
  const find = (run: number): number => {
    let root = run;
    while (parent[root] !== root) root = parent[root] as number;
    // Path halving keeps later look-ups short on long chains (a table's grid is one blob of thousands of runs).
    for (let at = run; parent[at] !== root; ) {
      const next = parent[at] as number;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  let previousStart = 0;
  let previousEnd = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = runs.length;
    const row = y * width;
    let above = previousStart;
    for (let x = 0; x < width; x++) {
      if ((pixels[row + x] as number) > threshold) continue;
      const start = x;
      while (x < width && (pixels[row + x] as number) <= threshold) x++;
      const run = runs.push(y, start, x);
      parent.push(run);
      // Runs of the row above touching this one, diagonals included, join its blob.
      while (above < previousEnd && runs.end(above) < start) above++;
      for (let other = above; other < previousEnd && runs.start(other) <= x; other++) {
        const a = find(run);
        const b = find(other);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    previousStart = rowStart;
    previousEnd = runs.length;
  }
  return collect(runs, find);
}

function collect(runs: RunList, find: (run: number) => number): InkComponent[] {
  const byRoot = new Map<
    number,
    { left: number; top: number; right: number; bottom: number; area: number }
  >();
  for (let run = 0; run < runs.length; run++) {
    const root = find(run);
    const y = runs.row(run);
    const start = runs.start(run);
    const end = runs.end(run);
    const blob = byRoot.get(root);
    if (blob === undefined) {
      byRoot.set(root, { left: start, top: y, right: end, bottom: y + 1, area: end - start });
    } else {
      blob.left = Math.min(blob.left, start);
      blob.right = Math.max(blob.right, end);
      blob.bottom = y + 1;
      blob.area += end - start;
    }
  }
  return [...byRoot.values()];
}

/** Runs of ink as (row, start, end) triples in one growing typed array, not an object each. */
class RunList {
  #data = new Int32Array(3 * 4096);
  length = 0;

  push(row: number, start: number, end: number): number {
    if (3 * (this.length + 1) > this.#data.length) {
      const grown = new Int32Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    const at = 3 * this.length;
    this.#data[at] = row;
    this.#data[at + 1] = start;
    this.#data[at + 2] = end;
    return this.length++;
  }

  row(run: number): number {
    return this.#data[3 * run] as number;
  }

  start(run: number): number {
    return this.#data[3 * run + 1] as number;
  }

  end(run: number): number {
    return this.#data[3 * run + 2] as number;
  }
}
