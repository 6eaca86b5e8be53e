/**
 * The panel for one zone: name, id (new zones), active, assignees, the shape's problems (also
 * marked on the map), the hub's refusal by the field it names, save and delete, the preview of
 * the last 7 days, and the history with restore.
 */
import { useState } from 'react';
import type { ZoneChange } from '../../shared/ipc-zones.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import type { Zone } from '../../shared/protocol/zone.js';
import type { HubProblemError } from '../console/HubProblem.js';
import { Assignees } from './Assignees.js';
import { HistoryPanel } from './HistoryPanel.js';
import { PreviewPanel } from './PreviewPanel.js';
import type { Draft, DraftFields } from './useZoneDraft.js';

/** The hub's issues, grouped by the field they belong to (`name`, `id`, `assignees`, `geometry`). */
export function issuesByField(error: HubProblemError | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of error?.issues ?? []) {
    const field = i.path.split('.')[0] || 'zone';
    (out[field] ??= []).push(i.message);
  }
  return out;
}

export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

export function ZoneEditor({
  draft,
  people,
  now,
  saving,
  hubError,
  tools,
  historyShown,
  version,
  onField,
  onSave,
  onDelete,
  onClose,
  onExport,
  onShowHistory,
  onRestore,
}: {
  draft: Draft;
  people: readonly PublicUser[];
  now: number;
  saving: boolean;
  hubError?: HubProblemError;
  tools: React.JSX.Element;
  historyShown?: number;
  /** The saved zone's updatedAt: its history is read again when it changes. */
  version?: string;
  onField: <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;
  onSave: () => void;
  onDelete: () => void;
  onClose: () => void;
  onExport: () => void;
  onShowHistory: (index: number | undefined, change?: ZoneChange) => void;
  onRestore: (zone: Zone) => void;
}): React.JSX.Element {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [idTouched, setIdTouched] = useState(false);
  const { fields, problems, fieldProblems } = draft;
  const hub = issuesByField(hubError);
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const blockers = [...(draft.geometry ? [] : ['Draw the zone on the map (or place a circle, or start from counties).']), ...Object.values(fieldProblems), ...(problems.length ? [`Fix the ${problems.length} problem(s) with the shape.`] : [])];

  return (
    <section className="zone-editor" aria-labelledby="zone-editor-title" data-testid="zone-editor">
      <div className="editor-head">
        <h2 id="zone-editor-title">{draft.isNew ? 'New zone' : fields.name || draft.fields.id}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {problems.length > 0 && (
        <div className="shape-problems" role="alert" data-testid="shape-problems">
          <strong>The shape cannot be saved yet:</strong>
          <ol>
            {problems.map((p, i) => (
              <li key={`${i}-${p.message}`}>
                <span className="problem-number" aria-hidden="true">
                  !{i + 1}
                </span>{' '}
                {p.message}
              </li>
            ))}
          </ol>
        </div>
      )}
      <div className="row">
        <label className="grow">
          Name
          <input
            value={fields.name}
            maxLength={200}
            aria-invalid={Boolean(fieldProblems.name || hub.name)}
            onChange={(e) => {
              onField('name', e.target.value);
              if (draft.isNew && !idTouched) onField('id', slugOf(e.target.value));
            }}
          />
          {(hub.name ?? []).map((m) => (
            <span key={m} className="field-problem">
              Hub: {m}
            </span>
          ))}
        </label>
        <label className="choice active-flag">
          <input type="checkbox" checked={fields.active} onChange={(e) => onField('active', e.target.checked)} />
          Active
        </label>
      </div>
      {draft.isNew ? (
        <label>
          Zone id (used in links; cannot change later)
          <input
            value={fields.id}
            maxLength={64}
            aria-invalid={Boolean(fieldProblems.id || hub.id)}
            onChange={(e) => {
              setIdTouched(true);
              onField('id', e.target.value);
            }}
          />
          {fieldProblems.id && fields.id && <span className="field-problem">{fieldProblems.id}</span>}
          {(hub.id ?? []).map((m) => (
            <span key={m} className="field-problem">
              Hub: {m}
            </span>
          ))}
        </label>
      ) : (
        <p className="muted zone-id">
          Id <span className="mono">{fields.id}</span>
        </p>
      )}
      <Assignees people={people} users={fields.users} units={fields.units} onUsers={(u) => onField('users', u)} onUnits={(u) => onField('units', u)} {...(hub.assignees ? { problem: `Hub: ${hub.assignees.join('; ')}` } : {})} />
      {tools}
      {(hub.geometry ?? hub.zone) && (
        <div className="shape-problems" role="alert" data-testid="hub-issues">
          <strong>The hub refused the shape:</strong>
          <ul>
            {[...(hub.geometry ?? []), ...(hub.zone ?? [])].map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {hubError && !hubError.issues?.length && (
        <p className="form-error" role="alert">
          {hubError.message}
        </p>
      )}
      <div className="editor-actions">
        <button type="button" className="primary big" disabled={!draft.canSave || saving || (!draft.dirty && !draft.isNew)} onClick={onSave} aria-describedby="save-why">
          {saving ? 'Saving…' : draft.isNew ? 'Create zone' : 'Save changes'}
        </button>
        {!draft.isNew && (
          <button type="button" onClick={onExport}>
            Export GeoJSON
          </button>
        )}
        {!draft.isNew &&
          (confirmDelete ? (
            <span className="confirm-delete">
              <button type="button" className="danger" onClick={onDelete}>
                Delete {fields.name}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          ))}
      </div>
      <p id="save-why" className="hint">
        {blockers.length > 0 ? blockers.join(' ') : draft.dirty || draft.isNew ? 'Ready to save. Assigned troopers get the change at once.' : 'No unsaved changes.'}
      </p>
      <PreviewPanel geometry={draft.geometry} valid={problems.length === 0} />
      {!draft.isNew && <HistoryPanel zoneId={fields.id} {...(version ? { version } : {})} people={peopleById} now={now} {...(historyShown !== undefined ? { shown: historyShown } : {})} onShow={onShowHistory} onRestore={onRestore} />}
    </section>
  );
}
