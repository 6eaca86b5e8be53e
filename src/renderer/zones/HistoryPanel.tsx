/**
 * A zone's history from the hub (GET /zones/:id/history): who changed it, when, and how; any
 * version can be shown on the map (before dashed orange, after solid green) and restored, which is
 * a new change saved like any other and so recorded in the history too.
 */
import { useEffect, useState } from 'react';
import type { ZoneChange } from '../../shared/ipc-zones.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { tas } from '../api.js';
import { ago } from '../model/time.js';

const CHANGE_WORDS: Record<string, string> = { create: 'Created', created: 'Created', update: 'Changed', updated: 'Changed', delete: 'Deleted', deleted: 'Deleted' };

export function HistoryPanel({
  zoneId,
  version,
  people,
  now,
  shown,
  onShow,
  onRestore,
}: {
  zoneId: string;
  /** The zone's updatedAt: the history is read again whenever the zone changes. */
  version?: string;
  people: ReadonlyMap<string, PublicUser>;
  now: number;
  shown?: number;
  onShow: (index: number | undefined, change?: ZoneChange) => void;
  onRestore: (zone: Zone) => void;
}): React.JSX.Element {
  const [items, setItems] = useState<ZoneChange[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    setItems(undefined);
    void tas()
      .invoke('zones:history', { id: zoneId })
      .then((a) => {
        if (cancelled) return;
        if (a.ok) setItems([...a.value].reverse());
        else setError(a.error.message);
      });
    return () => {
      cancelled = true;
    };
  }, [zoneId, version]);

  return (
    <section className="zone-history" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      {error ? (
        <p className="form-error">{error}</p>
      ) : !items ? (
        <p className="muted">Reading…</p>
      ) : (
        <ol className="history-list" data-testid="history-list">
          {items.map((h, i) => {
            const zone = h.zone ?? h.before;
            const latest = i === 0;
            return (
              <li key={`${h.changedAt}-${i}`} className={shown === i ? 'history-on' : ''}>
                <div>
                  <strong>{CHANGE_WORDS[h.change] ?? h.change}</strong> {ago(h.changedAt, now)} by {people.get(h.changedBy)?.displayName ?? h.changedBy}
                  <span className="muted"> · {new Date(h.changedAt).toLocaleString('en-US')}</span>
                  {latest && <span className="muted"> · current</span>}
                </div>
                <div className="history-actions">
                  <button type="button" aria-pressed={shown === i} onClick={() => onShow(shown === i ? undefined : i, h)}>
                    {shown === i ? 'Hide on map' : 'Show on map'}
                  </button>
                  {!latest && zone && (
                    <button type="button" onClick={() => onRestore(zone)}>
                      Restore this version
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
