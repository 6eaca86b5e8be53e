/**
 * Step 2: what the trooper found in LEADS/NCIC. Nothing is preselected: the system and the result
 * must be chosen deliberately, and the two attestations are explicit checkboxes, unticked.
 */
import { useState, type FormEvent } from 'react';
import type { Verification } from '../../shared/protocol/ack.js';
import { queryReferenceProblem } from '../../shared/leads/query-text.js';

type System = Verification['system'];
type Result = Verification['result'];

const SYSTEMS: [System, string][] = [
  ['LEADS', 'LEADS'],
  ['NCIC', 'NCIC'],
  ['LEADS+NCIC', 'Both'],
];
const RESULTS: [Result, string][] = [
  ['confirmed', 'Confirmed: still wanted / stolen'],
  ['not_confirmed', 'Not confirmed'],
  ['unable', 'Unable to query'],
];

export function VerifyForm({ onSubmit, disabled, again }: { onSubmit: (v: Verification) => Promise<boolean>; disabled: boolean; again: boolean }): React.JSX.Element {
  const [system, setSystem] = useState<System>();
  const [result, setResult] = useState<Result>();
  const [ref, setRef] = useState('');
  const [plateOk, setPlateOk] = useState(false);
  const [stateOk, setStateOk] = useState(false);
  const [note, setNote] = useState('');

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!system || !result || refProblem) return;
    const v: Verification = { system, result, plateMatchesImage: plateOk, stateMatches: stateOk };
    if (ref.trim()) v.queryReference = ref.trim();
    if (note.trim()) v.note = note.trim();
    if (await onSubmit(v)) {
      setSystem(undefined);
      setResult(undefined);
      setRef('');
      setPlateOk(false);
      setStateOk(false);
      setNote('');
    }
  }

  const refProblem = queryReferenceProblem(ref);
  const confirmedButUnattested = result === 'confirmed' && !(plateOk && stateOk);
  return (
    <form className="verify-form" id="verify-form" onSubmit={(e) => void submit(e)} aria-label="Verification" data-testid="verify-form">
      {again && <p className="hint">Record a new verification (the latest one counts).</p>}
      <fieldset disabled={disabled}>
        <legend>System queried</legend>
        {SYSTEMS.map(([value, label], i) => (
          <label key={value} className="choice">
            <input type="radio" name="system" value={value} checked={system === value} onChange={() => setSystem(value)} id={i === 0 ? 'verify-first' : undefined} required />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Result</legend>
        {RESULTS.map(([value, label]) => (
          <label key={value} className={`choice result-${value}`}>
            <input type="radio" name="result" value={value} checked={result === value} onChange={() => setResult(value)} required />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>I attest</legend>
        <label className="choice attest">
          <input type="checkbox" name="plateMatchesImage" checked={plateOk} onChange={(e) => setPlateOk(e.target.checked)} />
          The plate in the image matches the hot-list plate
        </label>
        <label className="choice attest">
          <input type="checkbox" name="stateMatches" checked={stateOk} onChange={(e) => setStateOk(e.target.checked)} />
          The state matches the hot-list entry's state
        </label>
      </fieldset>
      <div className="row">
        <label>
          Transaction reference from the terminal (optional)
          <input
            name="queryReference"
            value={ref}
            maxLength={64}
            onChange={(e) => setRef(e.target.value)}
            disabled={disabled}
            spellCheck={false}
            aria-invalid={refProblem ? true : undefined}
            aria-describedby={refProblem ? 'query-reference-problem' : undefined}
          />
        </label>
        <label className="grow">
          Note (optional)
          <input name="note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} disabled={disabled} />
        </label>
      </div>
      {refProblem && (
        <p id="query-reference-problem" className="form-error" role="alert" data-testid="query-reference-problem">
          {refProblem}
        </p>
      )}
      {confirmedButUnattested && (
        <p className="hint warn" role="status">
          Without both attestations this verification will not allow any action.
        </p>
      )}
      <button type="submit" className="primary" disabled={disabled || !system || !result || Boolean(refProblem)} data-testid="verify-submit">
        Record verification
      </button>
    </form>
  );
}
