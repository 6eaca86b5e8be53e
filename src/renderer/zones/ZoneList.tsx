/**
 * The list beside the map: every zone with its state, who it is assigned to, and when and by whom
 * it last changed; searchable by name, id, assignee or unit, and filtered by active/inactive.
 */
import { useMemo, useState } from 'react';
import type { PublicUser } from '../../shared/protocol/user.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { ago } from '../model/time.js';

type Show = 'all' | 'active' | 'inactive';

export function assigneeText(zone: Zone, people: ReadonlyMap<string, PublicUser>): string {
  const names = [...zone.assignees.units, ...zone.assignees.users.map((id) => people.get(id)?.displayName ?? id)];
  if (names.length === 0) return 'nobody assigned';
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
}

export function ZoneList({ zones, people, selectedId, now, onOpen }: { zones: readonly Zone[]; people: ReadonlyMap<string, PublicUser>; selectedId?: string; now: number; onOpen: (id: string) => void }): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [show, setShow] = useState<Show>('all');
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return zones
      .filter((z) => (show === 'all' ? true : show === 'active' ? z.active : !z.active))
      .filter((z) => !q || [z.name, z.id, ...z.assignees.units, ...z.assignees.users.map((u) => people.get(u)?.displayName ?? u)].some((s) => s.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [zones, people, query, show]);
  const activeCount = zones.filter((z) => z.active).length;

  return (
    <section className="zone-list" aria-labelledby="zone-list-title">
      <h2 id="zone-list-title">
        Zones <span className="muted">({activeCount} active of {zones.length})</span>
      </h2>
      <label>
        Search
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, unit or trooper" />
      </label>
      <fieldset className="zone-show">
        <legend>Show</legend>
        {(['all', 'active', 'inactive'] as const).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="zone-show" checked={show === s} onChange={() => setShow(s)} />
            {s === 'all' ? 'All' : s === 'active' ? 'Active' : 'Inactive'}
          </label>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <p className="muted">{zones.length === 0 ? 'No zones yet. Draw one on the map or import a GeoJSON file.' : 'No zone matches.'}</p>
      ) : (
        <ul className="zone-rows" data-testid="zone-rows">
          {rows.map((z) => (
            <li key={z.id}>
              <button type="button" className={`zone-row ${z.id === selectedId ? 'zone-row-on' : ''}`} aria-current={z.id === selectedId ? 'true' : undefined} onClick={() => onOpen(z.id)} data-zone-id={z.id}>
                <span className="zone-row-name">{z.name}</span>
                <span className={`zone-state ${z.active ? 'zone-state-on' : 'zone-state-off'}`}>{z.active ? 'Active' : 'Inactive'}</span>
                <span className="zone-row-who">{assigneeText(z, people)}</span>
                <span className="zone-row-when">{z.updatedAt ? `changed ${ago(z.updatedAt, now)}${z.updatedBy ? ` by ${people.get(z.updatedBy)?.displayName ?? z.updatedBy}` : ''}` : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
