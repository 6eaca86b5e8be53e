/**
 * The QuitGate: the tray's Quit while the console is locked needs the password. Otherwise anyone
 * at a locked desk could stop it from receiving alerts, and (before the lock outlived restarts)
 * get an unlocked console by starting it again. The password is checked by the hub (a fresh
 * sign-in, as for unlocking); when the hub cannot be reached the app keeps running and says so.
 */
import type { SignInResult, SessionView } from './session.js';

/** Ends the application (Electron: app.quit()). */
export interface AppExit {
  quit(): void;
}

/** The session as the gate needs it. */
export interface QuitSession {
  view(): SessionView;
  unlock(password: string, otp?: string): Promise<SignInResult>;
}

export type QuitAnswer = 'quitting' | 'password_needed';

export class QuitGate {
  private pending = false;

  constructor(
    private readonly session: QuitSession,
    private readonly exit: AppExit,
    /** Called when `asked()` changes, so the lock screen can show or hide its quit form. */
    private readonly changed: () => void,
  ) {}

  /** The tray's Quit: at once, unless a signed-in console is locked. */
  request(): QuitAnswer {
    const view = this.session.view();
    if (!view.signedIn || !view.locked) {
      this.exit.quit();
      return 'quitting';
    }
    this.setAsked(true);
    return 'password_needed';
  }

  asked(): boolean {
    return this.pending && this.session.view().locked;
  }

  async confirm(password: string, otp?: string): Promise<SignInResult | { ok: true }> {
    if (!this.pending) return { ok: false, error: { code: 'not_asked', message: 'Quit from the tray menu first.' } };
    const result = await this.session.unlock(password, otp);
    if (!result.ok) return result;
    this.setAsked(false);
    this.exit.quit();
    return { ok: true };
  }

  cancel(): void {
    this.setAsked(false);
  }

  private setAsked(asked: boolean): void {
    if (this.pending === asked) return;
    this.pending = asked;
    this.changed();
  }
}
