/** One Troop alert in full: the hit, who received it, and every desk's step in order (its trail). */
import type { AckEntry } from '../../shared/protocol/ack.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { clockTime } from '../model/time.js';
import { duration, openFor, STEP_WORDS, takersOf, type TroopRow } from './troopModel.js';

function detail(e: AckEntry): string {
  if (e.type === 'verified' && e.verification) {
    const v = e.verification;
    return `${v.system}: ${v.result.replace('_', ' ')}${v.queryReference ? ` (ref ${v.queryReference})` : ''}${v.plateMatchesImage && v.stateMatches ? '; plate and state checked against the image' : ''}`;
  }
  if (e.type === 'action_taken' && e.action) return `${e.action.kind.replace('_', ' ')}, case ${e.action.caseNumber}`;
  if (e.type === 'closed' && e.close) return `reason: ${e.close.reason.replace('_', ' ')}`;
  return '';
}

const ENTRY_WORDS: Record<AckEntry['type'], string> = { acknowledged: 'Acknowledged', verified: 'Verified', action_taken: 'Action taken', closed: 'Closed' };

export function TroopTrail({ row, now }: { row: TroopRow; now: number }): React.JSX.Element {
  const { alert, trail, receipts } = row.item;
  const hit = alert.hit;
  const names = new Map(receipts.map((r) => [r.userId, r.displayName ?? r.username ?? r.userId]));
  return (
    <section className="troop-trail" aria-labelledby="troop-trail-title" data-testid="troop-trail" data-alert-id={alert.id}>
      <h2 id="troop-trail-title">
        <CategoryBadge category={hit.category} size="small" /> <span className="mono plate-inline">{hit.plate}</span> {hit.plateState}
      </h2>
      <p>
        {hit.camera.name} · read {clockTime(hit.readAt)} · {hit.hotlist.source}: {hit.hotlist.reason}
      </p>
      <p className={row.standing === 'unacknowledged' ? 'troop-warn' : 'muted'}>
        {row.standing === 'closed' ? `Closed after ${duration(openFor(row, now))}` : `Open for ${duration(openFor(row, now))}`}
        {row.standing === 'unacknowledged' ? ': nobody has acknowledged it' : ''}
      </p>
      <h3>Trail</h3>
      {trail.length === 0 ? (
        <p className="muted">No desk has taken it yet.</p>
      ) : (
        <ol className="trail-list">
          {[...trail]
            .sort((a, b) => a.seq - b.seq)
            .map((e) => (
              <li key={e.seq}>
                <span className="trail-time">{clockTime(e.serverAt)}</span> <strong>{names.get(e.userId) ?? e.username}</strong> {ENTRY_WORDS[e.type]}
                {detail(e) && <span className="muted"> · {detail(e)}</span>}
              </li>
            ))}
        </ol>
      )}
      <h3>Delivered to</h3>
      {receipts.length === 0 ? (
        <p className="muted">No desk has received it yet.</p>
      ) : (
        <ul className="receipt-list">
          {receipts.map((r) => {
            const taker = takersOf(row.item).find((t) => t.userId === r.userId);
            return (
              <li key={r.userId}>
                {r.displayName ?? r.username ?? r.userId}
                {r.unit ? ` (${r.unit})` : ''} at {clockTime(r.receivedAt)}
                {taker ? ` · ${STEP_WORDS[taker.step]}` : ' · not taken'}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
