/**
 * A user's state in words, as small badges: disabled, locked out, certification lapsing or
 * lapsed, second factor. Words first (never colour alone), so it reads the same in both themes.
 */
import type { AccountUser } from '../../shared/protocol/index.js';
import { certification } from './model/users.js';

export function shortDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }) : '—';
}

export function CertificationNote({ user, now }: { user: AccountUser; now: number }): React.JSX.Element {
  const c = certification(user, now);
  if (c.state === 'unknown') return <span className="badge badge-warn">No certification dates</span>;
  if (c.state === 'lapsed') return <span className="badge badge-danger">{c.what} lapsed {shortDate(c.until)}</span>;
  if (c.state === 'lapsing') return <span className="badge badge-warn">{c.what} lapses in {c.days} days</span>;
  return <span className="muted">valid to {shortDate(c.until)}</span>;
}

export function UserBadges({ user }: { user: AccountUser }): React.JSX.Element {
  return (
    <span className="badges">
      {user.disabled && <span className="badge badge-danger">Disabled</span>}
      {user.locked && <span className="badge badge-warn">Locked out</span>}
      {!user.disabled && !user.locked && <span className="badge badge-ok">Active</span>}
      <span className={user.mfa ? 'badge badge-plain' : 'badge badge-muted'}>{user.mfa ? 'MFA on' : 'No MFA'}</span>
    </span>
  );
}
