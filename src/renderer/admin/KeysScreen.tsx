/**
 * The admin's Ingest keys screen: one key per vendor adapter or camera feed. A new key is shown
 * once (the hub keeps only its hash); the list says when each key was last used, so a key nobody
 * uses any more stands out; revoking one makes the hub refuse it at once.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { IngestKeyItem } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { ConfirmButton, OneTimeSecret } from './OneTimeSecret.js';
import { useHubList } from './useHubList.js';
import './admin.css';

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

export function KeysScreen(): React.JSX.Element {
  const read = useCallback(() => tas().invoke('admin:keys'), []);
  const { items, error, reload } = useHubList<IngestKeyItem>(read);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [problem, setProblem] = useState<HubProblemError>();
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const r = await tas().invoke('admin:createKey', { name: name.trim() });
      if (!r.ok) setProblem(r.error);
      else {
        setCreated({ name: r.value.name, key: r.value.key });
        setName('');
        await reload();
      }
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: IngestKeyItem): Promise<void> {
    setProblem(undefined);
    const r = await tas().invoke('admin:revokeKey', { id: key.id });
    if (!r.ok) setProblem(r.error);
    await reload();
  }

  const active = (items ?? []).filter((k) => !k.revokedAt);
  const revoked = (items ?? []).filter((k) => k.revokedAt);

  return (
    <main className="admin-screen narrow" aria-labelledby="keys-title" data-testid="keys-screen">
      <header className="admin-head">
        <h1 id="keys-title">Ingest keys</h1>
        <span className="muted">{items ? `${active.length} active` : 'Loading…'}</span>
      </header>
      <p className="muted">Each vendor adapter or camera feed posts hits and reads with a key of its own. A revoked key is refused at once.</p>
      {error && <HubProblem error={error} what="the key list" onRetry={() => void reload()} />}
      {created && (
        <OneTimeSecret
          title={`New key “${created.name}”`}
          secret={created.key}
          instruction="Put it in the adapter's configuration now. The hub keeps only a fingerprint of it; a lost key is revoked and replaced."
          onDone={() => setCreated(undefined)}
        />
      )}
      <form className="row panel" onSubmit={(e) => void create(e)} aria-label="Create an ingest key">
        <label className="grow">
          Name of the adapter or feed
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="e.g. Flock feed, District 2" />
        </label>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          Create key
        </button>
      </form>
      {problem && <HubProblem error={problem} />}
      <table className="admin-table" data-testid="keys-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...active, ...revoked].map((k) => (
            <tr key={k.id} data-testid="key-row" data-name={k.name} className={k.revokedAt ? 'revoked' : undefined}>
              <td>
                <strong>{k.name}</strong>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{k.lastUsedAt ? when(k.lastUsedAt) : <span className="badge badge-muted">never used</span>}</td>
              <td>{k.revokedAt ? <span className="badge badge-danger">Revoked {when(k.revokedAt)}</span> : <span className="badge badge-ok">Active</span>}</td>
              <td>
                {!k.revokedAt && (
                  <ConfirmButton
                    label="Revoke"
                    question={`Revoke “${k.name}”? The hub refuses it from now on; the adapter stops delivering until it gets a new key.`}
                    confirmLabel="Revoke key"
                    danger
                    onConfirm={() => void revoke(k)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items && items.length === 0 && <p className="empty">No ingest keys yet.</p>}
    </main>
  );
}
