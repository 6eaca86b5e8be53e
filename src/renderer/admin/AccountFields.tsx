/** The fields a new account and an account being edited share: roles, and the two dates of ENF-051. */
import { Role } from '../../shared/protocol/index.js';
import { ROLE_LABELS } from './model/users.js';

export function RolesField({ roles, onChange }: { roles: Role[]; onChange: (roles: Role[]) => void }): React.JSX.Element {
  // Kept in the order of Role.options, whatever order they were ticked in.
  const toggle = (r: Role, on: boolean): void => onChange(on ? Role.options.filter((x) => x === r || roles.includes(x)) : roles.filter((x) => x !== r));
  return (
    <fieldset>
      <legend>Roles</legend>
      {Role.options.map((r) => (
        <label key={r} className="choice">
          <input type="checkbox" checked={roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />
          {ROLE_LABELS[r]}
        </label>
      ))}
      {roles.length === 0 && <p className="hint warn">At least one role.</p>}
    </fieldset>
  );
}

export function CertificationDates(props: { certifiedUntil: string; trainedAt: string; onCertifiedUntil: (d: string) => void; onTrainedAt: (d: string) => void }): React.JSX.Element {
  return (
    <div className="row">
      <label className="grow">
        LEADS certified until
        <input type="date" value={props.certifiedUntil} onChange={(e) => props.onCertifiedUntil(e.target.value)} />
      </label>
      <label className="grow">
        ALPR training completed
        <input type="date" value={props.trainedAt} onChange={(e) => props.onTrainedAt(e.target.value)} />
      </label>
    </div>
  );
}
