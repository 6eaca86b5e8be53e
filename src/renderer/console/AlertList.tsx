/** The console: every alert this desk holds, newest first, with where this user stands on it. */
import type { AlertView } from '../../shared/ipc.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { myProgress } from '../model/progress.js';
import { ago, clockTime } from '../model/time.js';

function standing(view: AlertView, userId: string): string {
  const p = myProgress(view, userId);
  if (p.refused.length) return 'refused by hub';
  if (p.closed) return 'closed';
  if (p.actionTaken) return 'action taken';
  if (p.verified) return p.verification?.result === 'confirmed' ? 'verified' : `verified: ${p.verification?.result.replace('_', ' ')}`;
  if (p.acknowledged) return p.pending.length ? 'acknowledged (pending)' : 'acknowledged';
  return 'NEW';
}

export function AlertList({
  alerts,
  older = [],
  userId,
  now,
  onOpen,
  children,
}: {
  alerts: AlertView[];
  /** Alerts read back from the desk's store, below the recent ones (they arrived before them). */
  older?: AlertView[];
  userId: string;
  now: number;
  onOpen: (id: string) => void;
  /** Shown under the table: the control that reads older alerts. */
  children?: React.ReactNode;
}): React.JSX.Element {
  const recent = new Set(alerts.map((v) => v.alert.id));
  const rows = [...[...alerts].sort((a, b) => b.seq - a.seq), ...older.filter((v) => !recent.has(v.alert.id))];
  return (
    <main className="console" aria-labelledby="console-title">
      <h1 id="console-title">Alerts</h1>
      {rows.length === 0 ? (
        <p className="empty" data-testid="no-alerts">
          No alerts yet. This desk is listening; new alerts open on top with a sound.
        </p>
      ) : (
        <table className="alert-table" data-testid="alert-table">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Plate</th>
              <th scope="col">Camera</th>
              <th scope="col">Read</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.alert.id} data-alert-id={v.alert.id}>
                <td>
                  <CategoryBadge category={v.alert.hit.category} size="small" />
                </td>
                <td className="mono">
                  {v.alert.hit.plate} {v.alert.hit.plateState}
                </td>
                <td>{v.alert.hit.camera.name}</td>
                <td>
                  {clockTime(v.alert.hit.readAt)} <span className="muted">({ago(v.alert.hit.readAt, now)})</span>
                </td>
                <td>{standing(v, userId)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => onOpen(v.alert.id)} aria-label={`Open alert ${v.alert.hit.plate}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children}
    </main>
  );
}
