/**
 * The Electron tray: draws what DeskTray (services/desk-tray.ts) decides. One colour per icon,
 * drawn here so the app never starts without them; a menu to open the console or quit.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { TrayIcon, TraySurface } from '../services/desk-tray.js';
import { solidPng } from './tray-icons.js';

const COLOURS: Record<TrayIcon, [number, number, number]> = {
  receiving: [46, 160, 67],
  waiting: [47, 129, 247],
  connecting: [210, 153, 34],
  offline: [200, 120, 20],
  alarm: [218, 54, 51],
  overdue: [218, 54, 51],
  signed_out: [110, 118, 129],
};

export class ElectronTraySurface implements TraySurface {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayIcon, NativeImage>();

  constructor(actions: { openConsole: () => void; quit: () => void }) {
    for (const [icon, rgb] of Object.entries(COLOURS) as [TrayIcon, [number, number, number]][]) {
      this.icons.set(icon, nativeImage.createFromBuffer(solidPng(16, rgb)));
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

  setIcon(icon: TrayIcon): void {
    this.tray.setImage(this.icons.get(icon)!);
  }

  setToolTip(text: string): void {
    this.tray.setToolTip(text);
  }

  setTitle(text: string): void {
    this.tray.setTitle(text);
  }

  balloon(title: string, content: string): void {
    this.tray.displayBalloon({ title, content, iconType: 'warning', noSound: false });
  }

  destroy(): void {
    this.tray.destroy();
  }
}
