/**
 * The strip under the console's top bar: each hot list the hub matches against and how old it is
 * ("NCIC 3 h old", "LEADS 26 h old, stale" in red). Nothing when the hub has no lists.
 */
import { useNow } from '../state/useNow.js';
import { freshnessLine, hitListAge } from './freshness.js';
import { useHotlists } from './useHotlists.js';
import './hotlists.css';

export function HotlistFreshness(): React.JSX.Element | null {
  const lists = useHotlists();
  const now = useNow(60_000);
  if (lists.length === 0) return null;
  const line = freshnessLine(lists, now);
  const stale = line.filter((l) => l.stale).length;
  return (
    <section className="freshness" aria-label="Hot-list freshness" data-testid="hotlist-freshness">
      <span className="freshness-title">Hot lists</span>
      <ul>
        {line.map((l) => (
          <li
            key={l.id}
            className={l.stale ? 'freshness-stale' : undefined}
            data-list={l.id}
            data-stale={l.stale}
            title={`downloaded ${new Date(l.downloadedAt).toLocaleString()}`}
          >
            {l.stale && (
              <span className="freshness-mark" aria-hidden="true">
                !
              </span>
            )}
            {l.text}
          </li>
        ))}
      </ul>
      {stale > 0 && (
        <span className="freshness-note">A stale list may miss new entries and still hold cleared ones.</span>
      )}
    </section>
  );
}

/**
 * The popup's line under the hot-list fact: how old the hit's list is, red when stale. Shown only
 * where the alert is being acted on now (the review's trail would show today's age, not the hit's).
 */
export function HitListAgeLine({ source, now }: { source: string; now: number }): React.JSX.Element | null {
  const listAge = hitListAge(source, useHotlists(), now);
  if (!listAge) return null;
  return (
    <span
      className={`hit-list-age ${listAge.stale ? 'hit-list-age-stale' : ''}`}
      data-testid="hit-list-age"
      data-stale={listAge.stale}
    >
      {listAge.text}
    </span>
  );
}
