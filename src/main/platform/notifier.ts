/** Electron's Notification as the NotificationCentre of DesktopNotifier (services/desktop-notifier.ts), which decides the words and the click. */
import { Notification } from 'electron';
import type { NotificationCentre, ShownNotification } from '../services/desktop-notifier.js';

export const electronNotificationCentre: NotificationCentre = {
  supported: () => Notification.isSupported(),
  show({ title, body }): ShownNotification {
    const notification = new Notification({ title, body, urgency: 'critical', silent: true });
    notification.show();
    return {
      onClick: (listener) => void notification.on('click', listener),
      onClose: (listener) => void notification.on('close', listener),
    };
  },
};
