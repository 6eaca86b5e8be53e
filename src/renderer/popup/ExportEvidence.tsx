/**
 * "Export evidence" (ENF-051 IV.E.9), offered once an action was taken: purpose, case number and the
 * recipient agency and state; a recipient outside Illinois needs the written declaration under
 * 625 ILCS 5/2-130 (its text, who signed it, when), or the hub refuses, and the refusal is shown
 * in its words. The package is saved by the main process; the page shows where.
 */
import { useState, type FormEvent } from 'react';
import type { SavedEvidence } from '../../shared/ipc-evidence.js';
import { HOME_STATE, needsDeclaration } from '../../shared/protocol/evidence.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';

const STATES = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');

export function ExportEvidence({ alertId, caseNumber }: { alertId: string; caseNumber?: string }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [caseNo, setCaseNo] = useState(caseNumber ?? '');
  const [agency, setAgency] = useState('');
  const [state, setState] = useState(HOME_STATE);
  const [declText, setDeclText] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [problem, setProblem] = useState<HubProblemError>();
  const [saved, setSaved] = useState<SavedEvidence>();
  const [busy, setBusy] = useState(false);
  const declare = needsDeclaration(state);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setProblem(undefined);
    setSaved(undefined);
    setBusy(true);
    // An incomplete declaration is no declaration: the hub then refuses with its own reason
    // (declaration_required), which is shown as it says it.
    const signedAt = signedOn && !Number.isNaN(new Date(signedOn).getTime()) ? new Date(signedOn).toISOString() : undefined;
    const declaration = declare && declText.trim() && signedBy.trim() && signedAt ? { text: declText.trim(), signedBy: signedBy.trim(), signedAt } : undefined;
    try {
      const r = await tas().invoke('evidence:export', { alertId, purpose, caseNumber: caseNo, recipient: { agency, state }, ...(declaration ? { declaration } : {}) });
      if (r.ok) setSaved(r.value);
      else setProblem(r.error);
    } catch (err) {
      setProblem({ code: 'failed', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="export-evidence">
        Export evidence
      </button>
    );
  }
  return (
    <form className="evidence-form" onSubmit={(e) => void submit(e)} aria-labelledby="evidence-title" data-testid="evidence-form">
      <h3 id="evidence-title">Export evidence</h3>
      <div className="row">
        <label className="grow">
          Purpose
          <input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={500} required placeholder="e.g. prosecution of the stolen vehicle case" />
        </label>
        <label>
          Case number
          <input value={caseNo} onChange={(e) => setCaseNo(e.target.value)} maxLength={64} required className="mono" />
        </label>
      </div>
      <div className="row">
        <label className="grow">
          Recipient agency
          <input value={agency} onChange={(e) => setAgency(e.target.value)} maxLength={200} required placeholder="e.g. Cook County State's Attorney" />
        </label>
        <label>
          Recipient state
          <select value={state} onChange={(e) => setState(e.target.value)} data-testid="evidence-state">
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {declare && (
        <fieldset className="declaration" data-testid="evidence-declaration">
          <legend>Recipient's written declaration (625 ILCS 5/2-130), required outside {HOME_STATE}</legend>
          <label>
            Declaration text, as signed
            <textarea value={declText} onChange={(e) => setDeclText(e.target.value)} maxLength={5000} rows={3} />
          </label>
          <div className="row">
            <label className="grow">
              Signed by (name, title, agency)
              <input value={signedBy} onChange={(e) => setSignedBy(e.target.value)} maxLength={200} />
            </label>
            <label>
              Signed on
              <input type="datetime-local" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
            </label>
          </div>
        </fieldset>
      )}
      {problem && <HubProblem error={problem} what="the evidence export" />}
      {saved && (
        <p className="form-ok" role="status" data-testid="evidence-saved">
          Exported and recorded. Saved to <code>{saved.savedTo}</code> ({Math.ceil(saved.bytes / 1024)} KB, SHA-256 <code>{saved.sha256.slice(0, 16)}…</code>).
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="evidence-submit">
          Export and save
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </form>
  );
}
