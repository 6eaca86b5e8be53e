/**
 * The local hot list (docs/protocol.md 1.1): a trooper or dispatcher adds plates the hub matches
 * like a list entry until they expire, sees their own with the time left, and removes one (asked
 * once more). A supervisor sees everyone's, with the owner, and may remove any. The hub decides
 * what each may see and do; this screen only asks it.
 */
import { useCallback, useEffect, useState } from 'react';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import type { LocalEntry } from '../../shared/protocol/local-entry.js';
import { DEFAULT_POLICY } from '../../shared/protocol/policy.js';
import { tas } from '../api.js';
import { ConfirmButton } from '../admin/OneTimeSecret.js';
import { useConsole } from '../console/ConsoleContext.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { LocalEntryForm } from './LocalEntryForm.js';
import { timeLeft } from './model.js';
import '../admin/admin.css';
import './local-list.css';

const when = (iso: string): string => new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const whenLong = (iso: string): string => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', hour12: false });

/** A supervisor's list can be long: found by plate, owner or case as typed. */
function matches(e: LocalEntry, text: string): boolean {
  const t = text.trim().toUpperCase();
  return !t || e.plate.includes(t.replace(/[\s-]/g, '')) || e.owner.username.toUpperCase().includes(t) || e.caseNumber.toUpperCase().includes(t);
}

export function LocalListScreen(): React.JSX.Element {
  const { user, now } = useConsole();
  const mayAdd = user.roles.includes('trooper') || user.roles.includes('dispatcher');
  const everyone = user.roles.includes('supervisor');
  const [items, setItems] = useState<LocalEntry[]>();
  const [problem, setProblem] = useState<HubProblemError>();
  const [maxDays, setMaxDays] = useState(DEFAULT_POLICY.localEntryMaxDays);
  const [notice, setNotice] = useState<string>();
  const [find, setFind] = useState('');

  const load = useCallback(async (): Promise<void> => {
    const r = await tas().invoke('localEntries:list', {});
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setProblem(undefined);
    setItems(r.value.items);
  }, []);
  useEffect(() => {
    void load();
    void tas()
      .invoke('policy:get')
      .then((p) => setMaxDays(p.localEntryMaxDays));
  }, [load]);

  async function remove(entry: LocalEntry): Promise<void> {
    const r = await tas().invoke('localEntries:remove', { id: entry.id });
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setNotice(`${entry.plate} (${entry.state}) was removed from the local hot list.`);
    setItems((was) => was?.filter((e) => e.id !== entry.id));
  }

  const live = items?.filter((e) => !timeLeft(e.expiresAt, now).expired) ?? [];
  const shown = items?.filter((e) => matches(e, find));
  return (
    <main className="admin-screen local-list" aria-labelledby="local-title" data-testid="local-list-screen">
      <div className="admin-head">
        <h1 id="local-title">Local hot list</h1>
        <span className="hint" data-testid="local-count">
          {items ? `${live.length} active ${live.length === 1 ? 'entry' : 'entries'}${everyone ? ' (everyone’s)' : ''}` : 'Loading…'}
        </span>
      </div>
      <p className="hint local-intro">
        A read of a plate on this list alerts {everyone ? 'the officer who added it' : 'you'}, wherever the camera is, and the desks whose zones it is in, until it expires.
        Every addition and removal is recorded with who made it.
      </p>
      {notice && (
        <p className="local-notice" role="status" data-testid="local-notice">
          {notice}
        </p>
      )}
      {problem && <HubProblem error={problem} what="the local hot list" onRetry={() => void load()} />}
      <div className={mayAdd ? 'admin-split' : undefined}>
        <section aria-labelledby="local-table-title">
          <h2 id="local-table-title" className="sr-only">
            {everyone ? 'Everyone’s entries' : 'Your entries'}
          </h2>
          {items && items.length === 0 && (
            <p className="empty" data-testid="local-empty">
              {everyone ? 'Nobody has a plate on the local hot list.' : 'You have no plate on the local hot list.'}
            </p>
          )}
          {everyone && items && items.length > 0 && (
            <div className="filters">
              <label className="grow">
                Find a plate, officer or case
                <input value={find} onChange={(e) => setFind(e.target.value)} spellCheck={false} autoComplete="off" data-testid="local-find" />
              </label>
              <span className="hint">
                {shown?.length ?? 0} of {items.length} shown
              </span>
            </div>
          )}
          {shown && shown.length > 0 && (
            <div className="table-wrap">
              <table className="admin-table local-table" data-testid="local-table">
                <thead>
                  <tr>
                    <th scope="col">Plate</th>
                    <th scope="col">Category</th>
                    <th scope="col">Alert text</th>
                    <th scope="col">Case · purpose</th>
                    {everyone && <th scope="col">Added by</th>}
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="sr-only">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <EntryRow key={e.id} entry={e} now={now} showOwner={everyone} onRemove={() => void remove(e)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {mayAdd && (
          <aside className="admin-side">
            <LocalEntryForm
              now={now}
              maxDays={maxDays}
              onAdded={(entry) => {
                setNotice(`${entry.plate} (${entry.state}) is on the local hot list until ${whenLong(entry.expiresAt)}.`);
                setItems((was) => [entry, ...(was ?? [])]);
              }}
            />
          </aside>
        )}
      </div>
    </main>
  );
}

function EntryRow({ entry, now, showOwner, onRemove }: { entry: LocalEntry; now: number; showOwner: boolean; onRemove: () => void }): React.JSX.Element {
  const left = timeLeft(entry.expiresAt, now);
  return (
    <tr data-testid="local-row" data-plate={entry.plate} className={left.expired ? 'revoked' : undefined}>
      <td className="nowrap">
        <span className="plate-chip mono">{entry.plate}</span> <span className="muted">{entry.state}</span>
      </td>
      <td>{CATEGORY_LABELS[entry.category]}</td>
      <td className="local-reason">{entry.reason}</td>
      <td>
        <span className="mono nowrap">{entry.caseNumber}</span>
        <br />
        <span className="muted">{entry.purpose}</span>
      </td>
      {showOwner && (
        <td data-testid="local-owner">
          <strong>{entry.owner.username}</strong>
          <br />
          <span className="muted">{when(entry.createdAt)}</span>
        </td>
      )}
      <td>
        <span className={`badge ${left.expired ? 'badge-muted' : left.soon ? 'badge-warn' : 'badge-ok'}`} data-testid="local-left">
          {left.words}
        </span>
        <br />
        <span className="muted">{when(entry.expiresAt)}</span>
      </td>
      <td>
        <ConfirmButton
          label="Remove"
          question={`Remove ${entry.plate} (${entry.state}) from the local hot list? Reads of it will no longer alert anyone.`}
          confirmLabel="Remove entry"
          danger
          onConfirm={onRemove}
        />
      </td>
    </tr>
  );
}
