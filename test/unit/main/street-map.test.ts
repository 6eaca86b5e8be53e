/** Which street map a desk draws, what the renderer is told, and what the page may connect to. */
import { describe, expect, it } from 'vitest';
import { chooseStreetMap, mapConnectOrigins, mapSources, streetMapView } from '../../../src/main/services/street-map.js';
import { STREET_MAP_PATH } from '../../../src/shared/ipc-map.js';
import { DEFAULT_POLICY, type Policy } from '../../../src/shared/protocol/index.js';
import type { Settings } from '../../../src/shared/ipc.js';

const settings: Settings = { hubUrl: 'http://127.0.0.1:8443', volume: 1, quiet: false, theme: 'dark', categories: [] };
const agency: Policy = { ...DEFAULT_POLICY, baseMap: { pmtiles: 'https://maps.isp.example/il.pmtiles' } };

describe('chooseStreetMap', () => {
  it('draws outlines when neither the desk nor the agency has a map', () => {
    expect(chooseStreetMap(settings, DEFAULT_POLICY)).toEqual({ from: 'none' });
    expect(streetMapView(chooseStreetMap(settings, DEFAULT_POLICY))).toEqual({ from: 'none' });
  });

  it("takes the agency's map, and the desk's own over it", () => {
    expect(chooseStreetMap(settings, agency)).toMatchObject({ from: 'agency', location: { kind: 'url' } });
    const desk = chooseStreetMap({ ...settings, baseMapPmtiles: '/srv/maps/il.pmtiles' }, agency);
    expect(desk).toMatchObject({ from: 'desk', location: { kind: 'file', path: '/srv/maps/il.pmtiles' }, desk: '/srv/maps/il.pmtiles', agency: 'https://maps.isp.example/il.pmtiles' });
  });

  it('skips a stored value that no longer parses rather than using half of it', () => {
    expect(chooseStreetMap({ ...settings, baseMapPmtiles: 'relative/il.pmtiles' }, agency)).toMatchObject({ from: 'agency' });
  });
});

describe('streetMapView', () => {
  it('gives the renderer a path of its own origin, never the file path or the remote URL', () => {
    const file = streetMapView(chooseStreetMap({ ...settings, baseMapPmtiles: '/srv/maps/il.pmtiles' }, DEFAULT_POLICY));
    const remote = streetMapView(chooseStreetMap(settings, agency));
    for (const view of [file, remote]) expect(view.tiles).toMatch(new RegExp(`^${STREET_MAP_PATH}\\?v=[0-9a-f]{12}$`));
    // A different archive gets a different URL, so nothing cached is mixed.
    expect(file.tiles).not.toBe(remote.tiles);
  });
});

describe('mapConnectOrigins and mapSources', () => {
  it('lets the page reach exactly the map style server, and nothing for the archive (the host serves it)', () => {
    expect(mapConnectOrigins(undefined)).toEqual([]);
    expect(mapConnectOrigins('https://tiles.isp.example/styles/day.json')).toEqual(['https://tiles.isp.example']);
    expect(mapSources({ ...settings, mapStyleUrl: 'https://tiles.isp.example/s.json' }, agency)).toEqual({
      archive: { kind: 'url', url: 'https://maps.isp.example/il.pmtiles', origin: 'https://maps.isp.example' },
      connectOrigins: ['https://tiles.isp.example'],
    });
    expect(mapSources(settings, DEFAULT_POLICY)).toEqual({ connectOrigins: [] });
  });
});
