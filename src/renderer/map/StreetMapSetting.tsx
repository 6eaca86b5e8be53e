/**
 * The street map part of the settings: which map the desk draws and why (its own archive, the
 * agency's, or none), and the desk's own archive, which overrides the agency's (e.g. a local copy
 * on a desk with a slow link). The location is checked here with the same rule the hub and the
 * main process use, so the words of a refusal appear under the field at once.
 */
import { useEffect, useState } from 'react';
import type { StreetMap } from '../../shared/ipc-map.js';
import { parseBaseMapLocation } from '../../shared/protocol/base-map.js';
import { tas } from '../api.js';
import { loadStreetMap } from './streetMap.js';

function drawing(map: StreetMap): string {
  if (map.from === 'desk') return `This desk's street map: ${map.desk ?? ''}`;
  if (map.from === 'agency') return `The agency's street map: ${map.agency ?? ''}`;
  return 'No street map is configured: maps show state and county outlines (works offline).';
}

export function StreetMapSetting(): React.JSX.Element {
  const [map, setMap] = useState<StreetMap>();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    let live = true;
    void loadStreetMap().then((m) => {
      if (!live) return;
      setMap(m);
      setDraft(m.desk ?? '');
    });
    return () => {
      live = false;
    };
  }, []);

  const save = async (pmtiles: string | null): Promise<void> => {
    setSaved(undefined);
    if (pmtiles !== null) {
      const parsed = parseBaseMapLocation(pmtiles);
      if ('error' in parsed) {
        setProblem(`Not saved: ${parsed.error}.`);
        return;
      }
    }
    setProblem(undefined);
    const answer = await tas().invoke('map:setStreet', { pmtiles: pmtiles?.trim() ?? null });
    if (!answer.ok) {
      setProblem(`Not saved: ${answer.error.message}`);
      return;
    }
    setMap(answer.map);
    setDraft(answer.map.desk ?? '');
    setSaved(pmtiles !== null ? 'Saved: the next map opened uses this street map.' : answer.map.agency ? "Saved: this desk uses the agency's street map again." : 'Saved: maps show state and county outlines.');
  };

  return (
    <fieldset className="street-map-setting">
      <legend id="street-map-title">Street map</legend>
      <p data-testid="street-map-now">{map ? drawing(map) : 'Reading the street map setting…'}</p>
      <form
        className="row"
        aria-labelledby="street-map-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <label className="grow">
          This desk's street map (a .pmtiles file path or https URL; overrides the agency's)
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="C:\Maps\illinois.pmtiles"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'street-map-problem' : undefined}
          />
        </label>
        <button type="submit" className="primary">
          Use on this desk
        </button>
        {map?.desk && (
          <button type="button" className="secondary" onClick={() => void save(null)}>
            {map.agency ? "Use the agency's map" : 'Remove (outlines only)'}
          </button>
        )}
      </form>
      {problem && (
        <p id="street-map-problem" className="form-error" role="alert">
          {problem}
        </p>
      )}
      {saved && (
        <p className="hint" role="status">
          {saved}
        </p>
      )}
    </fieldset>
  );
}
