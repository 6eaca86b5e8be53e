/** The sharing report: where hits came from (camera networks, hot-list sources) and which agencies exports went to. */
import type { SharingReport } from '../../shared/ipc-review.js';
import { monthName, words } from './format.js';

export function SharingReportView({
  month,
  report,
}: {
  month: string;
  report: SharingReport;
}): React.JSX.Element {
  const received = [...report.received].sort((a, b) => b.hits - a.hits);
  const total = received.reduce((n, r) => n + r.hits, 0);
  return (
    <article className="report-page" data-testid="sharing-report" aria-labelledby="sharing-title">
      <p className="les-mark">Law enforcement sensitive</p>
      <h2 id="sharing-title">Sharing report: {monthName(month)}</h2>
      <div className="report-grid">
        <table className="report-table">
          <caption>Hits received, by camera network and hot-list source</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Source</th>
              <th scope="col">Hits</th>
            </tr>
          </thead>
          <tbody>
            {received.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No hits received this month.
                </td>
              </tr>
            )}
            {received.map((r) => (
              <tr key={`${r.network}|${r.source}`}>
                <td>{words(r.network)}</td>
                <td>{r.source}</td>
                <td className="num">{r.hits.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
          {received.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num">{total.toLocaleString('en-US')}</td>
              </tr>
            </tfoot>
          )}
        </table>
        <table className="report-table">
          <caption>Evidence shared with other agencies</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">State</th>
              <th scope="col">Exports</th>
            </tr>
          </thead>
          <tbody>
            {report.shared.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  Nothing was shared outside the agency this month.
                </td>
              </tr>
            )}
            {report.shared.map((s) => (
              <tr key={`${s.agency}|${s.state}`}>
                <td>{s.agency}</td>
                <td>{s.state}</td>
                <td className="num">{s.exports}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
