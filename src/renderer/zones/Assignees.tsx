/**
 * Who a zone reaches: units (every member, present and future) and single users, from the hub's
 * directory (GET /users). Only those who receive alerts (troopers, dispatchers) are offered.
 */
import { useMemo, useState } from 'react';
import type { PublicUser } from '../../shared/protocol/user.js';

export function Assignees({ people, users, units, onUsers, onUnits, problem }: { people: readonly PublicUser[]; users: string[]; units: string[]; onUsers: (u: string[]) => void; onUnits: (u: string[]) => void; problem?: string }): React.JSX.Element {
  const [query, setQuery] = useState('');
  const receivers = useMemo(() => people.filter((p) => p.roles.includes('trooper') || p.roles.includes('dispatcher')).sort((a, b) => a.displayName.localeCompare(b.displayName)), [people]);
  // Units known to the directory, plus any a zone already names (a unit with no member yet).
  const allUnits = useMemo(() => [...new Set([...receivers.flatMap((p) => (p.unit ? [p.unit] : [])), ...units])].sort(), [receivers, units]);
  const q = query.trim().toLowerCase();
  const shown = receivers.filter((p) => !q || users.includes(p.id) || `${p.displayName} ${p.username} ${p.unit ?? ''}`.toLowerCase().includes(q));
  const toggle = (list: string[], v: string): string[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <fieldset className="assignees" aria-describedby={problem ? 'assignee-problem' : undefined}>
      <legend>Assigned to</legend>
      <div className="assignee-cols">
        <div>
          <h4>Units</h4>
          {allUnits.length === 0 ? (
            <p className="muted">No units in the directory.</p>
          ) : (
            allUnits.map((u) => (
              <label key={u} className="choice">
                <input type="checkbox" checked={units.includes(u)} onChange={() => onUnits(toggle(units, u))} />
                {u}
              </label>
            ))
          )}
        </div>
        <div>
          <h4>People</h4>
          <label className="sr-only" htmlFor="assignee-search">
            Find a person
          </label>
          <input id="assignee-search" type="search" placeholder="Find a person" value={query} onChange={(e) => setQuery(e.target.value)} />
          <div className="assignee-people">
            {shown.map((p) => (
              <label key={p.id} className="choice">
                <input type="checkbox" checked={users.includes(p.id)} onChange={() => onUsers(toggle(users, p.id))} />
                {p.displayName}
                <span className="muted">
                  {' '}
                  · {p.username}
                  {p.unit ? ` · ${p.unit}` : ''}
                </span>
              </label>
            ))}
          </div>
        </div>
      </div>
      {problem && (
        <p id="assignee-problem" className="field-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
