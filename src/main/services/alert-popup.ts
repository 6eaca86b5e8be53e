/**
 * When and how the always-on-top alert popup shows (PopupPort), decided here so it is tested
 * without Electron; src/main/platform/windows.ts only builds the window. The rules:
 * - a new alert never takes the keyboard focus (the trooper may be typing a LEADS query): the popup
 *   shows inactive, above full-screen windows, on top, and flashes the taskbar button;
 * - the user asking for an alert (a notification click) brings the popup up focused;
 * - a minimised popup is restored; a closed one is built again for the next alert;
 * - signing out or the session ending hides it (no CJI left on screen), without closing the window.
 */
import type { PopupPort } from './ports.js';

/** The popup's BrowserWindow as these rules need it. */
export interface PopupWindow {
  isMinimized(): boolean;
  restore(): void;
  /** Above full-screen applications ('screen-saver' level in Electron). */
  keepOnTop(): void;
  showInactive(): void;
  showFocused(): void;
  moveTop(): void;
  flash(): void;
  hide(): void;
  isVisible(): boolean;
}

/** Where the popup window comes from: the open one, or a new one. */
export interface PopupWindows {
  /** The popup window if it exists and has not been closed. */
  current(): PopupWindow | null;
  create(): PopupWindow;
}

export class AlertPopup implements PopupPort {
  constructor(private readonly windows: PopupWindows) {}

  show(_alertId: string, how: { focus?: boolean } = {}): void {
    // Which alert the popup shows is the renderer's (it receives alerts:open); this decides the window.
    const window = this.windows.current() ?? this.windows.create();
    window.keepOnTop();
    if (window.isMinimized()) window.restore();
    if (how.focus) window.showFocused();
    else {
      window.showInactive();
      window.flash();
    }
    window.moveTop();
  }

  /** The popup is on screen (an update waits while it is). */
  showing(): boolean {
    return this.windows.current()?.isVisible() ?? false;
  }

  hide(): void {
    const window = this.windows.current();
    if (window?.isVisible()) window.hide();
  }
}

/** Top right of the work area, a margin from its edges, never wider or taller than the area. */
export function popupBounds(
  workArea: { x: number; y: number; width: number; height: number },
  size = { width: 560, height: 720 },
  margin = 16,
): { x: number; y: number; width: number; height: number } {
  const width = Math.min(size.width, workArea.width - 2 * margin);
  const height = Math.min(size.height, workArea.height - 2 * margin);
  return { x: workArea.x + workArea.width - width - margin, y: workArea.y + margin, width, height };
}
