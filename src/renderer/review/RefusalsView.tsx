/**
 * Refused attempts in their own view: every acknowledgement event the hub turned down (an action
 * without a confirmed verification, a step after close...), who tried it, when, and why.
 */
import { useMemo, useState } from 'react';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { HubProblem } from '../console/HubProblem.js';
import { Link } from '../router/Link.js';
import { tas } from '../api.js';
import { dateTime, STEP_WORDS, words } from './format.js';
import { dayEnd, dayStart } from './format.js';
import { useHubAnswer } from './useHubAnswer.js';

export function RefusalsView(): React.JSX.Element {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = useMemo(() => {
    const since = from ? dayStart(from) : undefined;
    const until = to ? dayEnd(to) : undefined;
    return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
  }, [from, to]);
  const refusals = useHubAnswer(() => tas().invoke('review:refusals', filter), JSON.stringify(filter));

  return (
    <section aria-labelledby="refusals-title">
      <h2 id="refusals-title">Refused attempts</h2>
      <p className="hint">
        Steps the hub refused: most often an action recorded before a confirmed, attested verification. Each
        one was stopped; none is in the log.
      </p>
      <form className="log-filters" aria-label="Refusal period" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {refusals.state === 'loading' && <p role="status">Loading…</p>}
      {refusals.state === 'failed' && (
        <HubProblem error={refusals.error} what="refused attempts" onRetry={refusals.reload} />
      )}
      {refusals.state === 'ok' &&
        (refusals.value.items.length === 0 ? (
          <p className="empty" data-testid="no-refusals">
            No refused attempts in this period.
          </p>
        ) : (
          <table className="review-table" data-testid="refusals-table">
            <thead>
              <tr>
                <th scope="col">Time (desk)</th>
                <th scope="col">Alert</th>
                <th scope="col">Category</th>
                <th scope="col">User</th>
                <th scope="col">Unit</th>
                <th scope="col">Attempted step</th>
                <th scope="col">Why the hub refused</th>
              </tr>
            </thead>
            <tbody>
              {refusals.value.items.map((r) => (
                <tr key={r.eventId}>
                  <td className="mono-num">{dateTime(r.at)}</td>
                  <td>
                    <Link to={`/trail/${encodeURIComponent(r.alertId)}`}>{r.plate ?? r.alertId}</Link>
                  </td>
                  <td>{r.category ? <CategoryBadge category={r.category} size="small" /> : ''}</td>
                  <td>{r.username}</td>
                  <td>{r.unit ?? ''}</td>
                  <td>{STEP_WORDS[r.type as keyof typeof STEP_WORDS] ?? words(r.type)}</td>
                  <td>
                    <span className="refusal-code mono">{r.error.code}</span> {r.error.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
