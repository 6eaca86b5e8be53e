/**
 * The record of read searches (GET /reads/searches), for supervisors: who searched which plate,
 * when, why and for which case, and how many reads it answered, newest first. Read again after
 * each search made on this screen.
 */
import { useEffect, useState } from 'react';
import type { ReadSearchRecord } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';

const when = (iso: string): string => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', hour12: false });

export function RecordedSearches({ refresh }: { refresh: number }): React.JSX.Element {
  const [items, setItems] = useState<ReadSearchRecord[]>();
  const [problem, setProblem] = useState<HubProblemError>();

  useEffect(() => {
    let live = true;
    void tas()
      .invoke('reads:searches', { limit: 50 })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setItems(r.value.items);
          setProblem(undefined);
        } else setProblem(r.error);
      });
    return () => {
      live = false;
    };
  }, [refresh]);

  return (
    <section className="reads-record" aria-labelledby="reads-record-title" data-testid="reads-record">
      <h2 id="reads-record-title">Recorded searches</h2>
      <p className="hint">The last 50 searches of the reads by anyone, as the hub recorded them (counted in the monthly report).</p>
      {problem && <HubProblem error={problem} what="the recorded searches" />}
      {items?.length === 0 && <p className="empty">Nobody has searched the reads yet.</p>}
      {items && items.length > 0 && (
        <table className="alert-table" data-testid="reads-record-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Plate</th>
              <th scope="col">Purpose</th>
              <th scope="col">Case</th>
              <th scope="col">Reads found</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-testid="reads-record-row">
                <td className="nowrap">{when(s.at)}</td>
                <td>
                  {s.username}
                  {s.domain === 'motor_carrier' && <span className="muted"> (motor carrier)</span>}
                </td>
                <td className="mono">{s.plate}</td>
                <td>{s.purpose}</td>
                <td className="mono">{s.caseNumber}</td>
                <td>{s.results}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
