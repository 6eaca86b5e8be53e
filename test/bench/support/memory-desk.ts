/**
 * The client's receiving end with an in-memory store port, for fleets of thousands of desks on one
 * machine (2,000 desks' disks are not one disk). It does what AlertDesk does with the Inbox: the
 * real ClientFilter decides whether to show, each alert id is kept once, the resume point is the
 * highest seq kept, and `receive` resolves only once the alert is kept (so the real AlertLink
 * answers the receipt after it, as it does with the durable Inbox).
 */
import type { AckEntry, AlertEnvelope, Hello, Policy, Zone } from '../../../src/shared/protocol/index.js';
import type { LinkReceiver } from '../../../src/main/services/alert-link.js';
import type { ClientFilter } from '../../../src/main/services/client-filter.js';

export interface DeskCounts {
  redelivered: number;
  hiddenByFilter: number;
  /** Times a desk's link went to 'connecting' (each connection attempt). */
  connectAttempts: number;
}

export class MemoryDesk implements LinkReceiver {
  private readonly kept = new Set<string>();
  private headSeq = 0;

  constructor(
    private readonly filter: ClientFilter,
    private readonly counts: DeskCounts,
    /** Called once per alert shown, at the moment it is kept (before the receipt is answered). */
    private readonly onShown: (alertId: string) => void,
  ) {}

  highestSeq(): number {
    return this.headSeq;
  }

  async receive(envelope: AlertEnvelope): Promise<void> {
    const id = envelope.alert.id;
    if (this.kept.has(id)) {
      this.counts.redelivered++;
      return;
    }
    const hidden = !this.filter.isForUser(envelope.alert.hit);
    this.kept.add(id);
    if (envelope.seq > this.headSeq) this.headSeq = envelope.seq;
    if (hidden) {
      this.counts.hiddenByFilter++;
      return;
    }
    this.onShown(id);
  }

  hello(hello: Hello): void {
    this.filter.setPolicy(hello.policy);
    this.filter.setZones(hello.zones);
  }

  ackEntry(_entry: AckEntry): void {}

  policy(policy: Policy): void {
    this.filter.setPolicy(policy);
  }

  zones(zones: Zone[]): void {
    this.filter.setZones(zones);
  }
}
