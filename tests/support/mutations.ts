/**
 * Seeded mutations of a document's bytes, as damage in the wild does them: flipped bytes, a download cut
 * short, garbage spliced in, a block zeroed, and damage to the structure a PNG, JPEG or PDF reader walks
 * (chunk CRCs and lengths, segment lengths, the xref table, stream lengths, `endobj`s).
 *
 * Some mutants are damaged two or three times over. `mutate(bytes, seed)` is deterministic: the same bytes
 * and seed give the same mutant, so a failing case is reproduced from its seed alone. Used by
 * tests/robustness/damaged-files.test.ts and bench/fuzz.ts.
 */
import { Buffer } from 'node:buffer';
import { mulberry32, type Random } from './seeded-random.js';

/** A damaged copy of a document and what was done to it, in words a bug report can quote. */
export interface Mutant {
  readonly bytes: Uint8Array;
  readonly description: string;
}

type Mutation = (bytes: Uint8Array, random: Random) => Mutant | undefined;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A damaged copy of `bytes`; the original is left untouched. */
export function mutate(bytes: Uint8Array, seed: number): Mutant {
  const random = mulberry32(seed);
  let mutant = mutateOnce(bytes, random);
  // One mutant in five is damaged again, up to three times: a parser that survives each kind of damage
  // alone can still trip on two at once (a bad xref table *and* a cut stream).
  for (let more = 0; more < 2 && random() < 0.2; more++) {
    const next = mutateOnce(mutant.bytes, random);
    mutant = { bytes: next.bytes, description: `${mutant.description}; then ${next.description}` };
  }
  return mutant;
}

function mutateOnce(bytes: Uint8Array, random: Random): Mutant {
  const structural = structuralMutations(bytes);
  // Half the mutants damage the structure when the format has one we know: random damage mostly lands
  // in compressed payloads, where a decoder's error handling is simpler than its parser's.
  const pool = structural.length > 0 && random() < 0.5 ? structural : GENERIC;
  const mutation = pick(pool, random);
  // A structural mutation that finds nothing to damage (a PDF without an xref table) falls back to
  // a generic one, so every seed damages something.
  return mutation(bytes, random) ?? (pick(GENERIC, random)(bytes, random) as Mutant);
}

/** What kind of document `bytes` are, by magic bytes: the mutations and the fuzzing report use it. */
export function formatOf(bytes: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'other' {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') !== -1) return 'pdf';
  return 'other';
}

function structuralMutations(bytes: Uint8Array): readonly Mutation[] {
  switch (formatOf(bytes)) {
    case 'png':
      return [pngChunkCrc, pngChunkLength, pngChunkType];
    case 'jpeg':
      return [jpegSegmentLength, jpegTruncateScan];
    case 'pdf':
      return [pdfXref, pdfStreamLength, pdfDeleteEndobj, pdfStartxref];
    default:
      return [];
  }
}

// ---- generic ---------------------------------------------------------------------------------

const byteFlips: Mutation = (bytes, random) => {
  const out = copy(bytes);
  const count = 1 + integer(random, 50);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const offset = integer(random, out.length);
    out[offset] = (out[offset] as number) ^ (1 + integer(random, 255));
    offsets.push(offset);
  }
  return { bytes: out, description: `xor ${count} byte(s) at ${list(offsets)}` };
};

const truncation: Mutation = (bytes, random) => {
  // Cuts near the end are the commonest in the wild (an interrupted download), so half of them land there.
  const at = random() < 0.5 ? integer(random, bytes.length) : bytes.length - 1 - integer(random, 4096);
  const cut = Math.max(1, Math.min(bytes.length - 1, at));
  return { bytes: bytes.slice(0, cut), description: `truncate to ${cut} of ${bytes.length} bytes` };
};

const insertedGarbage: Mutation = (bytes, random) => {
  const at = integer(random, bytes.length + 1);
  const garbage = randomBytes(random, 1 + integer(random, 512));
  return {
    bytes: concat(bytes.subarray(0, at), garbage, bytes.subarray(at)),
    description: `insert ${garbage.length} random byte(s) at ${at}`,
  };
};

const zeroedBlock: Mutation = (bytes, random) => {
  const out = copy(bytes);
  const start = integer(random, out.length);
  const length = 1 + integer(random, Math.min(out.length - start, 1 + integer(random, 8192)));
  out.fill(0, start, start + length);
  return { bytes: out, description: `zero ${length} byte(s) at ${start}` };
};

const GENERIC: readonly Mutation[] = [byteFlips, truncation, insertedGarbage, zeroedBlock];

// ---- PNG: 8-byte signature, then chunks of length (4, big-endian), type (4), data, CRC (4) ----------

interface PngChunk {
  readonly offset: number;
  readonly type: string;
  readonly length: number;
}

function pngChunks(bytes: Uint8Array): PngChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = Buffer.from(bytes.subarray(offset + 4, offset + 8)).toString('latin1');
    chunks.push({ offset, type, length });
    offset += 12 + length;
  }
  return chunks;
}

const pngChunkCrc: Mutation = (bytes, random) => {
  const chunk = pickOrUndefined(pngChunks(bytes), random);
  if (chunk === undefined) return undefined;
  const out = copy(bytes);
  const crcAt = chunk.offset + 8 + chunk.length;
  if (crcAt + 4 > out.length) return undefined;
  const at = crcAt + integer(random, 4);
  out[at] = (out[at] as number) ^ (1 + integer(random, 255));
  return { bytes: out, description: `corrupt the CRC of the ${chunk.type} chunk at ${chunk.offset}` };
};

const pngChunkLength: Mutation = (bytes, random) => {
  const chunk = pickOrUndefined(pngChunks(bytes), random);
  if (chunk === undefined) return undefined;
  const out = copy(bytes);
  const lengths = [0, chunk.length + 1, Math.max(0, chunk.length - 1), 0x7fffffff, 0xffffffff];
  const length = pick([...lengths, integer(random, 0x100000)], random);
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(chunk.offset, length);
  return {
    bytes: out,
    description: `set the length of the ${chunk.type} chunk at ${chunk.offset} from ${chunk.length} to ${length}`,
  };
};

const pngChunkType: Mutation = (bytes, random) => {
  const chunk = pickOrUndefined(pngChunks(bytes), random);
  if (chunk === undefined) return undefined;
  const out = copy(bytes);
  const type = pick(['IHDR', 'IEND', 'IDAT', 'PLTE', 'zzzz'], random);
  out.set(Buffer.from(type, 'latin1'), chunk.offset + 4);
  return { bytes: out, description: `rename the ${chunk.type} chunk at ${chunk.offset} to ${type}` };
};

// ---- JPEG: markers 0xFF xx, most followed by a 2-byte big-endian length --------------------------

function jpegSegments(bytes: Uint8Array): { offset: number; marker: number }[] {
  const segments: { offset: number; marker: number }[] = [];
  for (let offset = 2; offset + 4 <= bytes.length; ) {
    const marker = bytes[offset + 1] as number;
    if (bytes[offset] !== 0xff || marker === 0xda) break; // entropy-coded data follows start-of-scan
    segments.push({ offset, marker });
    offset += 2 + ((bytes[offset + 2] as number) << 8) + (bytes[offset + 3] as number);
  }
  return segments;
}

const jpegSegmentLength: Mutation = (bytes, random) => {
  const segment = pickOrUndefined(jpegSegments(bytes), random);
  if (segment === undefined) return undefined;
  const out = copy(bytes);
  const length = pick([0, 1, 2, 0xffff, integer(random, 0x10000)], random);
  out[segment.offset + 2] = length >> 8;
  out[segment.offset + 3] = length & 0xff;
  const marker = segment.marker.toString(16).toUpperCase();
  return {
    bytes: out,
    description: `set the length of the FF${marker} segment at ${segment.offset} to ${length}`,
  };
};

const jpegTruncateScan: Mutation = (bytes, random) => {
  const start = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xda]));
  if (start === -1) return undefined;
  const cut = start + integer(random, bytes.length - start);
  return {
    bytes: bytes.slice(0, cut),
    description: `truncate inside the scan data, at ${cut} of ${bytes.length}`,
  };
};

// ---- PDF ---------------------------------------------------------------------------------------

/** Offsets of every occurrence of `needle` in `bytes`. */
function occurrences(bytes: Uint8Array, needle: string): number[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: number[] = [];
  for (
    let at = buffer.indexOf(needle, 0, 'latin1');
    at !== -1;
    at = buffer.indexOf(needle, at + 1, 'latin1')
  ) {
    found.push(at);
  }
  return found;
}

const pdfXref: Mutation = (bytes, random) => {
  const table = pickOrUndefined(occurrences(bytes, '\nxref'), random);
  if (table === undefined) return undefined;
  // Rewrites digits in the table's entries ('0000012345 00000 n'), so objects are looked up at wrong offsets.
  const out = copy(bytes);
  const end = Math.min(out.length, table + 6 + 20 * (1 + integer(random, 200)));
  let changed = 0;
  for (let at = table + 6; at < end; at++) {
    const byte = out[at] as number;
    if (byte >= 0x30 && byte <= 0x39 && random() < 0.15) {
      out[at] = 0x30 + integer(random, 10);
      changed++;
    }
  }
  return { bytes: out, description: `rewrite ${changed} digit(s) of the xref table at ${table + 1}` };
};

const pdfStartxref: Mutation = (bytes, random) => {
  const at = occurrences(bytes, 'startxref').at(-1);
  if (at === undefined) return undefined;
  const offset = pick([0, 1, bytes.length, bytes.length * 10, integer(random, bytes.length)], random);
  const tail = Buffer.from(`startxref\n${offset}\n%%EOF\n`, 'latin1');
  return {
    bytes: concat(bytes.subarray(0, at), tail),
    description: `point the last startxref (at ${at}) to ${offset}`,
  };
};

const pdfStreamLength: Mutation = (bytes, random) => {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const lengths = [...source.matchAll(/\/Length\s+(\d+)(?!\s+\d+\s+R)/g)];
  const match = pickOrUndefined(lengths, random);
  if (match === undefined) return undefined;
  const original = Number(match[1]);
  const length = pick([0, original + 1, Math.max(0, original - 1), original * 1000, 2 ** 31], random);
  const digits = match[1] as string;
  const at = (match.index as number) + match[0].length - digits.length;
  return {
    bytes: concat(
      bytes.subarray(0, at),
      Buffer.from(String(length), 'latin1'),
      bytes.subarray(at + digits.length),
    ),
    description: `set the /Length at ${at} from ${original} to ${length}`,
  };
};

const pdfDeleteEndobj: Mutation = (bytes, random) => {
  const found = occurrences(bytes, 'endobj');
  if (found.length === 0) return undefined;
  const all = random() < 0.3;
  const doomed = all ? found : found.filter(() => random() < 0.25);
  if (doomed.length === 0) doomed.push(pick(found, random));
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const at of doomed) {
    parts.push(bytes.subarray(from, at));
    from = at + 'endobj'.length;
  }
  parts.push(bytes.subarray(from));
  return {
    bytes: concat(...parts),
    description: all
      ? `delete all ${found.length} endobj(s)`
      : `delete ${doomed.length} of ${found.length} endobj(s) at ${list(doomed)}`,
  };
};

// ---- helpers -----------------------------------------------------------------------------------

function integer(random: Random, below: number): number {
  return Math.floor(random() * Math.max(0, below));
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[integer(random, items.length)] as T;
}

function pickOrUndefined<T>(items: readonly T[], random: Random): T | undefined {
  return items.length === 0 ? undefined : pick(items, random);
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => integer(random, 256));
}

function copy(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

// The first few offsets say where the damage is; a reproduction uses the seed, not this list.
function list(offsets: readonly number[]): string {
  const shown = offsets.slice(0, 5).join(', ');
  return offsets.length > 5 ? `${shown}, … (${offsets.length - 5} more)` : shown;
}
