/**
 * Adding an account. Nobody types or sees a first password: the account is created with a long
 * random one that is thrown away, then reset at once, so the user receives a one-use password
 * (shown here once) and must choose their own at first sign-in (docs/protocol.md v1.1).
 */
import { useState, type FormEvent } from 'react';
import { type Role, type AccountUser, type NewUserRequest } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { CertificationDates, RolesField } from './AccountFields.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { isoFromDateInput } from './model/users.js';
import { OneTimeSecret } from './OneTimeSecret.js';

function throwawayPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function NewUserForm({ units, onCreated, onCancel }: { units: string[]; onCreated: (user: AccountUser) => void; onCancel: () => void }): React.JSX.Element {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['trooper']);
  const [unit, setUnit] = useState('');
  const [certifiedUntil, setCertifiedUntil] = useState('');
  const [trainedAt, setTrainedAt] = useState('');
  const [problem, setProblem] = useState<HubProblemError>();
  const [created, setCreated] = useState<{ user: AccountUser; temporary?: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const leads = isoFromDateInput(certifiedUntil);
      const trained = isoFromDateInput(trainedAt);
      const request: NewUserRequest = {
        username: username.trim(),
        displayName: displayName.trim(),
        password: throwawayPassword(),
        roles,
        ...(unit.trim() ? { unit: unit.trim() } : {}),
        ...(leads ? { leadsCertifiedUntil: leads } : {}),
        ...(trained ? { trainedAt: trained } : {}),
      };
      const r = await tas().invoke('admin:createUser', request);
      if (!r.ok) {
        setProblem(r.error);
        return;
      }
      const reset = await tas().invoke('admin:resetPassword', { id: r.value.id });
      if (!reset.ok) setProblem(reset.error);
      setCreated({ user: r.value, ...(reset.ok ? { temporary: reset.value.temporaryPassword } : {}) });
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <div className="user-editor" data-testid="user-created">
        <h2>{created.user.displayName} added</h2>
        {problem && <HubProblem error={problem} what="the first password" />}
        {created.temporary ? (
          <OneTimeSecret
            title={`First password for ${created.user.username}`}
            secret={created.temporary}
            instruction="Give it to the user in person. It works once: at first sign-in they choose their own password."
            onDone={() => onCreated(created.user)}
          />
        ) : (
          <button type="button" onClick={() => onCreated(created.user)}>
            Open the account
          </button>
        )}
      </div>
    );
  }

  return (
    <form className="user-editor stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-user-title" data-testid="new-user-form">
      <h2 id="new-user-title">New user</h2>
      {problem && <HubProblem error={problem} what="the new account" />}
      <label>
        Username
        <input value={username} onChange={(e) => setUsername(e.target.value)} required pattern="[A-Za-z0-9._\-]{2,64}" autoComplete="off" />
      </label>
      <label>
        Display name
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={120} placeholder="e.g. Tpr. Dana Kowalski" />
      </label>
      <RolesField roles={roles} onChange={setRoles} />
      <label>
        Unit
        <input value={unit} onChange={(e) => setUnit(e.target.value)} list="known-units" maxLength={80} placeholder="e.g. Troop 3" />
        <datalist id="known-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </label>
      <CertificationDates certifiedUntil={certifiedUntil} trainedAt={trainedAt} onCertifiedUntil={setCertifiedUntil} onTrainedAt={setTrainedAt} />
      <p className="hint">A one-use first password is made for the account and shown once, after it is added.</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || roles.length === 0}>
          Add user
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
