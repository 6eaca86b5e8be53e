/**
 * Every export the hub has recorded (the log as CSV, the monthly report as CSV or PDF, an alert's
 * evidence): who, what, when and with which filters. Exports are CJI leaving the system; a
 * supervisor sees each one here, including their own.
 */
import { tas } from '../api.js';
import { HubProblem } from '../console/HubProblem.js';
import { useHubAnswer } from './useHubAnswer.js';
import { dateTime } from './format.js';

export function ExportsList(): React.JSX.Element {
  const list = useHubAnswer(() => tas().invoke('review:exports'), 'exports');
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">Exports recorded by the hub</h2>
      <p className="hint">
        Every download of the log or a report, and every evidence export, newest first. Your own downloads
        from this screen appear here too.
      </p>
      {list.state === 'loading' && <p role="status">Loading…</p>}
      {list.state === 'failed' && (
        <HubProblem error={list.error} what="the export record" onRetry={list.reload} />
      )}
      {list.state === 'ok' &&
        (list.value.items.length === 0 ? (
          <p className="empty">Nothing has been exported yet.</p>
        ) : (
          <table className="review-table" data-testid="exports-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.value.items.map((x, i) => (
                <tr key={`${x.at}-${i}`} data-action={x.action}>
                  <td className="mono-num">{dateTime(x.at)}</td>
                  <td>{x.username ?? ''}</td>
                  <td>{x.what}</td>
                  <td>{x.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
