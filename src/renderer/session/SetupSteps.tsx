/**
 * The steps of a sign-in the hub accepted only halfway (docs/protocol.md v1.1): a temporary password
 * must be replaced, and when the policy requires a second factor the user sets up an
 * authenticator app (QR code or the secret typed in), confirms a code, then signs in with the
 * next code. The main process holds the password and the restricted token; this only asks.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { OtpSetup } from '../../shared/ipc-account.js';
import type { SessionState } from '../../shared/ipc.js';
import { tas } from '../api.js';
import { SIGN_IN_MESSAGES } from './messages.js';
import './session.css';

type Step = NonNullable<SessionState['step']>;

const STEPS: { id: Step; label: string }[] = [
  { id: 'change_password', label: '1. New password' },
  { id: 'enroll_otp', label: '2. Authenticator app' },
  { id: 'next_otp', label: '3. Sign in with a code' },
];

function Progress({ step }: { step: Step }): React.JSX.Element {
  // Before the password is set nobody knows yet whether the agency requires a second factor.
  const steps =
    step === 'change_password' ? [STEPS[0]!, { id: 'enroll_otp' as const, label: '2. Authenticator app, if the agency requires it' }] : STEPS;
  return (
    <ol className="setup-steps" aria-label="Steps to finish signing in">
      {steps.map((s) => (
        <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
          {s.label}
        </li>
      ))}
    </ol>
  );
}

function words(error: { code: string; message: string }): string {
  return SIGN_IN_MESSAGES[error.code] ?? error.message;
}

function Cancel(): React.JSX.Element {
  return (
    <button type="button" className="secondary" onClick={() => void tas().invoke('account:cancelSetup')}>
      Back to sign-in
    </button>
  );
}

function FormError({ error }: { error: string | undefined }): React.JSX.Element | null {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

type OtpAnswer = { ok: true } | { ok: false; error: { code: string; message: string } };

/** A form that sends one code: what is typed, the error in words, one request at a time. */
function useOtpForm(send: (otp: string) => Promise<OtpAnswer>, wrongCode: string) {
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await send(otp);
      if (!r.ok) {
        setError(r.error.code === 'otp_invalid' ? wrongCode : words(r.error));
        setOtp('');
      }
    } finally {
      setBusy(false);
    }
  }
  return { otp, setOtp, error, setError, busy, submit };
}

function OtpField({ label, value, onChange, autoFocus = false }: { label: string; value: string; onChange: (otp: string) => void; autoFocus?: boolean }): React.JSX.Element {
  return (
    <label>
      {label}
      <input name="otp" inputMode="numeric" pattern="\d{6}" maxLength={6} autoComplete="one-time-code" value={value} onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))} required autoFocus={autoFocus} />
    </label>
  );
}

function ChangePassword(): React.JSX.Element {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (password !== again) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const r = await tas().invoke('account:changePassword', { newPassword: password });
      if (!r.ok && r.error.code !== 'otp_enrollment_required') setError(words(r.error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} data-testid="change-password">
      <h1>Choose your own password</h1>
      <p>You signed in with a one-use password from your administrator. Choose a new one that only you know; never share it (ENF-051 IV.E.6).</p>
      <label>
        New password
        <input type="password" name="new-password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} maxLength={256} autoFocus />
      </label>
      <label>
        New password again
        <input type="password" name="new-password-again" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required maxLength={256} />
      </label>
      <p className="hint">At least 12 characters. A phrase of several words is easier to remember and harder to guess.</p>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Set password and continue'}
        </button>
        <Cancel />
      </div>
    </form>
  );
}

function EnrollOtp(): React.JSX.Element {
  const [setup, setSetup] = useState<OtpSetup>();
  const { otp, setOtp, error, setError, busy, submit } = useOtpForm(
    (code) => tas().invoke('account:confirmOtp', { otp: code }),
    'That code is not right. Check the time on your phone and enter the code showing now.',
  );

  useEffect(() => {
    let live = true;
    void tas()
      .invoke('account:startOtp')
      .then((r) => {
        if (!live) return;
        if (r.ok) setSetup(r.setup);
        else setError(words(r.error));
      });
    return () => {
      live = false;
    };
  }, []);

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} data-testid="enroll-otp">
      <h1>Set up your authenticator app</h1>
      <p>The agency requires a second factor. In your authenticator app (for example Microsoft or Google Authenticator), add an account by scanning this code.</p>
      {setup ? (
        <div className="otp-enrol">
          <img className="otp-qr" src={setup.qrCode} alt="QR code for the authenticator app" data-testid="otp-qr" />
          <div>
            <p>Cannot scan? Type this key in the app instead (time-based, 6 digits):</p>
            <p className="otp-secret mono" data-testid="otp-secret">
              {setup.secret.replace(/(.{4})(?=.)/g, '$1 ')}
            </p>
          </div>
        </div>
      ) : (
        !error && <p>Asking the hub for a new key…</p>
      )}
      <OtpField label="Code shown in the app" value={otp} onChange={setOtp} />
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !setup}>
          Confirm code
        </button>
        <Cancel />
      </div>
    </form>
  );
}

function NextOtp(): React.JSX.Element {
  const { otp, setOtp, error, busy, submit } = useOtpForm(
    (code) => tas().invoke('account:finishSignIn', { otp: code }),
    'That code was already used or is not right. Wait for the app to show a new code and enter it.',
  );

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} data-testid="next-otp">
      <h1>Authenticator app set up</h1>
      <p className="form-ok" role="status">
        From now on every sign-in asks for a code from the app.
      </p>
      <p>To finish signing in, wait for the app to show a new code (each code works once) and enter it.</p>
      <OtpField label="New code from the app" value={otp} onChange={setOtp} autoFocus />
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
        <Cancel />
      </div>
    </form>
  );
}

export function SetupSteps({ step, banner }: { step: Step; banner: string }): React.JSX.Element {
  return (
    <main className="setup" aria-label="Finish signing in" data-testid="setup-steps" data-step={step}>
      <section className="login-banner" aria-label="System use notice">
        <p className="banner-text">{banner}</p>
      </section>
      <Progress step={step} />
      {step === 'change_password' ? <ChangePassword /> : step === 'enroll_otp' ? <EnrollOtp /> : <NextOtp />}
    </main>
  );
}
