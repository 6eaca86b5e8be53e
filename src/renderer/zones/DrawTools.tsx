/**
 * How a shape is made: draw an area by clicking its corners, cut a hole, edit points, a circle of
 * a given radius around a point picked on the map, or start from one or more counties (picked on
 * the map or by name) merged into one outline.
 */
import { useMemo, useState } from 'react';
import type { BaseMap } from '../map/baseMap.js';
import type { MapTool } from './ZoneMap.js';
import { countiesOf, type CountyFeature } from './mapLayers.js';

const HINT: Record<MapTool, string> = {
  static: '',
  select: 'Click a ring to select it. Drag a corner to move it, drag a small midpoint to add a corner, right-click a corner to remove it.',
  polygon: 'Click on the map to place each corner. Click the first corner again, or press Enter, to close the area.',
  hole: 'Click corners inside the zone to cut out an area it must not cover. Close it on its first corner or with Enter.',
  'pick-point': 'Click the centre of the circle on the map.',
  'pick-county': 'Click counties on the map to add or remove them, or add them by name below.',
};

export const countyLabel = (c: CountyFeature): string => `${c.properties.name} County, ${c.properties.state}`;

export function DrawTools({
  tool,
  onTool,
  hasRings,
  selectedRing,
  onRemoveRing,
  onClear,
  radius,
  onRadius,
  base,
  picked,
  onPickCounty,
  onUseCounties,
}: {
  tool: MapTool;
  onTool: (t: MapTool) => void;
  hasRings: boolean;
  selectedRing?: string;
  onRemoveRing: () => void;
  onClear: () => void;
  radius: string;
  onRadius: (r: string) => void;
  base?: BaseMap;
  picked: readonly CountyFeature[];
  onPickCounty: (c: CountyFeature) => void;
  onUseCounties: () => void;
}): React.JSX.Element {
  const [countyName, setCountyName] = useState('');
  const byLabel = useMemo(() => (base ? new Map(countiesOf(base).features.map((c) => [countyLabel(c), c])) : new Map<string, CountyFeature>()), [base]);
  const radiusOk = Number(radius) > 0 && Number(radius) <= 500;
  const toolButton = (t: MapTool, label: string, disabled = false): React.JSX.Element => (
    <button type="button" className={`tool ${tool === t ? 'tool-on' : ''}`} aria-pressed={tool === t} disabled={disabled} onClick={() => onTool(tool === t ? 'select' : t)}>
      {label}
    </button>
  );
  return (
    <fieldset className="draw-tools">
      <legend>Shape</legend>
      <div className="tool-row" role="group" aria-label="Drawing tools">
        {toolButton('polygon', 'Draw area')}
        {toolButton('hole', 'Cut a hole', !hasRings)}
        {toolButton('select', 'Edit points', !hasRings)}
        <button type="button" onClick={onRemoveRing} disabled={!selectedRing}>
          Remove selected ring
        </button>
        <button type="button" className="secondary" onClick={onClear} disabled={!hasRings}>
          Clear shape
        </button>
      </div>
      <div className="row">
        <label>
          Circle radius (miles)
          <input type="number" min="0.1" max="500" step="0.1" value={radius} onChange={(e) => onRadius(e.target.value)} className="radius" />
        </label>
        {toolButton('pick-point', 'Place circle on map', !radiusOk)}
        {toolButton('pick-county', 'Start from counties')}
      </div>
      {tool === 'pick-county' && (
        <div className="county-pick">
          <div className="row">
            <label className="grow">
              County
              <input list="county-names" value={countyName} onChange={(e) => setCountyName(e.target.value)} placeholder="Type a name, e.g. Cook County, Illinois" />
            </label>
            <datalist id="county-names">
              {[...byLabel.keys()].map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
            <button
              type="button"
              disabled={!byLabel.has(countyName)}
              onClick={() => {
                const c = byLabel.get(countyName);
                if (c) onPickCounty(c);
                setCountyName('');
              }}
            >
              Add county
            </button>
          </div>
          {picked.length > 0 && (
            <ul className="chips" aria-label="Counties picked">
              {picked.map((c) => (
                <li key={c.properties.fips}>
                  {countyLabel(c)}{' '}
                  <button type="button" className="chip-x" aria-label={`Remove ${countyLabel(c)}`} onClick={() => onPickCounty(c)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="primary" disabled={picked.length === 0} onClick={onUseCounties}>
            Use {picked.length === 1 ? 'this county' : `these ${picked.length} counties`} as the shape
          </button>
        </div>
      )}
      {HINT[tool] && (
        <p className="hint tool-hint" role="status">
          {HINT[tool]}
        </p>
      )}
    </fieldset>
  );
}
