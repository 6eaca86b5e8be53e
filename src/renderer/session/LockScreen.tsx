/**
 * The idle lock: criminal-justice information is hidden (the main process sends only categories),
 * new alerts still sound and show their category with "unlock to view"; unlocking needs the
 * password, and the TOTP code when the account has one.
 */
import { useState, type FormEvent } from 'react';
import type { LockedAlertView } from '../../shared/ipc.js';
import { tas } from '../api.js';
import { SIGN_IN_MESSAGES } from './messages.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { clockTime } from '../model/time.js';

export function LockScreen({ items, username }: { items: LockedAlertView[]; username?: string }): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [askOtp, setAskOtp] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(undefined);
    const r = await tas().invoke('session:unlock', { password, ...(askOtp && otp ? { otp } : {}) });
    if (!r.ok) {
      if (r.error.code === 'otp_required' || r.error.code === 'otp_invalid') setAskOtp(true);
      setError(SIGN_IN_MESSAGES[r.error.code] ?? r.error.message);
      setPassword('');
    }
  }

  return (
    <main className="lock" aria-labelledby="lock-title" data-testid="lock-screen">
      <h1 id="lock-title">Console locked</h1>
      <p>Locked after inactivity. Alert details are hidden until you unlock{username ? ` (${username})` : ''}.</p>
      {items.length > 0 && (
        <section aria-label="Alerts waiting" className="locked-alerts">
          <h2>{items.length} alert{items.length === 1 ? '' : 's'} waiting</h2>
          <ul>
            {items.map((a) => (
              <li key={a.seq} data-testid="locked-alert">
                <CategoryBadge category={a.category} size="small" /> <span>received {clockTime(a.receivedAt)}</span> <strong>unlock to view</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form onSubmit={(e) => void submit(e)} className="signin-form">
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        </label>
        {askOtp && (
          <label>
            Authenticator code
            <input name="otp" inputMode="numeric" pattern="\d{6}" maxLength={6} value={otp} onChange={(e) => setOtp(e.target.value)} required />
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Unlock
        </button>
      </form>
    </main>
  );
}
