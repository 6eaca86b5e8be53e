/**
 * What the tray icon says (TrayPort), decided here so it is tested without Electron; the Electron
 * tray (src/main/platform/tray.ts) only draws it. Four looks a trooper tells apart at a glance:
 * receiving (green), alerts waiting with their count (blue), not receiving (orange/red) and an
 * overdue alert (red, until the console is opened from the tray). Words go in the tooltip, the
 * count also in the title where the OS shows one (macOS).
 */
import { CATEGORY_LABELS } from '../../shared/protocol/index.js';
import type { EscalationNotice, TrayLinkState, TrayPort } from './ports.js';

export type TrayIcon =
  'receiving' | 'waiting' | 'connecting' | 'offline' | 'alarm' | 'overdue' | 'signed_out';

/** The Electron Tray as the look needs it; platform/tray.ts implements it. */
export interface TraySurface {
  setIcon(icon: TrayIcon): void;
  setToolTip(text: string): void;
  /** Text beside the icon; only macOS shows it. */
  setTitle(text: string): void;
  /** A balloon (Windows only); it may stay in the notification centre, so never a plate. */
  balloon(title: string, content: string): void;
}

const LINK_WORDS: Record<TrayLinkState, string> = {
  ok: 'receiving alerts',
  connecting: 'connecting…',
  offline: 'NOT RECEIVING ALERTS',
  alarm: 'NOT RECEIVING ALERTS',
  signed_out: 'signed out',
};

const LINK_ICONS: Record<TrayLinkState, TrayIcon> = {
  ok: 'receiving',
  connecting: 'connecting',
  offline: 'offline',
  alarm: 'alarm',
  signed_out: 'signed_out',
};

export class DeskTray implements TrayPort {
  private state: { link: TrayLinkState; unverified: number } = { link: 'signed_out', unverified: 0 };
  private overdue: string | null = null;

  constructor(
    private readonly surface: TraySurface,
    private readonly platform: NodeJS.Platform,
  ) {
    this.draw();
  }

  setState(state: { link: TrayLinkState; unverified: number }): void {
    this.state = { link: state.link, unverified: Math.max(0, state.unverified) };
    if (state.link === 'signed_out') this.overdue = null; // a supervisor's escalation is not the next user's
    this.draw();
  }

  /** An alert of this supervisor's or dispatcher's units went 10 minutes unverified. */
  escalated(notice: EscalationNotice): void {
    const what = notice.category ? CATEGORY_LABELS[notice.category] : 'An alert';
    const units = notice.units.length ? ` (${notice.units.join(', ')})` : '';
    // The tooltip is read on hover and gone; the plate may be in it while the console is unlocked.
    this.overdue = `${what}${notice.plate ? ` ${notice.plate}` : ''} has gone 10 minutes without verification${units}.`;
    this.draw();
    if (this.platform === 'win32') {
      this.surface.balloon(
        'OpenTAS: alert overdue',
        `${what} has gone 10 minutes without verification${units}.`,
      );
    }
  }

  /** Alerts this user has not verified yet (an update waits while there are any). */
  waiting(): number {
    return this.state.link === 'signed_out' ? 0 : this.state.unverified;
  }

  /** The user opened the console from the tray: the overdue alert has been seen. */
  seen(): void {
    if (this.overdue === null) return;
    this.overdue = null;
    this.draw();
  }

  private draw(): void {
    const { link, unverified } = this.state;
    const waiting =
      unverified === 1 ? '1 alert waiting for verification' : `${unverified} alerts waiting for verification`;
    const count = unverified > 0 ? ` · ${waiting}` : '';
    if (this.overdue !== null) {
      this.surface.setIcon('overdue');
      this.surface.setToolTip(
        `OpenTAS: OVERDUE: ${this.overdue}${link === 'ok' ? '' : ` · ${LINK_WORDS[link]}`}`,
      );
    } else if (link === 'ok' && unverified > 0) {
      this.surface.setIcon('waiting');
      this.surface.setToolTip(`OpenTAS: ${waiting}`);
    } else {
      this.surface.setIcon(LINK_ICONS[link]);
      this.surface.setToolTip(`OpenTAS: ${LINK_WORDS[link]}${count}`);
    }
    if (this.platform === 'darwin') this.surface.setTitle(unverified > 0 ? String(unverified) : '');
  }
}
