/**
 * The supervisor's Reports screen (`#/reports/:tab?`): the monthly audit report (printable, CSV and
 * PDF through the main process) and the sharing report, for a month and optionally one unit.
 */
import { useState } from 'react';
import { tas } from '../api.js';
import { HubProblem } from '../console/HubProblem.js';
import { useConsole } from '../console/ConsoleContext.js';
import { navigate } from '../router/useRoute.js';
import { DownloadButton } from './DownloadButton.js';
import { ExportsList } from './ExportsList.js';
import { usePeople } from './LogView.js';
import { MonthlyReportView } from './MonthlyReportView.js';
import { SharingReportView } from './SharingReportView.js';
import { useHubAnswer } from './useHubAnswer.js';
import { previousMonth } from './format.js';
import './review.css';

const TABS = [
  ['monthly', 'Monthly audit'],
  ['sharing', 'Sharing'],
  ['exports', 'Exports'],
] as const;
type Tab = (typeof TABS)[number][0];

function Monthly({ month, unit }: { month: string; unit: string }): React.JSX.Element {
  const report = useHubAnswer(
    () => tas().invoke('review:monthly', { month, ...(unit ? { unit } : {}) }),
    `${month}|${unit}`,
  );
  if (report.state === 'loading') return <p role="status">Computing the report for {month}…</p>;
  if (report.state === 'failed')
    return <HubProblem error={report.error} what="the monthly report" onRetry={report.reload} />;
  return <MonthlyReportView report={report.value} />;
}

function Sharing({ month }: { month: string }): React.JSX.Element {
  const report = useHubAnswer(() => tas().invoke('review:sharing', { month }), month);
  if (report.state === 'loading') return <p role="status">Loading the sharing report…</p>;
  if (report.state === 'failed')
    return <HubProblem error={report.error} what="the sharing report" onRetry={report.reload} />;
  return <SharingReportView month={month} report={report.value} />;
}

export function ReportsScreen({ tab }: { tab?: string }): React.JSX.Element {
  const c = useConsole();
  const current: Tab = TABS.some(([t]) => t === tab) ? (tab as Tab) : 'monthly';
  const [month, setMonth] = useState(() => previousMonth(c.now));
  const [unit, setUnit] = useState('');
  const units = [
    ...new Set(
      usePeople()
        .map((p) => p.unit)
        .filter((u): u is string => Boolean(u)),
    ),
  ].sort();
  const file = { month, ...(unit ? { unit } : {}) };

  return (
    <main className="review reports" aria-labelledby="reports-title" data-testid="reports" data-tab={current}>
      <div className="review-top no-print">
        <h1 id="reports-title">Reports</h1>
        <nav aria-label="Reports" className="subtabs">
          {TABS.map(([t, label]) => (
            <button
              key={t}
              type="button"
              className={`tab ${current === t ? 'tab-on' : ''}`}
              aria-current={current === t ? 'page' : undefined}
              onClick={() => navigate(`/reports/${t}`)}
              data-testid={`reports-tab-${t}`}
            >
              {label}
            </button>
          ))}
        </nav>
      </div>
      {current !== 'exports' && (
        <form
          className="log-filters no-print"
          aria-label="Report period"
          onSubmit={(e) => e.preventDefault()}
        >
          <label>
            Month
            <input
              type="month"
              value={month}
              onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)}
              data-testid="report-month"
              required
            />
          </label>
          {current === 'monthly' && (
            <label>
              Unit
              <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="report-unit">
                <option value="">All units</option>
                {units.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </label>
          )}
          {current === 'monthly' && (
            <div className="report-actions">
              <button type="button" className="primary" onClick={() => window.print()}>
                Print
              </button>
              <DownloadButton request={{ what: 'monthly.pdf', ...file }} testId="download-pdf">
                Download PDF
              </DownloadButton>
              <DownloadButton request={{ what: 'monthly.csv', ...file }} testId="download-csv">
                Download CSV
              </DownloadButton>
            </div>
          )}
        </form>
      )}
      {current === 'monthly' && <Monthly month={month} unit={unit} />}
      {current === 'sharing' && <Sharing month={month} />}
      {current === 'exports' && <ExportsList />}
    </main>
  );
}
