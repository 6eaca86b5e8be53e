/**
 * Handlers of the user's own account channels (src/shared/ipc-account.ts): the steps of a sign-in
 * the hub accepted only for a new password or a second factor, and the password-guarded quit.
 * The restricted token and the held password never leave the main process; each step ends in a
 * normal sign-in, which opens the desk like the sign-in form does.
 */
import QRCode from 'qrcode';
import type { PublicUser } from '../../shared/protocol/index.js';
import type { IpcHandlers } from './router.js';
import { HubError } from '../../shared/hub-error.js';
import type { HubApi } from '../services/hub-api.js';
import { changeOwnPassword, confirmOtpEnrolment, startOtpEnrolment } from '../services/hub-accounts-api.js';
import type { QuitGate } from '../services/quit-gate.js';
import type { RestrictedSignIn, Session, SetupStep, SignInResult } from '../services/session.js';

type AccountHandlers = Pick<
  IpcHandlers,
  'account:changePassword' | 'account:startOtp' | 'account:confirmOtp' | 'account:finishSignIn' | 'account:cancelSetup' | 'app:quit' | 'app:cancelQuit'
>;

export interface AccountCore {
  session: Session;
  quit: QuitGate;
  hub(): HubApi;
  /** What a successful sign-in does next (opens the desk); the sign-in form's handler uses the same. */
  afterSignIn(user: PublicUser): Promise<SignInResult>;
}

type Failure = { ok: false; error: { code: string; message: string } };

export function accountHandlers(core: AccountCore): AccountHandlers {
  const { session } = core;

  function waiting(step: SetupStep): RestrictedSignIn | Failure {
    const restricted = session.restrictedSignIn();
    if (restricted?.step === step) return restricted;
    return fail('no_setup_step', 'That step is not waiting. Sign in again.');
  }

  async function signIn(result: SignInResult): Promise<SignInResult> {
    return result.ok ? core.afterSignIn(result.user) : result;
  }

  return {
    'account:changePassword': async ({ newPassword }) => {
      const r = waiting('change_password');
      if ('ok' in r) return r;
      if (newPassword === r.password) return fail('same_password', 'Choose a password different from the temporary one.');
      try {
        await changeOwnPassword(core.hub(), r.token, r.password, newPassword);
      } catch (err) {
        return hubFail(err);
      }
      return signIn(await session.signIn({ username: r.username, password: newPassword }));
    },

    'account:startOtp': async () => {
      const r = waiting('enroll_otp');
      if ('ok' in r) return r;
      try {
        const enrolment = await startOtpEnrolment(core.hub(), r.token);
        const svg = await QRCode.toString(enrolment.otpauthUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
        const qrCode = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
        return { ok: true, setup: { secret: enrolment.secret, otpauthUrl: enrolment.otpauthUrl, qrCode } };
      } catch (err) {
        return hubFail(err);
      }
    },

    'account:confirmOtp': async ({ otp }) => {
      const r = waiting('enroll_otp');
      if ('ok' in r) return r;
      try {
        await confirmOtpEnrolment(core.hub(), r.token, otp);
      } catch (err) {
        return hubFail(err);
      }
      session.awaitNextOtp();
      return { ok: true };
    },

    'account:finishSignIn': async ({ otp }) => {
      const r = waiting('next_otp');
      if ('ok' in r) return r;
      return signIn(await session.signIn({ username: r.username, password: r.password, otp }));
    },

    'account:cancelSetup': async () => {
      session.cancelSetup();
      return { ok: true };
    },

    'app:quit': async ({ password, otp }) => {
      const result = await core.quit.confirm(password, otp);
      return result.ok ? { ok: true } : result;
    },

    'app:cancelQuit': async () => {
      core.quit.cancel();
      return { ok: true };
    },
  };
}

function fail(code: string, message: string): Failure {
  return { ok: false, error: { code, message } };
}

function hubFail(err: unknown): Failure {
  if (err instanceof HubError) return fail(err.code, err.message);
  return fail('failed', (err as Error).message);
}
