/**
 * Adding a plate to the hub's local hot list (docs/protocol.md 1.1): every field the hub requires,
 * checked here with the same schema first so a trooper sees what is missing next to the field, then
 * the hub's own refusal (the expiry cap on its clock) if it still says no. The expiry starts at the
 * policy's longest and cannot be set past it.
 */
import { useState, type FormEvent } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../shared/protocol/categories.js';
import { LocalEntryInput, type LocalEntry } from '../../shared/protocol/local-entry.js';
import { toIssues } from '../../shared/protocol/common.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { latestExpiry, localInputValue, STATE_CODES } from './model.js';

type Field = 'plate' | 'state' | 'category' | 'reason' | 'caseNumber' | 'purpose' | 'expiresAt';

/** Purposes an officer typically states (ENF-051 IV.E.11-12); any other can be typed. */
const PURPOSES = ['Criminal investigation', 'Missing or endangered person', 'Wanted person', 'Stolen vehicle or plate', 'Officer safety'];

export function LocalEntryForm({ now, maxDays, onAdded }: { now: number; maxDays: number; onAdded: (entry: LocalEntry) => void }): React.JSX.Element {
  const latest = latestExpiry(now, maxDays);
  const [plate, setPlate] = useState('');
  const [state, setState] = useState('IL');
  const [category, setCategory] = useState<Category>('local');
  const [reason, setReason] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [purpose, setPurpose] = useState('');
  const [expires, setExpires] = useState(() => localInputValue(latest));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<HubProblemError>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setProblem(undefined);
    const expiresMs = Date.parse(expires);
    const checked = LocalEntryInput.safeParse({
      plate: plate.replace(/[\s-]/g, '').toUpperCase(),
      state,
      category,
      reason,
      caseNumber,
      purpose,
      expiresAt: Number.isNaN(expiresMs) ? '' : new Date(expiresMs).toISOString(),
    });
    const found: Partial<Record<Field, string>> = {};
    if (!checked.success) for (const i of toIssues(checked.error)) found[i.path as Field] ??= i.message;
    if (Number.isNaN(expiresMs)) found.expiresAt = 'choose when the entry stops matching';
    else if (expiresMs <= Date.now()) found.expiresAt = 'the expiry must be in the future';
    else if (expiresMs > latest + 5 * 60_000) found.expiresAt = `at most ${maxDays} days ahead`;
    setErrors(found);
    if (!checked.success || Object.keys(found).length > 0) return;
    setBusy(true);
    const r = await tas().invoke('localEntries:add', checked.data);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    onAdded(r.value);
    setPlate('');
    setReason('');
    setCaseNumber('');
    setPurpose('');
    setExpires(localInputValue(latestExpiry(Date.now(), maxDays)));
  }

  const error = (field: Field): React.JSX.Element | null =>
    errors[field] ? (
      <span className="field-error" id={`local-${field}-error`} data-testid={`local-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const described = (field: Field) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `local-${field}-error` } : {});

  return (
    <form className="local-form stack" onSubmit={(e) => void submit(e)} aria-labelledby="local-form-title" noValidate data-testid="local-form">
      <h2 id="local-form-title">Add a plate</h2>
      <div className="local-plate-row">
        <label>
          Plate
          <input value={plate} onChange={(e) => setPlate(e.target.value.toUpperCase())} maxLength={12} spellCheck={false} autoComplete="off" className="mono plate-input" data-testid="local-plate" {...described('plate')} />
          {error('plate')}
        </label>
        <label>
          State
          <select value={state} onChange={(e) => setState(e.target.value)} data-testid="local-state">
            {STATE_CODES.map((s) => (
              <option key={s} value={s}>
                {s === 'UNK' ? 'UNK (any state)' : s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Category
        <select value={category} onChange={(e) => setCategory(e.target.value as Category)} data-testid="local-category">
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Alert text (what the officer is told)
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. Robbery suspect vehicle" data-testid="local-reason" {...described('reason')} />
        {error('reason')}
      </label>
      <label>
        Case number
        <input value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} maxLength={64} className="mono" autoComplete="off" data-testid="local-case" {...described('caseNumber')} />
        {error('caseNumber')}
      </label>
      <label>
        Purpose
        <input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={500} list="local-purposes" data-testid="local-purpose" {...described('purpose')} />
        <datalist id="local-purposes">
          {PURPOSES.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        {error('purpose')}
      </label>
      <label>
        Expires
        <input type="datetime-local" value={expires} max={localInputValue(latest)} min={localInputValue(now)} onChange={(e) => setExpires(e.target.value)} data-testid="local-expires" {...described('expiresAt')} />
        <span className="hint">At most {maxDays} days (the agency's policy). It stops matching then.</span>
        {error('expiresAt')}
      </label>
      {problem && <HubProblem error={problem} what="the entry was not added" />}
      <button type="submit" className="primary" disabled={busy} data-testid="local-add">
        {busy ? 'Adding…' : 'Add to local hot list'}
      </button>
    </form>
  );
}
