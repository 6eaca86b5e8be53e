/**
 * The shared base map style (src/renderer/map/baseMapStyle.ts): valid by maplibre's own style
 * validator in both looks, outlines only without an archive, the street layers and road names with
 * one, no glyph server (names are drawn from the desk's fonts), and nothing but the page's origin.
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { SymbolLayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { baseMapStyle, LABEL_FONT, ROAD_LABEL_LAYER, STREET_SOURCE } from '../../../src/renderer/map/baseMapStyle.js';
import type { BaseMap } from '../../../src/renderer/map/baseMap.js';

const outlines: BaseMap = {
  states: { type: 'FeatureCollection', features: [] },
  counties: { type: 'FeatureCollection', features: [] },
};
const page = 'http://127.0.0.1:5173/#/alerts';

describe('baseMapStyle', () => {
  for (const dark of [false, true]) {
    it(`is a valid style with and without a street map (${dark ? 'night' : 'day'})`, () => {
      expect(validateStyleMin(baseMapStyle({ dark, outlines }))).toEqual([]);
      expect(validateStyleMin(baseMapStyle({ dark, outlines, tiles: '/street-map/archive.pmtiles?v=abc', pageUrl: page }))).toEqual([]);
    });
  }

  it('without an archive draws the county and state outlines only, from nowhere but memory', () => {
    const style = baseMapStyle({ dark: false, outlines });
    expect(Object.keys(style.sources)).toEqual(['counties', 'states']);
    expect(style.layers.map((l) => l.id)).toEqual(['bg', 'county-fill', 'county-line', 'state-line']);
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });

  it('with an archive reads it through pmtiles:// at the page origin, with roads and their names', () => {
    const style = baseMapStyle({ dark: true, outlines, tiles: '/street-map/archive.pmtiles?v=abc', pageUrl: page });
    expect(style.sources[STREET_SOURCE]).toEqual({ type: 'vector', url: 'pmtiles://http://127.0.0.1:5173/street-map/archive.pmtiles?v=abc' });
    const ids = style.layers.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['earth', 'water', 'county-line', 'state-line', 'road-highway', 'road-major', ROAD_LABEL_LAYER]));
    // Road names above every line; labels last so zones and camera never cover a name.
    expect(ids.indexOf(ROAD_LABEL_LAYER)).toBeGreaterThan(ids.indexOf('road-highway'));
    const label = style.layers.find((l) => l.id === ROAD_LABEL_LAYER) as SymbolLayerSpecification;
    expect(label.layout?.['text-font']).toEqual(LABEL_FONT);
    // No glyph server: maplibre draws the glyphs from local fonts.
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('gives day and night different colours for the same layers', () => {
    const day = baseMapStyle({ dark: false, outlines, tiles: '/a.pmtiles', pageUrl: page });
    const night = baseMapStyle({ dark: true, outlines, tiles: '/a.pmtiles', pageUrl: page });
    expect(day.layers.map((l) => l.id)).toEqual(night.layers.map((l) => l.id));
    const paint = (s: typeof day, id: string): unknown => (s.layers.find((l) => l.id === id) as { paint?: unknown }).paint;
    for (const id of ['bg', 'earth', 'road-highway', ROAD_LABEL_LAYER]) expect(paint(day, id)).not.toEqual(paint(night, id));
  });
});
