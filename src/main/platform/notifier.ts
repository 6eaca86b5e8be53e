/** Desktop notifications of alerts (Notifier): category and plate, or "unlock to view" when locked. */
import { Notification } from 'electron';
import { CATEGORY_LABELS } from '../../shared/protocol/index.js';
import type { AlertNotice, Notifier } from '../services/ports.js';

export class ElectronNotifier implements Notifier {
  constructor(private readonly onClick: (alertId: string) => void) {}

  showAlert(notice: AlertNotice): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: `OpenTAS: ${CATEGORY_LABELS[notice.category]}`,
      body: notice.locked || !notice.plate ? 'Unlock to view.' : `Plate ${notice.plate}: unverified, verify in LEADS/NCIC.`,
      urgency: 'critical',
      silent: true, // the popup plays the category's sound
    });
    notification.on('click', () => this.onClick(notice.alertId));
    notification.show();
  }
}
