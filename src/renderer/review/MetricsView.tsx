/**
 * Metrics for a period (default: the last 30 days), for all units or one: the counts a supervisor
 * checks (delivered, acknowledged, verified, confirmed, NOT confirmed, action taken, never
 * acknowledged) with p50/p90 times, per unit and per user; and charts where looking beats reading:
 * time to verify by day, alerts by category, alerts by hour of day. Lazy-loaded with uPlot.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { MetricCounts, Metrics } from '../../shared/ipc-review.js';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { tas } from '../api.js';
import { HubProblem } from '../console/HubProblem.js';
import { useConsole } from '../console/ConsoleContext.js';
import { usePeople } from './LogView.js';
import { useHubAnswer } from './useHubAnswer.js';
import { dayEnd, dayStart, duration, percent } from './format.js';

const TimeChart = lazy(() => import('./TimeChart.js'));

const DAY_MS = 86_400_000;
const p2 = (n: number): string => String(n).padStart(2, '0');
const localDay = (t: number): string => {
  const d = new Date(t);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
};
const minutes = (ms: number): string =>
  ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`;
const hourLabel = (h: number): string => `${p2(h)}:00`;
const dayLabel = (s: number): string => {
  const d = new Date(s * 1000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
};

function Cards({ m }: { m: MetricCounts }): React.JSX.Element {
  const cards: [string, string, boolean?][] = [
    ['Delivered', m.delivered.toLocaleString('en-US')],
    ['Acknowledged', `${m.acknowledged.toLocaleString('en-US')} (${percent(m.acknowledged, m.delivered)})`],
    ['Never acknowledged', m.neverAcknowledged.toLocaleString('en-US'), m.neverAcknowledged > 0],
    ['Verified', `${m.verified.toLocaleString('en-US')} (${percent(m.verified, m.delivered)})`],
    ['Confirmed', m.confirmed.toLocaleString('en-US')],
    ['NOT confirmed (misreads caught)', m.notConfirmed.toLocaleString('en-US')],
    ['Action taken', m.actionTaken.toLocaleString('en-US')],
    [
      'Time to acknowledge p50 / p90',
      `${duration(m.timeToAcknowledgeMs.p50)} / ${duration(m.timeToAcknowledgeMs.p90)}`,
    ],
    [
      'Time to verify p50 / p90',
      `${duration(m.timeToVerifyMs.p50)} / ${duration(m.timeToVerifyMs.p90)}`,
      m.timeToVerifyMs.p90 > 10 * 60_000,
    ],
  ];
  return (
    <dl className="metric-cards" data-testid="metric-cards">
      {cards.map(([label, value, bad]) => (
        <div key={label} className={`metric${bad ? ' metric-bad' : ''}`}>
          <dt className="metric-label">{label}</dt>
          <dd className="metric-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CountsTable({
  caption,
  rows,
  testId,
}: {
  caption: string;
  rows: { key: string; name: string; m: MetricCounts }[];
  testId: string;
}): React.JSX.Element {
  return (
    <table className="review-table per-table" data-testid={testId}>
      <caption className="report-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption.startsWith('By unit') ? 'Unit' : 'User'}</th>
          <th scope="col" className="num">
            Delivered
          </th>
          <th scope="col" className="num">
            Ack.
          </th>
          <th scope="col" className="num">
            Verified
          </th>
          <th scope="col" className="num">
            Confirmed
          </th>
          <th scope="col" className="num">
            Not conf.
          </th>
          <th scope="col" className="num">
            Action
          </th>
          <th scope="col" className="num">
            Never ack.
          </th>
          <th scope="col" className="num">
            Ack. p50 / p90
          </th>
          <th scope="col" className="num">
            Verify p50 / p90
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={10} className="muted">
              Nothing in this period.
            </td>
          </tr>
        )}
        {rows.map(({ key, name, m }) => (
          <tr key={key}>
            <th scope="row">{name}</th>
            <td className="num">{m.delivered}</td>
            <td className="num">{m.acknowledged}</td>
            <td className="num">{m.verified}</td>
            <td className="num">{m.confirmed}</td>
            <td className="num">{m.notConfirmed}</td>
            <td className="num">{m.actionTaken}</td>
            <td className="num">{m.neverAcknowledged}</td>
            <td className="num">
              {duration(m.timeToAcknowledgeMs.p50)} / {duration(m.timeToAcknowledgeMs.p90)}
            </td>
            <td className="num">
              {duration(m.timeToVerifyMs.p50)} / {duration(m.timeToVerifyMs.p90)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The UTC days from `from` to `to` (YYYY-MM-DD), at most a year of them. */
function periodDays(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 366; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function Charts({ m, from, to }: { m: Metrics; from: string; to: string }): React.JSX.Element {
  const days = useMemo(() => {
    const rows = [...m.timeToVerifyByDay].sort((a, b) => a.day.localeCompare(b.day));
    // Every day of the period on the axis, empty where nothing was verified: the supervisor sees
    // the period chosen, and one day of data is a point on it, not a chart of its own.
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const axis = [...new Set([...periodDays(from, to), ...rows.map((r) => r.day)])].sort();
    return {
      x: axis.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000),
      series: [
        { label: 'median (p50)', values: axis.map((d) => byDay.get(d)?.p50 ?? null), colour: '--accent' },
        {
          label: 'p90',
          values: axis.map((d) => byDay.get(d)?.p90 ?? null),
          colour: '--danger-fg',
          dash: [6, 4],
        },
      ],
      rows,
    };
  }, [m.timeToVerifyByDay, from, to]);
  const hours = useMemo(() => {
    const counts = Array.from({ length: 24 }, (_, h) => m.byHour.find((r) => r.hour === h)?.alerts ?? 0);
    return {
      x: counts.map((_, h) => h),
      series: [{ label: 'alerts', values: counts, colour: '--accent' }],
      counts,
    };
  }, [m.byHour]);
  const categories = [...m.byCategory].sort((a, b) => b.alerts - a.alerts);
  const top = Math.max(1, ...categories.map((c) => c.alerts));
  const busiest = hours.counts.indexOf(Math.max(...hours.counts));
  const worstDay = days.rows.reduce<(typeof days.rows)[number] | undefined>(
    (w, r) => (r.p90 !== null && (w?.p90 ?? -1) < r.p90 ? r : w),
    undefined,
  );

  return (
    <div className="charts">
      <section className="chart-card" aria-labelledby="chart-verify">
        <h3 id="chart-verify">Time to verify, by day</h3>
        <Suspense fallback={<div className="chart" />}>
          <TimeChart
            x={days.x}
            series={days.series}
            kind="lines"
            xIsTime
            xLabel="Day (UTC)"
            yLabel="time to verify"
            formatY={minutes}
            formatX={dayLabel}
            label={
              days.rows.length
                ? `Time to verify by day over ${days.rows.length} days; the slowest p90 was ${worstDay ? `${duration(worstDay.p90)} on ${worstDay.day}` : 'none'}.`
                : 'No verifications in this period.'
            }
            testId="chart-verify"
          />
        </Suspense>
        <details className="data">
          <summary>As a table</summary>
          <table className="review-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Verified</th>
                <th scope="col">p50</th>
                <th scope="col">p90</th>
              </tr>
            </thead>
            <tbody>
              {days.rows.map((r) => (
                <tr key={r.day}>
                  <td>{r.day}</td>
                  <td className="num">{r.alerts}</td>
                  <td className="num">{duration(r.p50)}</td>
                  <td className="num">{duration(r.p90)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <section className="chart-card" aria-labelledby="chart-hour">
        <h3 id="chart-hour">Alerts by hour of day (UTC)</h3>
        <Suspense fallback={<div className="chart" />}>
          <TimeChart
            x={hours.x}
            series={hours.series}
            kind="bars"
            xIsTime={false}
            xLabel="Hour (UTC)"
            yLabel="alerts"
            formatY={(v) => String(Math.round(v))}
            formatX={hourLabel}
            label={`Alerts by hour of day; the busiest hour is ${hourLabel(busiest)} with ${hours.counts[busiest] ?? 0} alerts.`}
            testId="chart-hour"
          />
        </Suspense>
      </section>
      <section className="chart-card" aria-labelledby="chart-category">
        <h3 id="chart-category">Alerts by category</h3>
        {/* Bars with their names written out: category names are too long for a chart axis. */}
        <ul className="hbars" data-testid="chart-category">
          {categories.length === 0 && <li className="muted">No alerts in this period.</li>}
          {categories.map((c) => (
            <li key={c.category} className="hbar">
              <span>{CATEGORY_LABELS[c.category]}</span>
              <span className="hbar-track" aria-hidden="true">
                <span className="hbar-fill" style={{ width: `${(c.alerts / top) * 100}%` }} />
              </span>
              <span className="hbar-count">{c.alerts.toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export default function MetricsView(): React.JSX.Element {
  const c = useConsole();
  const [from, setFrom] = useState(() => localDay(c.now - 29 * DAY_MS));
  const [to, setTo] = useState(() => localDay(c.now));
  const [unit, setUnit] = useState('');
  const people = usePeople();
  const units = [...new Set(people.map((p) => p.unit).filter((u): u is string => Boolean(u)))].sort();
  const since = dayStart(from);
  const until = dayEnd(to);
  const key = `${since}|${until}|${unit}`;
  const m = useHubAnswer(
    () =>
      since && until
        ? tas().invoke('review:metrics', { since, until, ...(unit ? { unit } : {}) })
        : Promise.resolve({
            ok: false as const,
            error: { code: 'invalid_period', message: 'Pick a start and an end day.' },
          }),
    key,
  );

  return (
    <section aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Metrics</h2>
      <form className="log-filters" aria-label="Metrics period" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="metrics-from"
          />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="metrics-to" />
        </label>
        <label>
          Unit
          <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="metrics-unit">
            <option value="">All units</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
      </form>
      {m.state === 'loading' && <p role="status">Counting…</p>}
      {m.state === 'failed' && <HubProblem error={m.error} what="the metrics" onRetry={m.reload} />}
      {m.state === 'ok' && (
        <>
          <Cards m={m.value.totals} />
          <Charts m={m.value} from={from} to={to} />
          {!unit && (
            <CountsTable
              caption="By unit"
              testId="metrics-units"
              rows={m.value.byUnit.map((u) => ({ key: u.unit, name: u.unit, m: u }))}
            />
          )}
          <CountsTable
            caption="By user"
            testId="metrics-users"
            rows={m.value.byUser.map((u) => ({
              key: u.userId,
              name: u.unit ? `${u.username} (${u.unit})` : u.username,
              m: u,
            }))}
          />
        </>
      )}
    </section>
  );
}
