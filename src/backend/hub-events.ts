/**
 * What happened in the hub that other parts react to, on one bus created first by startHub and
 * injected: the services that change routing (zones, policy, accounts) say so here, and the stream
 * (and whatever else listens) acts on it, so no service reaches for the stream. An emit waits for
 * every listener, so an HTTP answer goes out after the desks were told.
 * (An alert stored and a session ended have their own observers: AlertFeed and SessionEnds.)
 */
import type { Policy } from '../shared/protocol/index.js';
import type { UserRecord } from './store/port.js';

export interface HubEventMap {
  /** Zones changed; `concerns` says which users they are assigned to (before or after the change). */
  zonesChanged: (concerns: (user: UserRecord) => boolean) => Promise<void> | void;
  policyChanged: (policy: Policy) => Promise<void> | void;
  /** An account changed (roles, unit, certification...): connected sessions use the new record. */
  userChanged: (user: UserRecord) => Promise<void> | void;
}

export class HubEvents {
  private readonly listeners: { [K in keyof HubEventMap]: HubEventMap[K][] } = { zonesChanged: [], policyChanged: [], userChanged: [] };

  on<K extends keyof HubEventMap>(event: K, listener: HubEventMap[K]): () => void {
    const list = this.listeners[event];
    list.push(listener);
    return () => void list.splice(list.indexOf(listener), 1);
  }

  async emit<K extends keyof HubEventMap>(event: K, ...args: Parameters<HubEventMap[K]>): Promise<void> {
    await Promise.all(this.listeners[event].map((l) => (l as (...a: Parameters<HubEventMap[K]>) => unknown)(...args)));
  }
}
