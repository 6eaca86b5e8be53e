/**
 * My alert history: the alerts the hub delivered to me (also those that reached my desk while it
 * was offline and were replayed), searchable by plate, category and day, each with its trail. The
 * desk's own list ("All alerts") holds what this desk still keeps; this one asks the hub.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { HistorySearch, MyAlert } from '../../shared/ipc-history.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../shared/protocol/categories.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { useConsole } from '../console/ConsoleContext.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { dayStart, entryLine, standingOf } from './trailWords.js';
import './history.css';

const when = (iso: string): string => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', hour12: false });

export function HistoryScreen(): React.JSX.Element {
  const { user } = useConsole();
  const [plate, setPlate] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<MyAlert[]>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<HubProblemError>();
  const [open, setOpen] = useState<string>();
  const [busy, setBusy] = useState(false);

  const search = useCallback(
    async (cursor?: string): Promise<void> => {
      const q: HistorySearch = {
        ...(plate.trim() ? { plate: plate.trim() } : {}),
        ...(category ? { category } : {}),
        ...(dayStart(from) ? { since: dayStart(from) } : {}),
        ...(dayStart(to, true) ? { until: dayStart(to, true) } : {}),
        ...(cursor ? { cursor } : {}),
      };
      setBusy(true);
      setProblem(undefined);
      const r = await tas().invoke('history:search', q);
      setBusy(false);
      if (!r.ok) {
        setProblem(r.error);
        return;
      }
      setItems((was) => (cursor ? [...(was ?? []), ...r.value.items] : r.value.items));
      setNext(r.value.nextCursor);
    },
    [plate, category, from, to],
  );
  // The latest alerts on arrival (once: later searches are asked for with the form).
  const [first] = useState(() => search);
  useEffect(() => void first(), [first]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void search();
  };

  return (
    <main className="history" aria-labelledby="history-title" data-testid="history-screen">
      <h1 id="history-title">My alert history</h1>
      <p className="hint">Every alert the hub delivered to you, also those that reached your desk while it was offline, with what was done about it.</p>
      <form className="history-search" onSubmit={submit} aria-label="Search my alerts">
        <label>
          Plate (or part)
          <input value={plate} onChange={(e) => setPlate(e.target.value)} maxLength={20} spellCheck={false} className="mono" data-testid="history-plate" />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as Category | '')} data-testid="history-category">
            <option value="">Any</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="history-from" />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="history-to" />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="history-search">
          Search
        </button>
      </form>
      {problem && <HubProblem error={problem} what="your alert history" onRetry={() => void search()} />}
      {items?.length === 0 && (
        <p className="empty" data-testid="history-empty">
          No alert delivered to you matches.
        </p>
      )}
      {items && items.length > 0 && (
        <table className="alert-table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Category</th>
              <th scope="col">Plate</th>
              <th scope="col">Camera</th>
              <th scope="col">Where you stand</th>
              <th scope="col">
                <span className="sr-only">Trail</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <HistoryRow key={i.alert.id} item={i} userId={user.id} open={open === i.alert.id} onToggle={() => setOpen((o) => (o === i.alert.id ? undefined : i.alert.id))} />
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="secondary" onClick={() => void search(next)} disabled={busy} data-testid="history-more">
          Older alerts
        </button>
      )}
    </main>
  );
}

function HistoryRow({ item, userId, open, onToggle }: { item: MyAlert; userId: string; open: boolean; onToggle: () => void }): React.JSX.Element {
  const hit = item.alert.hit;
  return (
    <>
      <tr data-alert-id={hit.id} data-testid="history-row">
        <td>{when(item.receivedAt ?? item.alert.ingestedAt)}</td>
        <td>
          <CategoryBadge category={hit.category} size="small" />
        </td>
        <td className="mono">
          {hit.plate} <span className="muted">{hit.plateState}</span>
        </td>
        <td>{hit.camera.name}</td>
        <td>{standingOf(item.trail, userId)}</td>
        <td>
          <button type="button" className="secondary" aria-expanded={open} onClick={onToggle} data-testid="history-trail-toggle">
            {open ? 'Hide trail' : `Trail (${item.trail.length})`}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="history-trail">
          <td colSpan={6}>
            <p>
              Read {when(hit.readAt)} · hot list {hit.hotlist.source}: {hit.hotlist.reason}
            </p>
            {item.trail.length === 0 ? (
              <p className="muted">Nobody acknowledged it.</p>
            ) : (
              <ol data-testid="history-trail">
                {item.trail.map((e) => (
                  <li key={e.seq}>
                    <time dateTime={e.serverAt}>{when(e.serverAt)}</time> {entryLine(e)}
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
