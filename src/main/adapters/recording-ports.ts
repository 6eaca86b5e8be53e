/**
 * Notifier, tray and popup that record what they were asked to show. The browser host uses them
 * (its renderer shows alerts itself) and tests read them back.
 */
import type { AlertNotice, EscalationNotice, Notifier, PopupPort, TrayLinkState, TrayPort } from '../services/ports.js';

export class RecordingNotifier implements Notifier {
  readonly shown: AlertNotice[] = [];
  showAlert(notice: AlertNotice): void {
    this.shown.push(notice);
  }
}

export class RecordingTray implements TrayPort {
  readonly states: { link: TrayLinkState; unverified: number }[] = [];
  setState(state: { link: TrayLinkState; unverified: number }): void {
    this.states.push(state);
  }
  readonly escalations: EscalationNotice[] = [];
  escalated(notice: EscalationNotice): void {
    this.escalations.push(notice);
  }
  current(): { link: TrayLinkState; unverified: number } | undefined {
    return this.states.at(-1);
  }
}

export class RecordingPopup implements PopupPort {
  readonly shown: string[] = [];
  show(alertId: string): void {
    this.shown.push(alertId);
  }
}
