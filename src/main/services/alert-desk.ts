/**
 * The AlertDesk: what the desk does with everything the link receives. An alert goes through the
 * client filter, into the Inbox (durably, before the link answers the receipt), then, if it is new
 * and for this user, to the listeners (UI event, notification, popup). Trail entries, policy and
 * zones update the Inbox and the filter.
 */
import type { AckEntry, AlertEnvelope, Hello, Policy, Zone } from '../../shared/protocol/index.js';
import type { TroopUpdate } from '../../shared/ipc-troop.js';
import type { Escalation } from '../../shared/ipc-review.js';
import type { LinkReceiver } from './alert-link.js';
import type { ClientFilter } from './client-filter.js';
import type { Inbox, StoredAlert } from './inbox.js';
import type { Logger } from './ports.js';

export interface DeskListener {
  alert(stored: StoredAlert): void;
  changed(alertId: string): void;
  policy(policy: Policy): void;
  zones(zones: Zone[]): void;
  troop?(update: TroopUpdate): void;
  escalation(escalation: Escalation): void;
}

export class AlertDesk implements LinkReceiver {
  constructor(
    private readonly inbox: Inbox,
    private readonly filter: ClientFilter,
    private readonly listener: DeskListener,
    private readonly logger: Logger,
  ) {}

  highestSeq(): number {
    return this.inbox.highestSeq();
  }

  async receive(envelope: AlertEnvelope): Promise<void> {
    if (this.inbox.has(envelope.alert.id)) {
      await this.inbox.store(envelope); // a duplicate: stores nothing, but moves a recovery replay on
      return;
    }
    const hidden = !this.filter.isForUser(envelope.alert.hit);
    const { stored } = await this.inbox.store(envelope, hidden);
    if (hidden) this.logger.info('desk: an alert outside this user\'s categories was stored but not shown', { seq: envelope.seq });
    if (stored && !hidden) this.listener.alert(stored);
  }

  hello(hello: Hello): void {
    this.policy(hello.policy);
    this.zones(hello.zones);
    if (hello.gap) this.logger.warn('desk: the hub says alerts older than its replay window were missed');
  }

  ackEntry(entry: AckEntry): void {
    void this.inbox
      .addTrail(entry)
      .then((changed) => {
        if (changed) this.listener.changed(entry.alertId);
      })
      .catch((err: Error) => this.logger.error('desk: could not store a trail entry', { reason: err.message }));
  }

  policy(policy: Policy): void {
    this.filter.setPolicy(policy);
    this.listener.policy(policy);
  }

  zones(zones: Zone[]): void {
    this.filter.setZones(zones);
    this.listener.zones(zones);
  }

  troop(update: TroopUpdate): void {
    this.listener.troop?.(update);
  }

  escalation(escalation: Escalation): void {
    this.logger.warn('desk: the hub escalated an alert nobody verified in time', { alertId: escalation.alertId });
    this.listener.escalation(escalation);
  }
}
