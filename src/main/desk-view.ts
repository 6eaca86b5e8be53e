/**
 * The DeskView: how the desk's alerts reach the user. It turns stored alerts into the IPC's
 * AlertView (or, while the console is locked, LockedAlertView: category only), raises the
 * notification and the popup for a new alert, and keeps the tray's state and unverified count.
 */
import type { AlertView, LockedAlertView } from '../shared/ipc.js';
import type { Escalation } from '../shared/ipc-review.js';
import type { Policy, Zone } from '../shared/protocol/index.js';
import type { TroopUpdate } from '../shared/ipc-troop.js';
import type { DeskListener } from './services/alert-desk.js';
import type { StoredAlert } from './services/inbox.js';
import type { TrayLinkState } from './services/ports.js';
import type { AppCore } from './client-app.js';

/** A replayed alert older than this does not pop up: it is listed, not announced. */
const ANNOUNCE_WITHIN_MS = 10 * 60_000;

export class DeskView implements DeskListener {
  /** The `older` last told to the renderer with alerts:trimmed. */
  private toldOlder: number | null = null;

  constructor(private readonly core: AppCore) {}

  /**
   * The events carry the data: the renderer upserts the one alert it is sent (alerts:alert,
   * alerts:changed) instead of reading the whole list again at every alert, and trims its list when
   * the desk's recent list did (alerts:trimmed). alerts:list stays for the first load and reconnects.
   */
  alert(stored: StoredAlert): void {
    const locked = this.core.session.view().locked;
    this.core.emit('alerts:alert', locked ? lockedView(stored) : this.view(stored));
    const inbox = this.core.desk()?.inbox;
    const older = inbox?.olderStart() ?? null;
    if (inbox && older !== this.toldOlder) {
      this.toldOlder = older;
      this.core.emit('alerts:trimmed', { keep: inbox.list().length, older });
    }
    const fresh = this.core.ports.clock.now() - Date.parse(stored.alert.ingestedAt) < ANNOUNCE_WITHIN_MS;
    if (fresh) {
      const { category, camera } = stored.alert.hit;
      this.core.ports.notifier.showAlert({ alertId: stored.alert.id, category, locked, ...(locked ? {} : { camera: camera.name }) });
      this.core.ports.popup.show(stored.alert.id);
    }
    this.refreshTray();
  }

  changed(alertId: string): void {
    const stored = this.core.desk()?.inbox.get(alertId);
    const view = stored && (this.core.session.view().locked ? lockedView(stored) : this.view(stored));
    this.core.emit('alerts:changed', view ? { alertId, view } : { alertId });
    this.refreshTray();
  }

  policy(policy: Policy): void {
    this.core.session.setIdleLockMinutes(policy.idleLockMinutes);
    void this.core.desk()?.purge(policy);
  }

  /** The Troop view follows other desks' steps; nothing of it is kept here (it re-reads when opened). */
  troop(update: TroopUpdate): void {
    if (!this.core.session.view().locked) this.core.emit('troop:entry', update);
  }

  zones(zones: Zone[]): void {
    this.core.emit('zones:changed', zones);
  }

  /** An escalation goes to the console (banner and sound) and the tray; no plate while locked. */
  escalation(e: Escalation): void {
    const locked = this.core.session.view().locked;
    const { plate, ...rest } = e;
    const shown = locked || plate === undefined ? rest : { ...rest, plate };
    this.core.emit('review:escalation', shown);
    this.core.ports.tray.escalated({ alertId: e.alertId, units: e.units, ...(e.category ? { category: e.category } : {}), ...(!locked && plate ? { plate } : {}) });
  }

  view(stored: StoredAlert): AlertView {
    return {
      seq: stored.seq,
      alert: stored.alert,
      receivedAt: stored.receivedAt,
      trail: stored.trail,
      pending: this.core.desk()?.outbox.pendingFor(stored.alert.id) ?? [],
    };
  }

  list(): { locked: false; items: AlertView[]; older: number | null } | { locked: true; items: LockedAlertView[] } {
    const inbox = this.core.desk()?.inbox;
    const stored = inbox?.list() ?? [];
    if (this.core.session.view().locked) return { locked: true, items: stored.map(lockedView) };
    return { locked: false, items: stored.map((s) => this.view(s)), older: inbox?.olderStart() ?? null };
  }

  refreshTray(): void {
    const presence = this.core.presence.get();
    const link: TrayLinkState =
      presence.state === 'signed_out' ? 'signed_out' : presence.alarm ? 'alarm' : presence.state === 'connected' ? 'ok' : presence.state;
    this.core.ports.tray.setState({ link, unverified: this.unverified() });
  }

  /** Alerts this user has neither verified nor closed: what the tray counts. */
  private unverified(): number {
    const userId = this.core.session.currentUser()?.id;
    const stored = this.core.desk()?.inbox.list() ?? [];
    return stored.filter((s) => !s.trail.some((e) => e.userId === userId && (e.type === 'verified' || e.type === 'closed'))).length;
  }
}

function lockedView(stored: StoredAlert): LockedAlertView {
  return { seq: stored.seq, category: stored.alert.hit.category, receivedAt: stored.receivedAt };
}
