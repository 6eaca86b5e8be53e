/** Step 3: the action taken (case number required) or closing the alert with a reason. */
import { useState, type FormEvent } from 'react';
import type { Action, Close } from '../../shared/protocol/ack.js';
import { isValidCaseNumber } from '../../shared/ack/index.js';

const KINDS: [Action['kind'], string][] = [
  ['stop', 'Traffic stop'],
  ['located', 'Vehicle located'],
  ['broadcast', 'Broadcast to units'],
  ['notified_unit', 'Notified a unit'],
  ['no_contact', 'No contact'],
  ['other', 'Other'],
];

const REASONS: [Close['reason'], string][] = [
  ['misread', 'Misread plate'],
  ['not_confirmed', 'Not confirmed in LEADS/NCIC'],
  ['cleared', 'Entry cleared'],
  ['duplicate', 'Duplicate alert'],
  ['out_of_area', 'Out of my area'],
  ['other', 'Other'],
];

export function ActionForm({ onSubmit }: { onSubmit: (a: Action) => Promise<boolean> }): React.JSX.Element {
  const [kind, setKind] = useState<Action['kind']>('stop');
  const [caseNumber, setCaseNumber] = useState('');
  const [note, setNote] = useState('');
  const valid = isValidCaseNumber(caseNumber);

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (!valid) return;
    void onSubmit({ kind, caseNumber: caseNumber.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <form className="action-form" onSubmit={submit} aria-label="Action taken" data-testid="action-form">
      <div className="row">
        <label>
          Action
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Action['kind'])}>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Case number (required)
          <input name="caseNumber" value={caseNumber} maxLength={64} onChange={(e) => setCaseNumber(e.target.value)} required aria-required="true" />
        </label>
      </div>
      <label>
        Note
        <input name="actionNote" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!valid} data-testid="action-submit">
        Record action
      </button>
    </form>
  );
}

export function CloseForm({ onSubmit, defaultReason, primary }: { onSubmit: (c: Close) => Promise<boolean>; defaultReason: Close['reason']; primary: boolean }): React.JSX.Element {
  const [reason, setReason] = useState<Close['reason']>(defaultReason);
  const [note, setNote] = useState('');

  function submit(e: FormEvent): void {
    e.preventDefault();
    void onSubmit({ reason, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <form className="close-form" onSubmit={submit} aria-label="Close the alert" data-testid="close-form">
      <div className="row">
        <label>
          Close reason
          <select name="reason" value={reason} onChange={(e) => setReason(e.target.value as Close['reason'])}>
            {REASONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Note
          <input name="closeNote" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <button type="submit" className={primary ? 'primary' : 'secondary'} data-testid="close-submit">
        Close alert
      </button>
    </form>
  );
}
