/**
 * The tray icon (TrayPort): one colour per link state, the unverified count in the tooltip (and
 * the title where the OS shows one). Icons are drawn here so the app never starts without them.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { CATEGORY_LABELS } from '../../shared/protocol/index.js';
import type { EscalationNotice, TrayLinkState, TrayPort } from '../services/ports.js';
import { solidPng } from './tray-icons.js';

const COLOURS: Record<TrayLinkState, [number, number, number]> = {
  ok: [46, 160, 67],
  connecting: [210, 153, 34],
  offline: [200, 120, 20],
  alarm: [218, 54, 51],
  signed_out: [110, 118, 129],
};

const WORDS: Record<TrayLinkState, string> = {
  ok: 'receiving alerts',
  connecting: 'connecting…',
  offline: 'NOT RECEIVING ALERTS',
  alarm: 'NOT RECEIVING ALERTS',
  signed_out: 'signed out',
};

export class ElectronTray implements TrayPort {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayLinkState, NativeImage>();

  constructor(actions: { openConsole: () => void; quit: () => void }) {
    for (const [state, rgb] of Object.entries(COLOURS) as [TrayLinkState, [number, number, number]][]) {
      this.icons.set(state, nativeImage.createFromBuffer(solidPng(16, rgb)));
    }
    this.tray = new Tray(this.icons.get('signed_out')!);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open OpenTAS', click: actions.openConsole },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit },
      ]),
    );
    this.tray.on('click', actions.openConsole);
  }

  setState(state: { link: TrayLinkState; unverified: number }): void {
    this.tray.setImage(this.icons.get(state.link)!);
    const count = state.unverified > 0 ? ` · ${state.unverified} unverified` : '';
    this.tray.setToolTip(`OpenTAS: ${WORDS[state.link]}${count}`);
    if (process.platform === 'darwin') this.tray.setTitle(state.unverified > 0 ? String(state.unverified) : '');
  }

  /** Red icon and the words in the tooltip until the next state change; a balloon where the OS has them (Windows). */
  escalated(notice: EscalationNotice): void {
    const what = `${notice.category ? CATEGORY_LABELS[notice.category] : 'An alert'}${notice.plate ? ` ${notice.plate}` : ''}`;
    const text = `${what} has gone 10 minutes without verification${notice.units.length ? ` (${notice.units.join(', ')})` : ''}.`;
    this.tray.setImage(this.icons.get('alarm')!);
    this.tray.setToolTip(`OpenTAS: ESCALATED: ${text}`);
    if (process.platform === 'win32') this.tray.displayBalloon({ title: 'OpenTAS: alert escalated', content: text, iconType: 'warning', noSound: false });
  }

  destroy(): void {
    this.tray.destroy();
  }
}
