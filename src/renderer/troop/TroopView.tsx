/**
 * The Troop view (dispatchers, supervisors): the Troop's alerts of the last hours on a map and in a
 * list, who has taken each and how far, how long it has been open; open alerts nobody has
 * acknowledged stand out and come first. `#/troop/<alertId>` selects one and shows its trail.
 *
 * Live: the hub pushes each new step on a Troop alert (`troop:entry`), merged in place; an alert
 * this view does not list yet, a new alert at this desk, and a minute passing re-read the list
 * (new alerts of the Troop that this desk does not receive appear within that minute).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { TROOP_HOURS, type TroopAlerts } from '../../shared/ipc-troop.js';
import { tas } from '../api.js';
import { useConsole } from '../console/ConsoleContext.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { navigate } from '../router/useRoute.js';
import { pathTo } from '../router/match.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { ago, clockTime } from '../model/time.js';
import { duration, openFor, STEP_WORDS, troopRows, withEntry } from './troopModel.js';
import { TroopMap } from './TroopMap.js';
import { TroopTrail } from './TroopTrail.js';

const REREAD_MS = 60_000;

export function TroopView({ id }: { id?: string }): React.JSX.Element {
  const c = useConsole();
  const [hours, setHours] = useState<number>(12);
  const [data, setData] = useState<TroopAlerts>();
  const [problem, setProblem] = useState<HubProblemError>();
  const [readAt, setReadAt] = useState<number>();

  const load = useCallback(async () => {
    const r = await tas().invoke('troop:alerts', { hours });
    if (r.ok) {
      setData(r.value);
      setProblem(undefined);
      setReadAt(Date.now());
    } else {
      setProblem(r.error);
    }
  }, [hours]);

  useEffect(() => {
    void load();
    const api = tas();
    const offs = [
      api.on('troop:entry', (u) =>
        setData((d) => {
          if (!d) return d;
          const merged = withEntry(d.items, u);
          if (!merged.known) void load();
          return { ...d, items: merged.items };
        }),
      ),
      api.on('alerts:alert', () => void load()),
    ];
    const timer = window.setInterval(() => void load(), REREAD_MS);
    return () => {
      offs.forEach((off) => off());
      window.clearInterval(timer);
    };
  }, [load]);

  const rows = useMemo(() => troopRows(data?.items ?? []), [data]);
  const selected = rows.find((r) => r.item.alert.id === id);
  const select = useCallback((alertId: string) => navigate(pathTo('/troop', alertId)), []);
  const unacked = rows.filter((r) => r.standing === 'unacknowledged').length;
  const open = rows.filter((r) => r.standing !== 'closed').length;
  const troop = data ? (data.unit ?? 'All Troops (statewide)') : (c.user.unit ?? 'All Troops (statewide)');

  return (
    <main className="troop" aria-labelledby="troop-title">
      <header className="troop-head">
        <h1 id="troop-title">Troop view · {troop}</h1>
        <p className="troop-counts" data-testid="troop-counts" role="status">
          {data ? (
            <>
              <strong className={unacked ? 'troop-warn' : undefined}>{unacked} not acknowledged</strong> · {open} open · {rows.length} in the last {hours} h
            </>
          ) : (
            'Reading the Troop’s alerts…'
          )}
        </p>
        <label className="troop-hours">
          Show the last
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {TROOP_HOURS.map((h) => (
              <option key={h} value={h}>
                {h} hours
              </option>
            ))}
          </select>
        </label>
        {readAt !== undefined && <span className="muted troop-read">Updated live · list read at {clockTime(new Date(readAt).toISOString())}</span>}
      </header>
      {problem && <HubProblem error={problem} what="the Troop’s alerts" onRetry={() => void load()} />}
      {data?.truncated && <p className="form-info">More alerts than one page in this window: the newest are shown. Choose fewer hours to see them all.</p>}
      <div className="troop-body">
        <div className="troop-list">
          {data && rows.length === 0 ? (
            <p className="empty" data-testid="troop-empty">
              No alerts in {troop} in the last {hours} hours. New ones appear here as they come in; choose more hours to look further back.
            </p>
          ) : (
            <table className="alert-table troop-table" data-testid="troop-table">
              <caption className="sr-only">Alerts of the Troop, not acknowledged first</caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Plate</th>
                  <th scope="col">Camera</th>
                  <th scope="col">Read</th>
                  <th scope="col">Taken by, latest step</th>
                  <th scope="col">Open for</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const hit = r.item.alert.hit;
                  const on = r.item.alert.id === id;
                  return (
                    <tr key={r.item.alert.id} data-alert-id={r.item.alert.id} data-standing={r.standing} className={`troop-row troop-${r.standing}${on ? ' troop-selected' : ''}`} aria-selected={on}>
                      <td>
                        <CategoryBadge category={hit.category} size="small" />
                      </td>
                      <td>
                        <button type="button" className="plate-button mono" onClick={() => select(r.item.alert.id)} aria-label={`Show the trail of ${hit.plate} ${hit.plateState}`}>
                          {hit.plate} {hit.plateState}
                        </button>
                      </td>
                      <td>{hit.camera.name}</td>
                      <td>
                        {clockTime(hit.readAt)} <span className="muted">({ago(r.item.alert.ingestedAt, c.now)})</span>
                      </td>
                      <td data-testid="troop-takers">
                        {r.takers.length === 0 ? (
                          <strong className="troop-warn">NOBODY HAS ACKNOWLEDGED</strong>
                        ) : (
                          r.takers.map((t) => (
                            <div key={t.userId}>
                              {t.name}: {STEP_WORDS[t.step]}
                            </div>
                          ))
                        )}
                      </td>
                      <td>{r.standing === 'closed' ? `closed after ${duration(openFor(r, c.now))}` : duration(openFor(r, c.now))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <div className="troop-side">
          <TroopMap rows={rows} selectedId={id} onSelect={select} dark={c.settings.theme === 'dark'} />
          {selected ? (
            <TroopTrail row={selected} now={c.now} />
          ) : (
            <p className="muted troop-hint">{id ? `Alert “${id}” is not in this Troop’s last ${hours} hours.` : 'Select an alert (its plate, or its dot on the map) to see its trail.'}</p>
          )}
        </div>
      </div>
    </main>
  );
}
