import { describe, expect, it } from 'vitest';
import { crc32, readZip, writeZip, ZipError } from '../../../src/backend/evidence/zip.js';

describe('STORE-only zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('reads back what it wrote, byte for byte, with the same bytes for the same files and time', () => {
    const at = new Date('2026-11-30T13:05:07.000Z');
    const files = [
      { name: 'hit.json', data: Buffer.from('{"plate":"KP4471"}\n') },
      { name: 'images/plate.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];
    const zip = writeZip(files, at);
    expect(writeZip(files, at).equals(zip)).toBe(true);
    const back = readZip(zip);
    expect(back.map((e) => [e.name, e.data.toString('hex'), e.crcOk])).toEqual(files.map((f) => [f.name, f.data.toString('hex'), true]));
  });

  it('reports a changed byte as a CRC mismatch of that entry, and refuses what is not such a zip', () => {
    const zip = writeZip([{ name: 'a.bin', data: Buffer.from('abcdef') }], new Date('2026-01-01T00:00:00Z'));
    const changed = Buffer.from(zip);
    changed[30 + 'a.bin'.length + 2] = 0x5a;
    expect(readZip(changed)[0]?.crcOk).toBe(false);
    expect(() => readZip(Buffer.from('not a zip'))).toThrow(ZipError);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(ZipError);
  });
});
