/**
 * Desktop notifications of alerts (Notifier), decided here so they are tested without Electron;
 * src/main/platform/notifier.ts only shows them. The words are noticeText's (category and camera,
 * never the plate). A click opens that alert. Each shown notification is held until it is clicked
 * or closed: Electron drops the click of a Notification object the garbage collector has taken.
 */
import { noticeText } from './alert-notice.js';
import type { AlertNotice, Notifier } from './ports.js';

/** One notification on screen, as Electron's Notification does it. */
export interface ShownNotification {
  onClick(listener: () => void): void;
  /** Closed by the user, dismissed or expired: it will not be clicked any more. */
  onClose(listener: () => void): void;
}

/** The OS notification centre as the notifier needs it. */
export interface NotificationCentre {
  supported(): boolean;
  /** Critical urgency, silent (the popup plays the category's sound). */
  show(text: { title: string; body: string }): ShownNotification;
}

/** Old notifications are let go past this many (a flood of hits must not hold memory for ever). */
const HELD_AT_MOST = 50;

export class DesktopNotifier implements Notifier {
  private readonly held = new Set<ShownNotification>();

  constructor(
    private readonly centre: NotificationCentre,
    private readonly open: (alertId: string) => void,
  ) {}

  showAlert(notice: AlertNotice): void {
    if (!this.centre.supported()) return;
    const shown = this.centre.show(noticeText(notice));
    this.held.add(shown);
    if (this.held.size > HELD_AT_MOST) this.held.delete(this.held.values().next().value!);
    shown.onClick(() => {
      this.held.delete(shown);
      this.open(notice.alertId);
    });
    shown.onClose(() => this.held.delete(shown));
  }

  /** How many notifications are held for their click (for tests). */
  holding(): number {
    return this.held.size;
  }
}
