/**
 * Acknowledge -> Verify -> Action taken (or Close). Only the steps `nextSteps` allows are offered,
 * so the wrong path cannot be taken; the hub refuses it anyway, and if it ever does, the refusal
 * is shown in words at the top of the gate. Each step shows "pending" until the hub confirms it.
 */
import { useState, type ReactNode } from 'react';
import { allowsAction, nextSteps } from '../../shared/ack/index.js';
import type { AckRequest, AlertView } from '../../shared/ipc.js';
import type { Close, Verification } from '../../shared/protocol/ack.js';
import { myProgress, popupTrail } from '../model/progress.js';
import { tas } from '../api.js';
import { VerifyForm } from './VerifyForm.js';
import { CopyLeadsQuery } from './CopyLeadsQuery.js';
import { ActionForm, CloseForm } from './OutcomeForms.js';

const STEP_NAMES: Record<string, string> = {
  acknowledged: 'Acknowledge',
  verified: 'Verification',
  action_taken: 'Action taken',
  closed: 'Close',
};

export function VerificationGate({ view, userId }: { view: AlertView; userId: string }): React.JSX.Element {
  const [sendError, setSendError] = useState<string>();
  const progress = myProgress(view, userId);
  // An acknowledgement still in the outbox counts (popupTrail); anything else waits for the hub.
  const steps = nextSteps(popupTrail(view, userId), userId);
  const waitingForHub = progress.pending.some((t) => t !== 'acknowledged');
  const canAct = steps.act && allowsAction(progress.verification) && !waitingForHub;
  const verifiedNotForAction = progress.verified && !allowsAction(progress.verification);

  async function send(req: AckRequest): Promise<boolean> {
    setSendError(undefined);
    try {
      const r = await tas().invoke('ack:send', req);
      if (!r.ok) setSendError(`${r.error.message} (${r.error.code})`);
      return r.ok;
    } catch (err) {
      setSendError((err as Error).message);
      return false;
    }
  }

  const stepClass = (done: boolean, active: boolean): string => `gate-step ${done ? 'done' : active ? 'active' : 'locked'}`;

  return (
    <section className="gate" aria-label="Verification steps" data-testid="gate">
      {progress.refused.map((p) => (
        <div key={p.eventId} className="gate-refused" role="alert" data-testid="hub-refusal">
          <strong>The hub refused “{STEP_NAMES[p.type]}”:</strong> {p.refused?.message} ({p.refused?.code})
        </div>
      ))}
      {sendError && (
        <div className="gate-refused" role="alert" data-testid="send-error">
          <strong>Not sent:</strong> {sendError}
        </div>
      )}

      <ol className="gate-steps">
        <li className={stepClass(progress.acknowledged, steps.acknowledge)}>
          <h3>
            <StepNo n={1} done={progress.acknowledged} /> Acknowledge
            {progress.pending.includes('acknowledged') && <span className="pending">pending…</span>}
          </h3>
          {progress.acknowledged ? (
            <p className="step-done">Acknowledged: alarm silenced.</p>
          ) : (
            <button type="button" className="primary big" disabled={!steps.acknowledge} onClick={() => void send({ alertId: view.alert.id, type: 'acknowledged' })} aria-keyshortcuts="A" data-testid="ack-button">
              Acknowledge <kbd>A</kbd>
            </button>
          )}
        </li>

        <li className={stepClass(progress.verified, steps.verify && progress.acknowledged && !progress.closed)}>
          <h3>
            <StepNo n={2} done={progress.verified} /> Verify in LEADS / NCIC
            {progress.pending.includes('verified') && <span className="pending">pending…</span>}
          </h3>
          {!progress.acknowledged ? (
            <p className="step-locked">Acknowledge first.</p>
          ) : (progress.verified && !steps.verify) || progress.closed ? (
            progress.verified ? <VerificationSummary view={view} userId={userId} /> : <p className="step-locked">Closed without a verification.</p>
          ) : (
            <>
              {progress.verified && <VerificationSummary view={view} userId={userId} />}
              <CopyLeadsQuery hit={view.alert.hit} />
              <Reverify key={view.trail.filter((e) => e.userId === userId && e.type === 'verified').length} open={!progress.verified}>
                <VerifyForm disabled={!steps.verify || progress.pending.includes('verified')} onSubmit={(verification) => send({ alertId: view.alert.id, type: 'verified', verification })} again={progress.verified} />
              </Reverify>
            </>
          )}
        </li>

        <li className={stepClass(progress.actionTaken || progress.closed, canAct || (steps.close && progress.verified))}>
          <h3>
            <StepNo n={3} done={progress.actionTaken || progress.closed} /> Action taken, or close
            {(progress.pending.includes('action_taken') || progress.pending.includes('closed')) && <span className="pending">pending…</span>}
          </h3>
          {progress.closed ? (
            <p className="step-done">Closed{progress.refused.some((r) => r.refused?.code === 'trail_closed') ? ' (on the hub, from another desk): nothing more to do here' : ''}.</p>
          ) : progress.actionTaken ? (
            <p className="step-done">Action recorded.</p>
          ) : !progress.verified ? (
            <>
              <p className="step-locked" data-testid="action-locked">
                Action is possible only after a <strong>confirmed</strong> verification with <strong>both</strong> attestations.
              </p>
              {progress.acknowledged && steps.close && (
                <Folded label="Close without verifying (duplicate, out of area…)" testId="close-unverified">
                  <CloseForm primary={false} defaultReason="duplicate" onSubmit={(close) => send({ alertId: view.alert.id, type: 'closed', close })} />
                </Folded>
              )}
            </>
          ) : (
            <>
              {canAct ? (
                <ActionForm onSubmit={(action) => send({ alertId: view.alert.id, type: 'action_taken', action })} />
              ) : (
                verifiedNotForAction && (
                  <p className="step-locked" data-testid="action-locked">
                    {progress.verification?.result === 'confirmed'
                      ? 'Confirmed, but plate and state were not both attested: no enforcement action. If you did check them, record a new verification above; otherwise close the alert.'
                      : 'Not confirmed: no enforcement action. Close the alert with a reason.'}
                  </p>
                )
              )}
              {steps.close && canAct && <h4 className="or-close">Or close without action</h4>}
              {steps.close && (
                <CloseForm
                  primary={verifiedNotForAction}
                  defaultReason={defaultCloseReason(progress.verification)}
                  onSubmit={(close) => send({ alertId: view.alert.id, type: 'closed', close })}
                />
              )}
            </>
          )}
        </li>
      </ol>
    </section>
  );
}

function VerificationSummary({ view, userId }: { view: AlertView; userId: string }): React.JSX.Element | null {
  const v = myProgress(view, userId).verification;
  if (!v) return null;
  const result = { confirmed: 'CONFIRMED', not_confirmed: 'NOT CONFIRMED', unable: 'UNABLE TO VERIFY' }[v.result];
  return (
    <p className={`verify-summary ${allowsAction(v) ? 'ok' : 'bad'}`} data-testid="verification-summary">
      {v.system}: <strong>{result}</strong>
      {v.queryReference ? `, ref ${v.queryReference}` : ''}. Plate matches image: {v.plateMatchesImage ? 'yes' : 'NO'}; state matches: {v.stateMatches ? 'yes' : 'NO'}.
    </p>
  );
}

function StepNo({ n, done }: { n: number; done: boolean }): React.JSX.Element {
  return (
    <>
      <span className="step-no" aria-hidden="true">
        {done ? '✓' : n}
      </span>
      <span className="sr-only">{done ? `Step ${n}, done:` : `Step ${n}:`}</span>
    </>
  );
}

/** After a verification, a new one is one click away but does not push step 3 off the screen. */
function Reverify({ open, children }: { open: boolean; children: ReactNode }): React.JSX.Element {
  const [shown, setShown] = useState(false);
  if (open || shown) return <>{children}</>;
  return (
    <button type="button" className="secondary" onClick={() => setShown(true)} data-testid="reverify">
      Record a new verification
    </button>
  );
}

/** The likeliest reason, preselected: the trooper still sees it and can change it. */
function defaultCloseReason(v: Verification | undefined): Close['reason'] {
  if (!v) return 'misread';
  if (v.result === 'not_confirmed') return 'not_confirmed';
  if (v.result === 'confirmed' && !allowsAction(v)) return 'misread';
  return 'other';
}

/** A rarely needed form behind one click, so it does not compete with the expected next step. */
function Folded({ label, testId, children }: { label: string; testId: string; children: ReactNode }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  if (open) return <>{children}</>;
  return (
    <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid={testId}>
      {label}
    </button>
  );
}
