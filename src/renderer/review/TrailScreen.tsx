/**
 * One alert's whole trail on one page (`#/trail/<alert id>`): the hit with its images and map, then
 * every delivery, step, refused attempt, escalation and export in time order. Without an id, a box
 * to look an alert up by its id (a complaint or a court request names one).
 */
import { lazy, Suspense, useState } from 'react';
import type { AlertTrail } from '../../shared/ipc-review.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { AlertFacts } from '../popup/AlertFacts.js';
import { HitImages } from '../popup/HitImages.js';
import { PlatePair } from '../popup/PlatePair.js';
import { HubProblem } from '../console/HubProblem.js';
import { useConsole } from '../console/ConsoleContext.js';
import { Link } from '../router/Link.js';
import { navigate } from '../router/useRoute.js';
import { tas } from '../api.js';
import { useHubAnswer } from './useHubAnswer.js';
import { dateTime } from './format.js';
import { clockSkew, timeline } from './timeline.js';
import './review.css';

const AlertMap = lazy(() => import('../map/AlertMap.js'));
/** The supervisor has no zones of their own; one array, so the map is not rebuilt on every render. */
const NO_ZONES: [] = [];

function LookUp(): React.JSX.Element {
  const [id, setId] = useState('');
  return (
    <main className="review" aria-labelledby="trail-title">
      <h1 id="trail-title">Alert trail</h1>
      <p className="hint">
        Open an alert from the acknowledgement log, or type its id (as a report or a request names it).
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim()) navigate(`/trail/${encodeURIComponent(id.trim())}`);
        }}
      >
        <label className="grow">
          Alert id
          <input
            value={id}
            onChange={(e) => setId(e.target.value)}
            maxLength={128}
            placeholder="e.g. vm-20261128-000123"
            data-testid="trail-id"
          />
        </label>
        <button type="submit" className="primary">
          Open trail
        </button>
      </form>
    </main>
  );
}

function Timeline({ trail }: { trail: AlertTrail }): React.JSX.Element {
  const moments = timeline(trail);
  return (
    <table className="review-table timeline" data-testid="timeline">
      <caption className="sr-only">Everything that happened to this alert, in time order</caption>
      <thead>
        <tr>
          <th scope="col">Time (hub)</th>
          <th scope="col">What</th>
          <th scope="col">Who</th>
          <th scope="col">Desk (installation)</th>
          <th scope="col">Desk time</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {moments.map((m, i) => {
          const skew = m.deskAt ? clockSkew(m.deskAt, m.at) : undefined;
          return (
            <tr key={`${m.kind}-${m.seq ?? i}`} className={`moment moment-${m.kind}`} data-kind={m.kind}>
              <td className="mono-num">{dateTime(m.at)}</td>
              <td>
                <strong>{m.title}</strong>
                {m.seq !== undefined && <span className="muted"> · log #{m.seq}</span>}
              </td>
              <td>{m.who ?? ''}</td>
              <td className="desk-id">{m.desk ?? ''}</td>
              <td className="mono-num">
                {m.deskAt ? dateTime(m.deskAt) : ''}
                {skew && <span className="skew"> ({skew})</span>}
              </td>
              <td>{m.detail ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TrailScreen({ id }: { id?: string }): React.JSX.Element {
  const c = useConsole();
  const [county, setCounty] = useState<string>();
  const trail = useHubAnswer(
    () =>
      id
        ? tas().invoke('review:trail', { alertId: id })
        : Promise.resolve({ ok: false as const, error: { code: 'none', message: '' } }),
    id ?? '',
  );
  if (!id) return <LookUp />;
  if (trail.state === 'loading') {
    return (
      <main className="review" aria-labelledby="trail-title">
        <h1 id="trail-title">Alert trail</h1>
        <p role="status">Loading the trail of {id}…</p>
      </main>
    );
  }
  if (trail.state === 'failed') {
    return (
      <main className="review" aria-labelledby="trail-title">
        <h1 id="trail-title">Alert trail: {id}</h1>
        <HubProblem error={trail.error} what="this alert's trail" onRetry={trail.reload} />
        <p>
          <Link to="/review">Back to the log</Link>
        </p>
      </main>
    );
  }
  const t = trail.value;
  const hit = t.alert.hit;
  const delivered = new Set(t.receipts.map((r) => r.userId)).size;
  return (
    <main className="review trail" aria-labelledby="trail-title" data-testid="trail">
      <p className="crumbs">
        <Link to="/review">Acknowledgement log</Link> › Alert trail
      </p>
      <div className="trail-head">
        <CategoryBadge category={hit.category} />
        <h1 id="trail-title">
          Alert <span className="mono">{t.alert.id}</span>
        </h1>
        <span className="muted">
          {t.seq !== undefined ? `hub #${t.seq} · ` : ''}received {dateTime(t.alert.ingestedAt)} · delivered
          to {delivered} {delivered === 1 ? 'user' : 'users'} · {t.trail.length} log{' '}
          {t.trail.length === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      {t.escalation && (
        <p className="escalated-note" data-testid="trail-escalated">
          Escalated at {dateTime(t.escalation.escalatedAt)}: nobody verified it within 10 minutes of delivery.
        </p>
      )}
      <PlatePair
        read={hit.plate}
        readState={hit.plateState}
        listed={hit.hotlist.plate}
        listedState={hit.hotlist.state}
      />
      <div className="alert-body">
        <div>
          <AlertFacts hit={hit} now={c.now} {...(county ? { county } : {})} />
          <HitImages images={hit.images} />
        </div>
        <Suspense fallback={<div className="map map-loading">Loading map…</div>}>
          <AlertMap
            hit={hit}
            zones={NO_ZONES}
            {...(c.settings.mapStyleUrl ? { styleUrl: c.settings.mapStyleUrl } : {})}
            dark={c.settings.theme === 'dark'}
            onCounty={setCounty}
          />
        </Suspense>
      </div>
      <h2>What happened, in order</h2>
      <Timeline trail={t} />
    </main>
  );
}
