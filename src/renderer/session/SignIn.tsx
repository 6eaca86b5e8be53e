/**
 * The login banner (restricted system, use monitored) and the sign-in form. The OTP field appears
 * only when the hub asks for it, so a user without a second factor never wonders what to type.
 */
import { useState, type FormEvent } from 'react';
import { tas } from '../api.js';

const MESSAGES: Record<string, string> = {
  bad_credentials: 'Wrong username or password.',
  otp_required: 'Enter the 6-digit code from your authenticator app.',
  otp_invalid: 'That code is not valid. Check the current code and try again.',
  locked: 'This account is locked after too many failed sign-ins. Try again later or call your coordinator.',
  certification_expired: 'Your LEADS certification or ALPR training has lapsed. Contact your coordinator.',
};

export function SignIn({ banner, hubUrl }: { banner: string; hubUrl: string }): React.JSX.Element {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [askOtp, setAskOtp] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await tas().invoke('session:signIn', { username, password, ...(askOtp && otp ? { otp } : {}) });
      if (!r.ok) {
        if (r.error.code === 'otp_required' || r.error.code === 'otp_invalid') setAskOtp(true);
        setError(MESSAGES[r.error.code] ?? r.error.message);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin" aria-labelledby="signin-title">
      <section className="login-banner" aria-label="System use notice">
        <h1 id="signin-title">OpenTAS: ALPR alerts</h1>
        <p className="banner-text">{banner}</p>
      </section>
      <form className="signin-form" onSubmit={(e) => void submit(e)}>
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {askOtp && (
          <label>
            Authenticator code
            <input name="otp" inputMode="numeric" pattern="\d{6}" maxLength={6} autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} required autoFocus />
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">Hub: {hubUrl}</p>
      </form>
    </main>
  );
}
