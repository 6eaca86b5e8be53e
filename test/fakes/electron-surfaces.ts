/**
 * Hand-written fakes of the Electron objects behind the desk's OS adapters (the surfaces of
 * services/desk-tray.ts, alert-popup.ts, desktop-notifier.ts, system-idle.ts): each records what it
 * was asked to do, as the Tray, BrowserWindow, Notification and powerMonitor would have done it.
 */
import type { TrayIcon, TraySurface } from '../../src/main/services/desk-tray.js';
import type { PopupWindow, PopupWindows } from '../../src/main/services/alert-popup.js';
import type { NotificationCentre, ShownNotification } from '../../src/main/services/desktop-notifier.js';
import type { PowerEvent, PowerSignals } from '../../src/main/services/system-idle.js';

export class FakeTray implements TraySurface {
  icon: TrayIcon | null = null;
  toolTip = '';
  title = '';
  readonly balloons: { title: string; content: string }[] = [];
  setIcon(icon: TrayIcon): void {
    this.icon = icon;
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  balloon(title: string, content: string): void {
    this.balloons.push({ title, content });
  }
}

/** A BrowserWindow's state as the popup rules change it: visible, focused, minimised, on top, flashing. */
export class FakePopupWindow implements PopupWindow {
  visible = false;
  focused = false;
  minimized = false;
  onTop = false;
  flashing = false;
  readonly calls: string[] = [];
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  keepOnTop(): void {
    this.onTop = true;
  }
  showInactive(): void {
    this.calls.push('showInactive');
    this.visible = true;
  }
  showFocused(): void {
    this.calls.push('showFocused');
    this.visible = true;
    this.focused = true;
  }
  moveTop(): void {
    this.calls.push('moveTop');
  }
  flash(): void {
    this.flashing = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
    this.focused = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
}

export class FakePopupWindows implements PopupWindows {
  readonly created: FakePopupWindow[] = [];
  private open: FakePopupWindow | null = null;
  current(): PopupWindow | null {
    return this.open;
  }
  create(): PopupWindow {
    this.open = new FakePopupWindow();
    this.created.push(this.open);
    return this.open;
  }
  /** The user closed the window (Electron's 'closed'). */
  close(): void {
    this.open = null;
  }
  get window(): FakePopupWindow | null {
    return this.open;
  }
}

export class FakeNotification implements ShownNotification {
  private readonly clicks: (() => void)[] = [];
  private readonly closes: (() => void)[] = [];
  constructor(readonly text: { title: string; body: string }) {}
  onClick(listener: () => void): void {
    this.clicks.push(listener);
  }
  onClose(listener: () => void): void {
    this.closes.push(listener);
  }
  click(): void {
    for (const l of this.clicks) l();
  }
  close(): void {
    for (const l of this.closes) l();
  }
}

export class FakeNotificationCentre implements NotificationCentre {
  readonly shown: FakeNotification[] = [];
  constructor(private readonly isSupported = true) {}
  supported(): boolean {
    return this.isSupported;
  }
  show(text: { title: string; body: string }): ShownNotification {
    const n = new FakeNotification(text);
    this.shown.push(n);
    return n;
  }
}

export class FakePowerMonitor implements PowerSignals {
  idle = 0;
  online = true;
  private readonly listeners = new Map<PowerEvent, Set<() => void>>();
  systemIdleSeconds(): number {
    return this.idle;
  }
  on(event: PowerEvent, listener: () => void): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: PowerEvent, listener: () => void): void {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: PowerEvent): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l();
  }
  isOnline(): boolean {
    return this.online;
  }
  listening(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
