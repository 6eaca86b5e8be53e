/**
 * The login banner (restricted system, use monitored) and the sign-in form. The OTP field appears
 * only when the hub asks for it, so a user without a second factor never wonders what to type.
 * After the hub ended the session (disabled, revoked, certification lapsed...) it says why first.
 */
import { useState, type FormEvent } from 'react';
import { tas } from '../api.js';
import './session.css';
import { isNextStep, SESSION_END_DEFAULT, SESSION_END_MESSAGES, SIGN_IN_MESSAGES } from './messages.js';

export function SignIn({ banner, hubUrl, ended }: { banner: string; hubUrl: string; ended?: string }): React.JSX.Element {
  // Said until the next sign-in attempt, whose own answer then speaks for itself.
  const [tried, setTried] = useState(false);
  const why = ended && !tried ? (SESSION_END_MESSAGES[ended] ?? SESSION_END_DEFAULT) : undefined;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [askOtp, setAskOtp] = useState(false);
  const [error, setError] = useState<{ text: string; step: boolean }>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setTried(true);
    setError(undefined);
    try {
      const r = await tas().invoke('session:signIn', { username, password, ...(askOtp && otp ? { otp } : {}) });
      if (!r.ok) {
        if (r.error.code === 'otp_required' || r.error.code === 'otp_invalid') setAskOtp(true);
        setError({ text: SIGN_IN_MESSAGES[r.error.code] ?? r.error.message, step: isNextStep(r.error.code) });
      }
    } catch (err) {
      setError({ text: (err as Error).message, step: false });
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
      {why && (
        <section className="ended" role="alert" aria-labelledby="ended-title" data-testid="session-ended" data-reason={ended}>
          <h2 id="ended-title">{why.title}</h2>
          <p>{why.text}</p>
        </section>
      )}
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
          <p className={error.step ? 'form-info' : 'form-error'} role="alert">
            {error.text}
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
