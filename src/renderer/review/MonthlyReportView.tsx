/**
 * The monthly audit report (ENF-051 IV.B.4.a) as a printable page: the same content as the hub's
 * GET /reports/monthly (and its CSV and PDF, downloadable here), marked "Law enforcement sensitive"
 * on screen and on every printed page.
 */
import type { MonthlyReport } from '../../shared/ipc-review.js';
import { duration, monthName, percent } from './format.js';

function Count({
  label,
  value,
  of,
  hint,
  testId,
}: {
  label: string;
  value: number;
  of?: number;
  hint?: string;
  testId?: string;
}): React.JSX.Element {
  return (
    <tr data-testid={testId}>
      <th scope="row">
        {label}
        {hint && <span className="hint"> {hint}</span>}
      </th>
      <td className="num">{value.toLocaleString('en-US')}</td>
      <td className="num muted">{of !== undefined ? percent(value, of) : ''}</td>
    </tr>
  );
}

export function MonthlyReportView({ report }: { report: MonthlyReport }): React.JSX.Element {
  const a = report.alerts;
  return (
    <article className="report-page" data-testid="monthly-report" aria-labelledby="monthly-title">
      <p className="les-mark">Law enforcement sensitive</p>
      <h2 id="monthly-title">
        Monthly audit report: {monthName(report.month)}
        <span className="report-unit"> · {report.unit ?? 'all units'}</span>
      </h2>
      <p className="hint">
        Alerts ingested in {monthName(report.month)} (UTC) that were delivered to at least one desk
        {report.unit ? ` of ${report.unit}` : ''}. Times are from the hub receiving the hit to the first step.
      </p>
      <div className="report-grid">
        <table className="report-table">
          <caption>Alerts</caption>
          <tbody>
            <Count label="Delivered" value={a.delivered} testId="r-delivered" />
            <Count label="Acknowledged" value={a.acknowledged} of={a.delivered} testId="r-acknowledged" />
            <Count label="Never acknowledged" value={a.neverAcknowledged} of={a.delivered} testId="r-never" />
            <Count label="Verified" value={a.verified} of={a.delivered} testId="r-verified" />
            <Count label="Confirmed" value={a.confirmed} of={a.verified} testId="r-confirmed" />
            <Count
              label="Not confirmed"
              value={a.notConfirmed}
              of={a.verified}
              hint="(misreads caught)"
              testId="r-not-confirmed"
            />
            <Count label="Action taken" value={a.actionTaken} of={a.delivered} testId="r-action" />
            <Count label="Closed" value={a.closed} of={a.delivered} />
            <Count
              label="Escalated (10 min unverified)"
              value={a.escalated}
              of={a.delivered}
              testId="r-escalated"
            />
          </tbody>
        </table>
        <div>
          <table className="report-table">
            <caption>Time to act</caption>
            <thead>
              <tr>
                <td />
                <th scope="col" className="num">
                  median (p50)
                </th>
                <th scope="col" className="num">
                  p90
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">To acknowledge</th>
                <td className="num">{duration(report.timeToAcknowledgeMs.p50)}</td>
                <td className="num">{duration(report.timeToAcknowledgeMs.p90)}</td>
              </tr>
              <tr>
                <th scope="row">To verify</th>
                <td className="num">{duration(report.timeToVerifyMs.p50)}</td>
                <td className="num">{duration(report.timeToVerifyMs.p90)}</td>
              </tr>
            </tbody>
          </table>
          <table className="report-table">
            <caption>Use of the system</caption>
            <tbody>
              <Count label="Refused steps" value={report.refusals} />
              <Count label="Failed sign-ins" value={report.failedLogins} />
              <Count label="Lockouts" value={report.lockouts} />
              <Count label="Zone changes" value={report.zoneChanges} />
              <Count label="Plate searches" value={report.searches} />
              <Count label="Exports" value={report.exports} />
            </tbody>
          </table>
        </div>
      </div>
      <table className="report-table wide">
        <caption>By user</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col" className="num">
              Acknowledged
            </th>
            <th scope="col" className="num">
              Verified
            </th>
            <th scope="col" className="num">
              Action taken
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byUser.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Nobody acknowledged an alert this month.
              </td>
            </tr>
          )}
          {report.byUser.map((u) => (
            <tr key={u.userId}>
              <th scope="row">{u.username}</th>
              <td className="num">{u.acknowledged}</td>
              <td className="num">{u.verified}</td>
              <td className="num">{u.actionTaken}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="report-table wide">
        <caption>Certification or training lapsing within 60 days of the month’s end</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">LEADS certified until</th>
            <th scope="col">ALPR training completed</th>
          </tr>
        </thead>
        <tbody>
          {report.certificationsLapsing.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                None.
              </td>
            </tr>
          )}
          {report.certificationsLapsing.map((u) => (
            <tr key={u.userId}>
              <th scope="row">{u.username}</th>
              <td>{u.leadsCertifiedUntil?.slice(0, 10) ?? 'unknown'}</td>
              <td>{u.trainedAt?.slice(0, 10) ?? 'unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="les-mark les-foot">
        Law enforcement sensitive: share only with law enforcement for a legitimate purpose (ENF-051 V.A).
      </p>
    </article>
  );
}
