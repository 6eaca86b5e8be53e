/**
 * The street map archive end to end below the browser: the fixture script's PMTiles writer, read
 * back by the `pmtiles` package through the hosts' range answer (a file, and an https-style relay
 * of a server on loopback), plus the Range rules themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRange, answerStreetMap, parseRange, relayRange, type RangeAnswer } from '../../../src/main/services/range-file.js';
import { makeStreetMapFixture } from '../../../scripts/make-pmtiles-fixture.js';

async function bytesOf(answer: RangeAnswer): Promise<Buffer> {
  if (!answer.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body() as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A pmtiles Source that asks exactly what the page's fetch would ask of the host. */
class HostSource implements Source {
  constructor(private readonly ask: (range: string) => Promise<RangeAnswer>) {}
  getKey(): string {
    return 'host';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const answer = await this.ask(`bytes=${offset}-${offset + length - 1}`);
    if (answer.status !== 206) throw new Error(`status ${answer.status}`);
    const data = await bytesOf(answer);
    return { data: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer, ...(answer.headers.ETag ? { etag: answer.headers.ETag } : {}) };
  }
}

const BUILD_TIMEOUT = 120_000;
let dir: string;
let archive: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opentas-street-map-'));
  archive = makeStreetMapFixture(join(dir, 'illinois.pmtiles')).path;
  server = createServer((req, res) => {
    if (req.url === '/moved.pmtiles') {
      res.writeHead(302, { Location: '/il.pmtiles' }).end();
      return;
    }
    if (req.url !== '/il.pmtiles') {
      res.writeHead(404).end();
      return;
    }
    void answerRange(archive, req.headers.range).then((a) => {
      res.writeHead(a.status, a.headers);
      if (a.body) a.body().pipe(res);
      else res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Building the archive takes ~1.5 s alone and far longer on a shared, loaded machine.
}, BUILD_TIMEOUT);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the fixture archive, read back through the host', () => {
  for (const via of ['file', 'relay'] as const) {
    it(`is a PMTiles v3 vector archive with named roads near Chicago (${via})`, async () => {
      const ask = (range: string): Promise<RangeAnswer> =>
        via === 'file' ? answerStreetMap({ kind: 'file', path: archive }, range) : answerStreetMap({ kind: 'url', url: `${base}/il.pmtiles`, origin: base }, range);
      const tiles = new PMTiles(new HostSource(ask));
      const header = await tiles.getHeader();
      expect(header).toMatchObject({ specVersion: 3, tileType: TileType.Mvt, minZoom: 0, maxZoom: 10 });
      const meta = (await tiles.getMetadata()) as { vector_layers: { id: string }[] };
      expect(meta.vector_layers.map((l) => l.id)).toEqual(['earth', 'water', 'boundaries', 'roads', 'places']);
      // Zoom 9 tile over the camera of the browser tests (41.835 N, 87.625 W).
      const tile = await tiles.getZxy(9, 131, 190);
      const text = Buffer.from(tile?.data ?? new ArrayBuffer(0)).toString('latin1');
      for (const name of ['I-94', 'I-55', 'US-41', 'Dan Ryan Expressway', 'roads', 'boundaries']) expect(text).toContain(name);
      // Outside the archive's zooms there is nothing, not an error.
      expect(await tiles.getZxy(12, 1000, 1000)).toBeUndefined();
    });
  }

  it('is the same bytes each time it is built (reproducible)', async () => {
    const again = makeStreetMapFixture(join(dir, 'again.pmtiles'));
    const [a, b] = await Promise.all([bytesOf(await answerRange(archive, undefined)), bytesOf(await answerRange(again.path, undefined))]);
    expect(a.equals(b)).toBe(true);
  }, BUILD_TIMEOUT);
});

describe('range answers', () => {
  it('parses single byte ranges and clamps them to the file', () => {
    expect(parseRange(undefined, 100)).toBe('whole');
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=0-16383', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-2', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBe('whole');
  });

  it('answers 206 with Content-Range, 416 past the end, 404 for a missing file, and no body for HEAD', async () => {
    const part = await answerRange(archive, 'bytes=0-6');
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toMatch(/^bytes 0-6\/\d+$/);
    expect((await bytesOf(part)).toString('ascii')).toBe('PMTiles');
    expect((await answerRange(archive, 'bytes=99999999-')).status).toBe(416);
    expect((await answerRange(join(dir, 'missing.pmtiles'), 'bytes=0-6')).status).toBe(404);
    expect((await answerRange(dir, 'bytes=0-6')).status).toBe(404);
    const head = await answerRange(archive, undefined, true);
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect((await answerStreetMap(undefined, 'bytes=0-6')).status).toBe(404);
  });

  it('relays only the configured URL: a redirect elsewhere is refused, an unreachable server is a 404', async () => {
    expect((await relayRange(`${base}/il.pmtiles`, 'bytes=0-6')).status).toBe(206);
    expect((await relayRange(`${base}/moved.pmtiles`, 'bytes=0-6')).status).toBe(404);
    expect((await relayRange(`${base}/none.pmtiles`, 'bytes=0-6')).status).toBe(404);
    expect((await relayRange('http://127.0.0.1:9/il.pmtiles', 'bytes=0-6', false, 2_000)).status).toBe(404);
  });
});
