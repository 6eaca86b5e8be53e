/** The street map location rule that the hub's policy and a desk's setting share. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, Policy, parseBaseMapLocation } from '../../../src/shared/protocol/index.js';

describe('parseBaseMapLocation', () => {
  it('takes an https URL, keeping its origin', () => {
    expect(parseBaseMapLocation(' https://maps.isp.example/il/streets.pmtiles ')).toEqual({
      kind: 'url',
      url: 'https://maps.isp.example/il/streets.pmtiles',
      origin: 'https://maps.isp.example',
    });
  });

  it('takes plain http on loopback only', () => {
    expect(parseBaseMapLocation('http://127.0.0.1:8080/a.pmtiles')).toMatchObject({ kind: 'url', origin: 'http://127.0.0.1:8080' });
    expect(parseBaseMapLocation('http://maps.isp.example/a.pmtiles')).toEqual({ error: expect.stringMatching(/https/) });
  });

  it('takes full file paths: POSIX, a Windows drive, a network share', () => {
    for (const path of ['/srv/maps/illinois.pmtiles', 'C:\\Maps\\illinois.pmtiles', 'd:/maps/IL.PMTILES', '\\\\fileserver\\maps\\illinois.pmtiles']) {
      expect(parseBaseMapLocation(path)).toEqual({ kind: 'file', path });
    }
  });

  it.each([
    ['', /PMTiles/],
    ['maps/illinois.pmtiles', /full path/],
    ['/srv/maps/../secret/illinois.pmtiles', /\.\./],
    ['/srv/maps/illinois.mbtiles', /\.pmtiles/],
    ['https://maps.isp.example/style.json', /\.pmtiles/],
    ['file:///srv/maps/illinois.pmtiles', /file path itself/],
    ['ftp://maps.isp.example/a.pmtiles', /https/],
    ['https://user:pw@maps.isp.example/a.pmtiles', /password/],
    ['/srv/maps/ill\ninois.pmtiles', /control/],
    ['/' + 'a'.repeat(2050) + '.pmtiles', /2048/],
  ])('refuses %j in words', (value, words) => {
    const parsed = parseBaseMapLocation(value);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(words);
  });
});

describe('Policy.baseMap', () => {
  it('is optional, and a policy without it is still valid (desks draw outlines)', () => {
    expect(Policy.parse(DEFAULT_POLICY).baseMap).toBeUndefined();
  });

  it('accepts a location and trims it', () => {
    expect(Policy.parse({ ...DEFAULT_POLICY, baseMap: { pmtiles: ' /srv/maps/il.pmtiles ' } }).baseMap).toEqual({ pmtiles: '/srv/maps/il.pmtiles' });
  });

  it('refuses a bad location or an unknown field with an issue at the field', () => {
    const bad = Policy.safeParse({ ...DEFAULT_POLICY, baseMap: { pmtiles: 'http://maps.example/a.pmtiles' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['baseMap', 'pmtiles']);
    expect(Policy.safeParse({ ...DEFAULT_POLICY, baseMap: { pmtiles: '/a.pmtiles', glyphs: 'https://x' } }).success).toBe(false);
  });
});
