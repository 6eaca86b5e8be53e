/**
 * One account on the Users screen: its details (display name, roles, unit, domain, LEADS
 * certification and training dates) saved with one PATCH, and the account actions: unlock,
 * reset the password (the one-use password is shown once), end every session, disable and
 * re-enable. The hub ends a disabled user's sessions and sockets itself; this only asks.
 */
import { useState, type FormEvent } from 'react';
import { type Role, type AccountUser, type UserPatch } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { CertificationDates, RolesField } from './AccountFields.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { dateInput, isoFromDateInput, trainingDueAt } from './model/users.js';
import { ConfirmButton, OneTimeSecret } from './OneTimeSecret.js';
import { CertificationNote, shortDate, UserBadges } from './UserBadges.js';

type Answer = { ok: true; value: unknown } | { ok: false; error: HubProblemError };

export function UserEditor({ user, now, onChanged }: { user: AccountUser; now: number; onChanged: () => void }): React.JSX.Element {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [unit, setUnit] = useState(user.unit ?? '');
  const [domain, setDomain] = useState(user.domain);
  const [certifiedUntil, setCertifiedUntil] = useState(dateInput(user.leadsCertifiedUntil));
  const [trainedAt, setTrainedAt] = useState(dateInput(user.trainedAt));
  const [problem, setProblem] = useState<HubProblemError>();
  const [done, setDone] = useState<string>();
  const [temporary, setTemporary] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(what: string, ask: () => Promise<Answer>): Promise<Answer> {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const r = await ask();
      if (r.ok) {
        setDone(what);
        onChanged();
      } else setProblem(r.error);
      return r;
    } finally {
      setBusy(false);
    }
  }

  function save(e: FormEvent): void {
    e.preventDefault();
    const patch: UserPatch = { displayName: displayName.trim(), roles, unit: unit.trim() ? unit.trim() : null, domain };
    const leads = isoFromDateInput(certifiedUntil);
    const trained = isoFromDateInput(trainedAt);
    if (leads) patch.leadsCertifiedUntil = leads;
    if (trained) patch.trainedAt = trained;
    void run('Changes saved.', () => tas().invoke('admin:updateUser', { id: user.id, patch }));
  }

  const trainedIso = isoFromDateInput(trainedAt);

  return (
    <div className="user-editor" data-testid="user-editor">
      <h2>{user.displayName}</h2>
      <p className="muted">
        <span className="mono">{user.username}</span> · last sign-in {user.lastLoginAt ? shortDate(user.lastLoginAt) : 'never'}
      </p>
      <p>
        <UserBadges user={user} /> <CertificationNote user={user} now={now} />
      </p>
      {temporary && (
        <OneTimeSecret
          title={`Temporary password for ${user.username}`}
          secret={temporary}
          instruction="Give it to the user in person (never by e-mail). It works once: at sign-in they must choose a new password."
          onDone={() => setTemporary(undefined)}
        />
      )}
      {problem && <HubProblem error={problem} />}
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <form className="stack" onSubmit={save} aria-label="Account details">
        <label>
          Display name
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={120} />
        </label>
        <RolesField roles={roles} onChange={setRoles} />
        <div className="row">
          <label className="grow">
            Unit
            <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={80} placeholder="e.g. Troop 3" />
          </label>
          <label>
            Domain
            <select value={domain} onChange={(e) => setDomain(e.target.value as AccountUser['domain'])}>
              <option value="general">General</option>
              <option value="motor_carrier">Motor carrier</option>
            </select>
          </label>
        </div>
        <CertificationDates certifiedUntil={certifiedUntil} trainedAt={trainedAt} onCertifiedUntil={setCertifiedUntil} onTrainedAt={setTrainedAt} />
        {trainedIso && <p className="hint">Training renewal due {shortDate(trainingDueAt(trainedIso))} (every two years).</p>}
        <button type="submit" className="primary" disabled={busy || roles.length === 0}>
          Save changes
        </button>
      </form>
      <section className="account-actions" aria-labelledby="actions-title">
        <h3 id="actions-title">Account actions</h3>
        <div className="actions">
          {user.locked && (
            <button type="button" disabled={busy} onClick={() => void run('Account unlocked.', () => tas().invoke('admin:unlockUser', { id: user.id }))}>
              Unlock
            </button>
          )}
          <ConfirmButton
            label="Reset password"
            question={`Give ${user.username} a one-use password? The current password stops working.`}
            confirmLabel="Reset password"
            disabled={busy}
            onConfirm={() =>
              void run('Password reset.', async () => {
                const r = await tas().invoke('admin:resetPassword', { id: user.id });
                if (r.ok) setTemporary(r.value.temporaryPassword);
                return r;
              })
            }
          />
          <ConfirmButton
            label="End all sessions"
            question={`Sign ${user.username} out everywhere now? Their desks return to sign-in within seconds.`}
            confirmLabel="End sessions"
            disabled={busy}
            onConfirm={() => void run('Every session ended.', () => tas().invoke('admin:endSessions', { id: user.id }))}
          />
          {user.disabled ? (
            <button type="button" disabled={busy} onClick={() => void run('Account re-enabled.', () => tas().invoke('admin:updateUser', { id: user.id, patch: { disabled: false } }))}>
              Re-enable account
            </button>
          ) : (
            <ConfirmButton
              label="Disable account"
              question={`Disable ${user.username}? They are signed out everywhere at once and cannot sign in until re-enabled.`}
              confirmLabel="Disable"
              danger
              disabled={busy}
              onConfirm={() => void run('Account disabled.', () => tas().invoke('admin:updateUser', { id: user.id, patch: { disabled: true } }))}
            />
          )}
        </div>
        <p className="hint">Second factor: {user.mfa ? 'set up (authenticator app).' : 'not set up. The user is asked to set it up at sign-in when the policy requires it.'}</p>
      </section>
    </div>
  );
}
