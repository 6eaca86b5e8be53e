/**
 * Policy changes (admins): the mandatory and statewide categories kept in the protocol's order, the
 * change logged with what it was before, the routing recomputed, and every desk told (HubEvents).
 */
import { CATEGORIES, type Policy } from '../../shared/protocol/index.js';
import type { Audience } from '../alerts/audience.js';
import type { Actor, SecurityLog } from '../audit/security-log.js';
import type { HubEvents } from '../hub-events.js';
import type { HubStore } from '../store/port.js';

export class PolicyDesk {
  constructor(
    private readonly store: HubStore,
    private readonly securityLog: SecurityLog,
    private readonly audience: Audience,
    private readonly events: HubEvents,
  ) {}

  async put(next: Policy, by: Actor): Promise<Policy> {
    const before = await this.store.policy.get();
    const policy: Policy = {
      ...next,
      mandatoryCategories: CATEGORIES.filter((c) => next.mandatoryCategories.includes(c)),
      statewideCategories: CATEGORIES.filter((c) => next.statewideCategories.includes(c)),
    };
    await this.store.policy.put(policy);
    await this.securityLog.record('policy_put', 'success', by, { before, after: policy });
    this.audience.invalidate();
    await this.events.emit('policyChanged', policy);
    return policy;
  }
}
