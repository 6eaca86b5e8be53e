/**
 * Read search (docs/protocol.md 1.1 `GET /reads`, ENF-051 IV.E.4 and IV.E.11-12): the reads the hub
 * keeps, by plate (`?` one unknown character, `*` any run) and time, for a stated purpose and case
 * number. The form says why both are asked and that the search is recorded; it does not stop a
 * search without them itself: the hub refuses it and its words are shown at the field. Results as
 * a table and on a map; choosing a row rings its dot and choosing a dot marks its row.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { platePatternProblem } from '../../shared/plate-pattern.js';
import type { ReadSearchRequest, SearchedRead } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { useConsole } from '../console/ConsoleContext.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { RecordedSearches } from './RecordedSearches.js';
import './reads.css';

const ReadsMap = lazy(() => import('./ReadsMap.js'));

const when = (iso: string): string => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium', hour12: false });
/** A `datetime-local` value (the desk's zone) as an instant, or undefined when empty. */
const instant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

type Field = 'plate' | 'since' | 'until' | 'purpose' | 'caseNumber';
const FIELD_OF_CODE: Record<string, Field> = { purpose_required: 'purpose', case_number_required: 'caseNumber' };

/** The hub's refusal, put at the field it is about (the rest goes in the box under the form). */
function fieldErrors(error: HubProblemError): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const field = FIELD_OF_CODE[error.code];
  if (field) out[field] = error.message;
  for (const i of error.issues ?? []) if (['plate', 'since', 'until', 'purpose', 'caseNumber'].includes(i.path)) out[i.path as Field] ??= i.message;
  return out;
}

export function ReadSearchScreen(): React.JSX.Element {
  const c = useConsole();
  const [plate, setPlate] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [asked, setAsked] = useState<ReadSearchRequest>();
  const [items, setItems] = useState<SearchedRead[]>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<HubProblemError>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [searches, setSearches] = useState(0);
  const supervisor = c.user.roles.includes('supervisor');

  const run = async (q: ReadSearchRequest, more: boolean): Promise<void> => {
    setBusy(true);
    const r = await tas().invoke('reads:search', q);
    setBusy(false);
    if (!r.ok) {
      const at = fieldErrors(r.error);
      setErrors(at);
      // A refusal about one field is said there; anything else in the box.
      setProblem(Object.keys(at).length > 0 && r.error.status === 400 ? undefined : r.error);
      if (!more) setItems(undefined);
      return;
    }
    setErrors({});
    setProblem(undefined);
    setAsked(q);
    setSearches((n) => n + 1);
    setItems((was) => (more ? [...(was ?? []), ...r.value.items] : r.value.items));
    setNext(r.value.nextCursor);
    if (!more) setSelected(undefined);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const bad = plate.trim() === '' ? undefined : platePatternProblem(plate);
    if (bad) {
      setErrors({ plate: `The plate: ${bad}.` });
      return;
    }
    const since = instant(from);
    const until = instant(to);
    void run({ plate, purpose, caseNumber, ...(since ? { since } : {}), ...(until ? { until } : {}) }, false);
  };

  const err = (f: Field, id: string): React.JSX.Element | null =>
    errors[f] ? (
      <span className="field-error" id={id} data-testid={`reads-error-${f}`}>
        {errors[f]}
      </span>
    ) : null;

  return (
    <main className="reads" aria-labelledby="reads-title" data-testid="reads-screen">
      <h1 id="reads-title">Read search</h1>
      <div className="reads-split">
        <section className="reads-left">
          <form className="reads-form" onSubmit={submit} aria-label="Search the reads" noValidate>
            <p className="reads-recorded" data-testid="reads-policy">
              <strong>Every search is recorded</strong>: who searched, when, the plate, the purpose and the case number (ENF-051 IV.E.4 of the agency&rsquo;s
              policy). State why you search before the hub will answer.
            </p>
            <div className="reads-row">
              <label className="reads-plate">
                Plate or part of it
                <input value={plate} onChange={(e) => setPlate(e.target.value)} maxLength={40} spellCheck={false} autoComplete="off" className="mono plate-input" aria-describedby="reads-plate-hint reads-plate-error" aria-invalid={Boolean(errors.plate)} data-testid="reads-plate" />
                <span className="hint" id="reads-plate-hint">
                  <kbd>?</kbd> one unknown character, <kbd>*</kbd> any run: <span className="mono">AB?12*</span>
                </span>
                {err('plate', 'reads-plate-error')}
              </label>
              <label>
                From
                <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="reads-from" aria-describedby="reads-time-hint" />
              </label>
              <label>
                To
                <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="reads-to" aria-describedby="reads-time-hint" />
                {err('until', 'reads-until-error')}
              </label>
            </div>
            <p className="hint" id="reads-time-hint">
              Empty times search every read the hub still keeps (detections are kept {c.tas.policy?.detectionRetentionDays ?? 90} days).
            </p>
            <div className="reads-row">
              <label className="reads-purpose">
                Purpose (required)
                <input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={200} placeholder="e.g. stolen vehicle investigation" aria-required="true" aria-invalid={Boolean(errors.purpose)} aria-describedby="reads-purpose-error" data-testid="reads-purpose" />
                {err('purpose', 'reads-purpose-error')}
              </label>
              <label>
                Case number (required)
                <input value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} maxLength={64} className="mono" aria-required="true" aria-invalid={Boolean(errors.caseNumber)} aria-describedby="reads-case-error" data-testid="reads-case" />
                {err('caseNumber', 'reads-case-error')}
              </label>
              <button type="submit" className="primary" disabled={busy} data-testid="reads-search">
                {busy ? 'Searching…' : 'Search'}
              </button>
            </div>
          </form>
          {problem && <HubProblem error={problem} what="read search" />}
          {items && asked && (
            <p className="reads-summary" aria-live="polite" data-testid="reads-summary">
              {items.length === 0
                ? `No read of ${asked.plate.toUpperCase()} in the reads the hub keeps.`
                : `${items.length}${next ? '+' : ''} read${items.length === 1 ? '' : 's'} of ${asked.plate.toUpperCase()}, newest first. This search was recorded for case ${asked.caseNumber.trim()}.`}
            </p>
          )}
          {items && items.length > 0 && (
            <table className="alert-table reads-table" data-testid="reads-table">
              <thead>
                <tr>
                  <th scope="col">Read at</th>
                  <th scope="col">Plate</th>
                  <th scope="col">Camera</th>
                  <th scope="col">Network</th>
                  <th scope="col">OCR</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} className={r.id === selected ? 'selected' : undefined} data-testid="reads-row" data-read-id={r.id} onClick={() => setSelected(r.id)}>
                    <td className="nowrap">{when(r.readAt)}</td>
                    <td>
                      <button type="button" className="plate-button mono" aria-pressed={r.id === selected} aria-label={`${r.plate} ${r.plateState}: show on the map`} onClick={() => setSelected(r.id)} data-testid="reads-select">
                        {r.plate} {r.plateState}
                      </button>
                    </td>
                    <td>{r.camera.name}</td>
                    <td>{r.camera.network}</td>
                    <td>{r.confidence === undefined ? '—' : `${Math.round(r.confidence * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next && asked && (
            <button type="button" className="secondary" onClick={() => void run({ ...asked, cursor: next }, true)} disabled={busy} data-testid="reads-more">
              Older reads
            </button>
          )}
        </section>
        <section className="reads-right" aria-label="Reads on the map">
          <Suspense fallback={<div className="map map-loading">Loading map…</div>}>
            <ReadsMap reads={items ?? []} {...(selected ? { selectedId: selected } : {})} onSelect={setSelected} />
          </Suspense>
        </section>
      </div>
      {supervisor && <RecordedSearches refresh={searches} />}
    </main>
  );
}
