/**
 * The app's two windows: the always-on-top alert popup (PopupPort) and the console. Both load the
 * renderer from app:// with the secure web preferences; the popup shows the `#popup` view.
 */
import { screen, type BrowserWindow } from 'electron';
import type { PopupPort } from '../services/ports.js';
import { APP_ORIGIN, appWindow } from './security.js';

export class ElectronPopup implements PopupPort {
  private window: BrowserWindow | null = null;

  constructor(private readonly preloadPath: string) {}

  show(_alertId: string): void {
    const window = this.window && !this.window.isDestroyed() ? this.window : this.create();
    // 'screen-saver' keeps it above full-screen applications on a trooper's second monitor.
    window.setAlwaysOnTop(true, 'screen-saver');
    if (window.isMinimized()) window.restore();
    window.showInactive();
    window.moveTop();
    window.flashFrame(true);
  }

  private create(): BrowserWindow {
    const { workArea } = screen.getPrimaryDisplay();
    const width = 560;
    const height = 720;
    const window = appWindow(this.preloadPath, {
      width,
      height,
      x: workArea.x + workArea.width - width - 16,
      y: workArea.y + 16,
      show: false,
      alwaysOnTop: true,
      skipTaskbar: false,
      title: 'OpenTAS alert',
      backgroundColor: '#111111',
    });
    void window.loadURL(`${APP_ORIGIN}/index.html#popup`);
    window.on('closed', () => (this.window = null));
    this.window = window;
    return window;
  }
}

export function openConsoleWindow(preloadPath: string): BrowserWindow {
  const window = appWindow(preloadPath, {
    width: 1280,
    height: 860,
    show: false,
    title: 'OpenTAS',
    backgroundColor: '#111111',
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
