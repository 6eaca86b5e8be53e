/**
 * Whether the acknowledgement log is intact: the hub recomputes the hash chain from the first entry
 * (GET /audit/verify). Green with the entry count and head hash, or red with the first broken entry.
 * Checked when the screen opens and again on demand.
 */
import { tas } from '../api.js';
import { HubProblem } from '../console/HubProblem.js';
import { useHubAnswer } from './useHubAnswer.js';
import { dateTime, shortHash } from './format.js';

export function ChainCheck({ compact = false }: { compact?: boolean }): React.JSX.Element {
  const check = useHubAnswer(() => tas().invoke('review:chain'), 'chain');
  const again = (
    <button
      type="button"
      className="secondary"
      onClick={check.reload}
      disabled={check.state === 'loading'}
      data-testid="chain-recheck"
    >
      Check again
    </button>
  );
  if (check.state === 'failed')
    return <HubProblem error={check.error} what="the log check" onRetry={check.reload} />;
  if (check.state === 'loading') {
    return (
      <div className="chain chain-checking" role="status" data-testid="chain" data-state="checking">
        Checking the log’s hash chain…
      </div>
    );
  }
  const c = check.value;
  const entries = c.entries.toLocaleString('en-US');
  return (
    <div
      className={`chain ${c.ok ? 'chain-ok' : 'chain-broken'}${compact ? ' chain-compact' : ''}`}
      role="status"
      data-testid="chain"
      data-state={c.ok ? 'intact' : 'broken'}
    >
      <span className="chain-mark" aria-hidden="true">
        {c.ok ? '✔' : '✖'}
      </span>
      <div className="chain-text">
        {c.ok ? (
          <strong>Log intact: {entries} entries</strong>
        ) : (
          <strong>
            LOG BROKEN at entry {c.firstBadSeq ?? '?'}: its hash or its link to the entry before does not hold
          </strong>
        )}
        <span>
          {c.ok ? 'head hash ' : 'checked up to '}
          <span className="mono" title={c.head}>
            {shortHash(c.head)}
          </span>
          , checked at {dateTime(c.checkedAt)}
        </span>
        {!c.ok && (
          <span>
            Entries from {c.firstBadSeq ?? 'that one'} on cannot be trusted. Keep the hub’s data folder as it
            is and tell the administrator.
          </span>
        )}
      </div>
      {again}
    </div>
  );
}
