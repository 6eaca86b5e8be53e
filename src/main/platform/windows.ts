/**
 * The app's two windows: the always-on-top alert popup (the PopupWindows of AlertPopup,
 * services/alert-popup.ts, which decides when it shows and whether it takes the focus) and the
 * console. Both are built by appWindow (security.ts) and load the renderer from app://; the popup
 * shows the `#popup` view.
 */
import { screen, type BrowserWindow } from 'electron';
import { popupBounds, type PopupWindow, type PopupWindows } from '../services/alert-popup.js';
import { APP_ORIGIN, appWindow } from './security.js';

export class ElectronPopupWindows implements PopupWindows {
  private window: BrowserWindow | null = null;

  constructor(private readonly preloadPath: string) {}

  current(): PopupWindow | null {
    return this.window && !this.window.isDestroyed() ? popupWindow(this.window) : null;
  }

  create(): PopupWindow {
    const window = appWindow(this.preloadPath, {
      ...popupBounds(screen.getPrimaryDisplay().workArea),
      show: false,
      alwaysOnTop: true,
      skipTaskbar: false,
      title: 'OpenTAS alert',
      backgroundColor: '#111111',
    });
    void window.loadURL(`${APP_ORIGIN}/index.html#popup`);
    window.on('closed', () => (this.window = null));
    this.window = window;
    return popupWindow(window);
  }
}

function popupWindow(window: BrowserWindow): PopupWindow {
  return {
    isMinimized: () => window.isMinimized(),
    restore: () => window.restore(),
    // 'screen-saver' keeps it above full-screen applications on a trooper's second monitor.
    keepOnTop: () => window.setAlwaysOnTop(true, 'screen-saver'),
    showInactive: () => window.showInactive(),
    showFocused: () => {
      window.show();
      window.focus();
    },
    moveTop: () => window.moveTop(),
    flash: () => window.flashFrame(true),
    hide: () => window.hide(),
    isVisible: () => window.isVisible(),
  };
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
