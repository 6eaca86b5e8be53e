/**
 * A small PMTiles v3 writer (the layout of the PMTiles v3 specification: a 127-byte header, one
 * gzip-compressed root directory, gzip-compressed JSON metadata, then the tile data; no leaf
 * directories, so it is for archives whose directory fits in the first 16 KiB, like the test
 * fixture). Identical tiles are stored once; runs of them share one directory entry. Reading is
 * left to the `pmtiles` package, which the tests use to check what this writes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** An uncompressed MVT tile; it is gzipped here. */
  data: Uint8Array;
}

export interface ArchiveOptions {
  tiles: ArchiveTile[];
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER = 127;
const FIRST_READ = 16_384;

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    // Plain arithmetic, not bit operators: offsets may pass 2^31.
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return out;
}

/** The directory encoding of the spec: count, then tile id deltas, run lengths, lengths, offsets. */
export function serializeDirectory(entries: Entry[]): Buffer {
  const ids: number[] = [];
  let last = 0;
  for (const e of entries) {
    ids.push(e.tileId - last);
    last = e.tileId;
  }
  const offsets = entries.map((e, i) => {
    const prev = entries[i - 1];
    // 0 means "right after the previous tile's bytes"; otherwise offset + 1.
    return prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1;
  });
  return Buffer.from(
    varints([entries.length, ...ids, ...entries.map((e) => e.runLength), ...entries.map((e) => e.length), ...offsets]),
  );
}

export function writePmtiles(options: ArchiveOptions): Buffer {
  const sorted = options.tiles
    .map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), data: gzipSync(t.data, { level: 9 }) }))
    .sort((a, b) => a.tileId - b.tileId);
  const chunks: Buffer[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  const entries: Entry[] = [];
  let dataLength = 0;
  for (const tile of sorted) {
    const hash = createHash('sha256').update(tile.data).digest('hex');
    let stored = byHash.get(hash);
    if (!stored) {
      stored = { offset: dataLength, length: tile.data.length };
      byHash.set(hash, stored);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    const prev = entries[entries.length - 1];
    if (prev && prev.offset === stored.offset && prev.tileId + prev.runLength === tile.tileId) prev.runLength += 1;
    else entries.push({ tileId: tile.tileId, offset: stored.offset, length: stored.length, runLength: 1 });
  }
  const root = gzipSync(serializeDirectory(entries));
  if (HEADER + root.length > FIRST_READ) throw new Error(`root directory of ${root.length} bytes does not fit in the first ${FIRST_READ} bytes; leaf directories are not written`);
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'));

  const header = Buffer.alloc(HEADER);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOffset = HEADER;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset;
  const u64 = (at: number, v: number): void => void header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leafOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, dataLength);
  u64(72, entries.reduce((n, e) => n + e.runLength, 0));
  u64(80, entries.length);
  u64(88, byHash.size);
  header.writeUInt8(0, 96); // not clustered: repeated tiles point back to earlier bytes
  header.writeUInt8(2, 97); // internal compression: gzip
  header.writeUInt8(2, 98); // tile compression: gzip
  header.writeUInt8(1, 99); // tile type: MVT
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const e7 = (v: number): number => Math.round(v * 1e7);
  const [west, south, east, north] = options.bounds;
  header.writeInt32LE(e7(west), 102);
  header.writeInt32LE(e7(south), 106);
  header.writeInt32LE(e7(east), 110);
  header.writeInt32LE(e7(north), 114);
  header.writeUInt8(options.center[2], 118);
  header.writeInt32LE(e7(options.center[0]), 119);
  header.writeInt32LE(e7(options.center[1]), 123);
  return Buffer.concat([header, root, metadata, ...chunks]);
}
