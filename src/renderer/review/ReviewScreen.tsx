/**
 * The supervisor's Review screen (`#/review/:tab?`): the acknowledgement log, refused attempts,
 * metrics and the chain check, one tab each, the chain's state always in view at the top.
 */
import { lazy, Suspense } from 'react';
import { navigate } from '../router/useRoute.js';
import { ChainCheck } from './ChainCheck.js';
import { LogView } from './LogView.js';
import { RefusalsView } from './RefusalsView.js';
import './review.css';

const MetricsView = lazy(() => import('./MetricsView.js'));

export const REVIEW_TABS = [
  ['log', 'Log'],
  ['refused', 'Refused attempts'],
  ['metrics', 'Metrics'],
  ['chain', 'Chain check'],
] as const;
type Tab = (typeof REVIEW_TABS)[number][0];

export function ReviewScreen({ tab }: { tab?: string }): React.JSX.Element {
  const current: Tab = REVIEW_TABS.some(([t]) => t === tab) ? (tab as Tab) : 'log';
  return (
    <main className="review" aria-labelledby="review-title" data-testid="review" data-tab={current}>
      <div className="review-top">
        <h1 id="review-title">Review</h1>
        <nav aria-label="Review" className="subtabs">
          {REVIEW_TABS.map(([t, label]) => (
            <button
              key={t}
              type="button"
              className={`tab ${current === t ? 'tab-on' : ''}`}
              aria-current={current === t ? 'page' : undefined}
              onClick={() => navigate(`/review/${t}`)}
              data-testid={`review-tab-${t}`}
            >
              {label}
            </button>
          ))}
        </nav>
        {current !== 'chain' && <ChainCheck compact />}
      </div>
      {current === 'log' && <LogView />}
      {current === 'refused' && <RefusalsView />}
      {current === 'metrics' && (
        <Suspense fallback={<p role="status">Loading charts…</p>}>
          <MetricsView />
        </Suspense>
      )}
      {current === 'chain' && (
        <section aria-labelledby="chain-title">
          <h2 id="chain-title">Chain check</h2>
          <p className="hint">
            Every log entry carries the hash of the one before it. The hub recomputes the whole chain from the
            first entry: one entry changed, removed or inserted by hand breaks it from there on.
          </p>
          <ChainCheck />
        </section>
      )}
    </main>
  );
}
