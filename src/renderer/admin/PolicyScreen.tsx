/**
 * The admin's Policy screen: the agency-wide settings every desk and the hub follow. Mandatory
 * categories are shown locked (ENF-051 V.B: nobody may switch them off); every other setting is
 * one form saved with one PUT, which the hub checks (a refusal names the field) and records with
 * who and when. The history below is read back from the hub's security audit trail.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { CameraNetwork, CATEGORIES, CATEGORY_LABELS, MANDATORY_CATEGORIES, type Category, type Policy } from '../../shared/protocol/index.js';
import type { PolicyChange } from '../../shared/ipc-admin.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { NETWORK_LABELS, policyChanges } from './model/policy.js';
import { useHubList } from './useHubList.js';
import { PolicyStreetMap, streetMapProblem } from './PolicyStreetMap.js';
import { PolicyLeadsQuery, leadsQueryProblem } from './PolicyLeadsQuery.js';
import { PolicyUpdateServer, updateServerProblem } from './PolicyUpdateServer.js';
import { DEFAULT_QUERY_TEMPLATE } from '../../shared/leads/query-text.js';
import './admin.css';

function NumberField({ label, value, min, max, unit, hint, onChange }: { label: string; value: number; min: number; max: number; unit: string; hint?: string; onChange: (n: number) => void }): React.JSX.Element {
  return (
    <label>
      {label}
      <span className="with-unit">
        <input type="number" value={Number.isNaN(value) ? '' : value} min={min} max={max} step={1} required onChange={(e) => onChange(e.target.valueAsNumber)} />
        <span>{unit}</span>
      </span>
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

export function PolicyScreen(): React.JSX.Element {
  const [saved, setSaved] = useState<Policy>();
  const [draft, setDraft] = useState<Policy>();
  const [problem, setProblem] = useState<HubProblemError>();
  const [done, setDone] = useState<string>();
  const readHistory = useCallback(() => tas().invoke('admin:policyHistory'), []);
  const history = useHubList<PolicyChange>(readHistory);

  const load = useCallback(async () => {
    const r = await tas().invoke('admin:policy');
    if (r.ok) {
      setSaved(r.value);
      setDraft(r.value);
    } else setProblem(r.error);
  }, []);
  useEffect(() => void load(), [load]);

  if (!draft || !saved) return <main className="admin-screen">{problem ? <HubProblem error={problem} what="the policy" onRetry={() => void load()} /> : <p>Loading the policy…</p>}</main>;

  const set = (patch: Partial<Policy>): void => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDone(undefined);
  };
  const mandatory = new Set<Category>([...MANDATORY_CATEGORIES, ...draft.mandatoryCategories]);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const streetMap = draft.baseMap?.pmtiles ?? '';
  const setStreetMap = (value: string): void => {
    const { baseMap: _dropped, ...rest } = draft;
    // Empty removes the agency map; the draft keeps what is typed until it is saved.
    setDraft(value.trim() === '' ? (rest as Policy) : { ...rest, baseMap: { pmtiles: value } });
    setDone(undefined);
  };
  const updateServer = draft.updateFeedUrl ?? '';
  const setUpdateServer = (value: string): void => {
    const { updateFeedUrl: _dropped, ...rest } = draft;
    // Empty removes it (desks stop looking for updates); the draft keeps what is typed until it is saved.
    setDraft(value.trim() === '' ? (rest as Policy) : { ...rest, updateFeedUrl: value.trim() });
    setDone(undefined);
  };

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!draft) return;
    setProblem(undefined);
    const r = await tas().invoke('admin:setPolicy', draft);
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setSaved(r.value);
    setDraft(r.value);
    setDone(`Saved at ${new Date().toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false })}. Every desk receives it now.`);
    await history.reload();
  }

  const setNetwork = (network: string, days: number | undefined): void => {
    const next = { ...draft.retentionDaysByNetwork } as Record<string, number>;
    if (days === undefined || Number.isNaN(days)) delete next[network];
    else next[network] = days;
    set({ retentionDaysByNetwork: next as Policy['retentionDaysByNetwork'] });
  };

  return (
    <main className="admin-screen narrow" aria-labelledby="policy-title" data-testid="policy-screen">
      <header className="admin-head">
        <h1 id="policy-title">Policy</h1>
        <span className="muted">Applies to every desk and to the hub</span>
      </header>
      <form onSubmit={(e) => void save(e)} className="policy-form" aria-label="Agency policy">
        <fieldset>
          <legend>Categories</legend>
          <table className="admin-table compact">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Delivered to every user</th>
                <th scope="col">Statewide (whatever the user's zones)</th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((c) => (
                <tr key={c}>
                  <th scope="row">{CATEGORY_LABELS[c]}</th>
                  <td>{mandatory.has(c) ? <span className="badge badge-locked" title="ENF-051 V.B">Mandatory: cannot be switched off</span> : <span className="muted">per user's choice</span>}</td>
                  <td>
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={draft.statewideCategories.includes(c)}
                        onChange={(e) => set({ statewideCategories: CATEGORIES.filter((x) => (x === c ? e.target.checked : draft.statewideCategories.includes(x))) })}
                      />
                      <span className="sr-only">{CATEGORY_LABELS[c]} </span>statewide
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>Retention and replay</legend>
          <div className="row">
            <NumberField label="Detections kept" value={draft.detectionRetentionDays} min={1} max={3650} unit="days" hint="ENF-051 V.C.1: 90 days" onChange={(n) => set({ detectionRetentionDays: n })} />
            <NumberField label="Replay window" value={draft.replayWindowDays} min={1} max={365} unit="days" hint="How far back a desk that was off catches up" onChange={(n) => set({ replayWindowDays: n })} />
          </div>
          <p className="hint">Per camera network (empty: the general retention). ENF-051 V.C.4: FlockOS 30 days.</p>
          <div className="row">
            {CameraNetwork.options.map((n) => (
              <label key={n}>
                {NETWORK_LABELS[n]}
                <span className="with-unit">
                  <input type="number" min={1} max={3650} value={draft.retentionDaysByNetwork[n] ?? ''} onChange={(e) => setNetwork(n, e.target.value === '' ? undefined : e.target.valueAsNumber)} />
                  <span>days</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Sign-in and lock</legend>
          <div className="row">
            <NumberField label="Idle lock after" value={draft.idleLockMinutes} min={1} max={30} unit="minutes" hint="1 to 30 (CJIS AC-11)" onChange={(n) => set({ idleLockMinutes: n })} />
          </div>
          <label className="choice">
            <input type="checkbox" checked={draft.mfaRequired} onChange={(e) => set({ mfaRequired: e.target.checked })} />
            Require a second factor (authenticator app) for every user
          </label>
          {draft.mfaRequired && !saved.mfaRequired && (
            <p className="hint warn" role="note">
              Every account without an authenticator (you too, if you have none) is limited at once to setting one up: the hub refuses its other requests, and its next sign-in asks for the set-up.
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>Hot lists and matching</legend>
          <div className="row">
            <NumberField label="Hot list stale after" value={draft.hotlistStaleHours} min={1} max={8760} unit="hours" hint="Older downloads are flagged stale" onChange={(n) => set({ hotlistStaleHours: n })} />
            <NumberField label="Local entry at most" value={draft.localEntryMaxDays} min={1} max={3650} unit="days" hint="Before a local entry must be renewed" onChange={(n) => set({ localEntryMaxDays: n })} />
          </div>
          <label className="choice">
            <input type="checkbox" checked={draft.ocrEquivalence} onChange={(e) => set({ ocrEquivalence: e.target.checked })} />
            Lookalike matching: also alert when a read differs only in 0/O/D/Q, 1/I/L, 8/B, 5/S, 2/Z, 6/G
          </label>
        </fieldset>
        <PolicyStreetMap value={streetMap} onChange={setStreetMap} />
        <PolicyLeadsQuery value={draft.leadsQuery ?? { template: DEFAULT_QUERY_TEMPLATE }} onChange={(leadsQuery) => set({ leadsQuery })} />
        <PolicyUpdateServer value={updateServer} onChange={setUpdateServer} />
        {problem && <HubProblem error={problem} what="the policy" />}
        {done && (
          <p className="form-ok" role="status">
            {done}
          </p>
        )}
        <div className="actions sticky-actions">
          <button type="submit" className="primary" disabled={!changed || Boolean(streetMapProblem(streetMap)) || Boolean(draft.leadsQuery && leadsQueryProblem(draft.leadsQuery)) || Boolean(updateServerProblem(updateServer))}>
            Save policy
          </button>
          <button type="button" className="secondary" disabled={!changed} onClick={() => setDraft(saved)}>
            Undo changes
          </button>
          {changed && <span className="hint">Unsaved changes</span>}
        </div>
      </form>
      <section aria-labelledby="history-title" className="policy-history" data-testid="policy-history">
        <h2 id="history-title">Changes</h2>
        {history.error && <HubProblem error={history.error} what="the change history" />}
        {history.items?.length === 0 && <p className="empty">No change recorded yet: the hub's defaults apply.</p>}
        <ol>
          {history.items?.map((c) => (
            <li key={`${c.at}-${c.username ?? ''}`} data-testid="policy-change">
              <p>
                <strong>{new Date(c.at).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}</strong> by <strong>{c.username ?? 'unknown'}</strong>
              </p>
              <ul>
                {policyChanges(c.before, c.after).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
