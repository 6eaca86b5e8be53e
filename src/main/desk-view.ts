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
import type { ClientPorts, TrayLinkState } from './services/ports.js';
import type { Presence } from './services/presence.js';
import type { Session } from './services/session.js';
import type { UserDesk } from './services/user-desk.js';
import type { ClientEvents } from './client-events.js';

export interface DeskViewDeps {
  session: Pick<Session, 'view' | 'currentUser' | 'setIdleLockMinutes'>;
  presence: Pick<Presence, 'get'>;
  ports: Pick<ClientPorts, 'clock' | 'notifier' | 'popup' | 'tray'>;
  events: Pick<ClientEvents, 'emit'>;
  /** The open desk, if any (the DeskSwitch's). */
  desk(): UserDesk | null;
}

/** A replayed alert older than this does not pop up: it is listed, not announced. */
const ANNOUNCE_WITHIN_MS = 10 * 60_000;

export class DeskView implements DeskListener {
  /** The `older` last told to the renderer with alerts:trimmed. */
  private toldOlder: number | null = null;

  constructor(private readonly deps: DeskViewDeps) {}

  /**
   * The events carry the data: the renderer upserts the one alert it is sent (alerts:alert,
   * alerts:changed) instead of reading the whole list again at every alert, and trims its list when
   * the desk's recent list did (alerts:trimmed). alerts:list stays for the first load and reconnects.
   */
  alert(stored: StoredAlert): void {
    const locked = this.deps.session.view().locked;
    this.deps.events.emit('alerts:alert', locked ? lockedView(stored) : this.view(stored));
    const inbox = this.deps.desk()?.inbox;
    const older = inbox?.olderStart() ?? null;
    // While the desk holds older alerts its recent list is full, and the one just announced made the
    // renderer's one longer: trim after every alert then. Not only when `older` moved: several alerts
    // can be stored before the first of them is announced, and one trim would not cover the rest.
    // Once more when the older ones are gone (`older` back to null), so the renderer hears that too.
    if (inbox && (older !== null || this.toldOlder !== null)) {
      this.toldOlder = older;
      this.deps.events.emit('alerts:trimmed', { keep: inbox.list().length, older });
    }
    const fresh = this.deps.ports.clock.now() - Date.parse(stored.alert.ingestedAt) < ANNOUNCE_WITHIN_MS;
    if (fresh) {
      const { category, camera } = stored.alert.hit;
      this.deps.ports.notifier.showAlert({ alertId: stored.alert.id, category, locked, ...(locked ? {} : { camera: camera.name }) });
      this.deps.ports.popup.show(stored.alert.id);
    }
    this.refreshTray();
  }

  changed(alertId: string): void {
    const stored = this.deps.desk()?.inbox.get(alertId);
    const view = stored && (this.deps.session.view().locked ? lockedView(stored) : this.view(stored));
    this.deps.events.emit('alerts:changed', view ? { alertId, view } : { alertId });
    this.refreshTray();
  }

  policy(policy: Policy): void {
    this.deps.session.setIdleLockMinutes(policy.idleLockMinutes);
    void this.deps.desk()?.purge(policy);
  }

  /** The Troop view follows other desks' steps; nothing of it is kept here (it re-reads when opened). */
  troop(update: TroopUpdate): void {
    if (!this.deps.session.view().locked) this.deps.events.emit('troop:entry', update);
  }

  zones(zones: Zone[]): void {
    this.deps.events.emit('zones:changed', zones);
  }

  /** An escalation goes to the console (banner and sound) and the tray; no plate while locked. */
  escalation(e: Escalation): void {
    const locked = this.deps.session.view().locked;
    const { plate, ...rest } = e;
    const shown = locked || plate === undefined ? rest : { ...rest, plate };
    this.deps.events.emit('review:escalation', shown);
    this.deps.ports.tray.escalated({ alertId: e.alertId, units: e.units, ...(e.category ? { category: e.category } : {}), ...(!locked && plate ? { plate } : {}) });
  }

  view(stored: StoredAlert): AlertView {
    return {
      seq: stored.seq,
      alert: stored.alert,
      receivedAt: stored.receivedAt,
      trail: stored.trail,
      pending: this.deps.desk()?.outbox.pendingFor(stored.alert.id) ?? [],
    };
  }

  list(): { locked: false; items: AlertView[]; older: number | null } | { locked: true; items: LockedAlertView[] } {
    const inbox = this.deps.desk()?.inbox;
    const stored = inbox?.list() ?? [];
    if (this.deps.session.view().locked) return { locked: true, items: stored.map(lockedView) };
    return { locked: false, items: stored.map((s) => this.view(s)), older: inbox?.olderStart() ?? null };
  }

  refreshTray(): void {
    const presence = this.deps.presence.get();
    const link: TrayLinkState =
      presence.state === 'signed_out' ? 'signed_out' : presence.alarm ? 'alarm' : presence.state === 'connected' ? 'ok' : presence.state;
    this.deps.ports.tray.setState({ link, unverified: this.unverified() });
  }

  /** Alerts this user has neither verified nor closed: what the tray counts. */
  private unverified(): number {
    const userId = this.deps.session.currentUser()?.id;
    const stored = this.deps.desk()?.inbox.list() ?? [];
    return stored.filter((s) => !s.trail.some((e) => e.userId === userId && (e.type === 'verified' || e.type === 'closed'))).length;
  }
}

function lockedView(stored: StoredAlert): LockedAlertView {
  return { seq: stored.seq, category: stored.alert.hit.category, receivedAt: stored.receivedAt };
}
