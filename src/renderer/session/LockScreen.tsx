/**
 * The idle lock: criminal-justice information is hidden (the main process sends only categories),
 * new alerts still sound and show their category with "unlock to view"; unlocking needs the
 * password, and the TOTP code when the account has one. Quitting from the tray while locked asks
 * for the password here too (`quitAsked`): a locked desk must not be stopped by anyone passing.
 */
import { useState, type FormEvent } from 'react';
import type { LockedAlertView } from '../../shared/ipc.js';
import { tas } from '../api.js';
import { SIGN_IN_MESSAGES } from './messages.js';
import './session.css';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { clockTime } from '../model/time.js';

export function LockScreen({ items, username, quitAsked }: { items: LockedAlertView[]; username?: string; quitAsked?: boolean }): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [askOtp, setAskOtp] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(undefined);
    const request = { password, ...(askOtp && otp ? { otp } : {}) };
    const r = await (quitAsked ? tas().invoke('app:quit', request) : tas().invoke('session:unlock', request));
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
      {quitAsked && (
        <section className="quit-ask" aria-labelledby="quit-title" data-testid="quit-ask">
          <h2 id="quit-title">Quit OpenTAS?</h2>
          <p>This desk stops receiving alerts when OpenTAS quits. Enter your password to quit, or keep it running.</p>
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
        {quitAsked ? (
          <div className="actions">
            <button type="submit" className="primary">
              Quit OpenTAS
            </button>
            <button type="button" className="secondary" onClick={() => void tas().invoke('app:cancelQuit')}>
              Keep running
            </button>
          </div>
        ) : (
          <button type="submit" className="primary">
            Unlock
          </button>
        )}
      </form>
    </main>
  );
}
