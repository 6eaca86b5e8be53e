/**
 * Import a GeoJSON file as new zones, export every zone as one. A file is checked whole before
 * anything reaches the hub (model/geojson-file.ts): a broken ring anywhere imports nothing, and the
 * message names the feature and the problem.
 */
import { useState } from 'react';
import type { Zone } from '../../shared/protocol/zone.js';
import { tas } from '../api.js';
import { parseZoneFile } from './model/geojson-file.js';
import { slugOf } from './ZoneEditor.js';

/** Saves text as a file through the browser's download (no Node, no dialog of our own). */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An id no zone has yet: the feature's own, else one made from its name. */
function freeId(wanted: string | undefined, name: string, taken: Set<string>): string {
  const stem = wanted ?? (slugOf(name) || 'zone');
  let id = stem;
  for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

export function ImportExport({ existing, onImported, onExportAll }: { existing: readonly Zone[]; onImported: () => void; onExportAll: () => void }): React.JSX.Element {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File): Promise<void> => {
    setMessage(undefined);
    const parsed = parseZoneFile(await file.text(), file.name);
    if (!parsed.ok) return setMessage({ ok: false, text: parsed.message });
    setBusy(true);
    const taken = new Set(existing.map((z) => z.id));
    const made: string[] = [];
    for (const shape of parsed.shapes) {
      const answer = await tas().invoke('zones:save', { id: freeId(shape.id, shape.name, taken), name: shape.name, geometry: shape.geometry, active: shape.active, assignees: { users: [], units: [] } });
      if (!answer.ok) {
        setBusy(false);
        onImported();
        const issue = answer.error.issues?.[0];
        return setMessage({ ok: false, text: `${file.name}: the hub refused "${shape.name}": ${issue ? issue.message : answer.error.message}. ${made.length ? `Imported before it: ${made.join(', ')}.` : 'Nothing was imported.'}` });
      }
      made.push(answer.value.name);
    }
    setBusy(false);
    onImported();
    setMessage({ ok: true, text: `Imported ${made.length} zone${made.length === 1 ? '' : 's'}: ${made.join(', ')}. Assign them before they reach anyone.` });
  };

  return (
    <div className="import-export">
      <div className="row">
        <label className="file-button">
          Import GeoJSON
          <input
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            disabled={busy}
            data-testid="zone-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        <button type="button" onClick={onExportAll} disabled={existing.length === 0}>
          Export all
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'form-info' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="import-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
