/** Desktop notifications of alerts (Notifier): the words come from noticeText (never the plate); a click opens the alert. */
import { Notification } from 'electron';
import { noticeText } from '../services/alert-notice.js';
import type { AlertNotice, Notifier } from '../services/ports.js';

export class ElectronNotifier implements Notifier {
  constructor(private readonly onClick: (alertId: string) => void) {}

  showAlert(notice: AlertNotice): void {
    if (!Notification.isSupported()) return;
    const { title, body } = noticeText(notice);
    const notification = new Notification({
      title,
      body,
      urgency: 'critical',
      silent: true, // the popup plays the category's sound
    });
    notification.on('click', () => this.onClick(notice.alertId));
    notification.show();
  }
}
