/**
 * The client's second look at what the hub routed to it (DESIGN.md, filter semantics): the same
 * shared rule the hub applies, here with the user's own category preferences. It holds the inputs
 * the rule needs (policy, the user's zones, preferences) as they change on the stream.
 */
import { DEFAULT_POLICY, isMandatory, type Category, type Hit, type Policy, type PublicUser, type Zone } from '../../shared/protocol/index.js';
import type { Logger } from './ports.js';

export class ClientFilter {
  private policy: Policy = DEFAULT_POLICY;
  private zones: Zone[] = [];
  private categories: Category[] = [];
  private user: PublicUser | null = null;

  constructor(private readonly logger: Logger) {}

  setPolicy(policy: Policy): void {
    this.policy = policy;
  }

  setZones(zones: Zone[]): void {
    this.zones = zones;
  }

  setCategories(categories: Category[]): void {
    this.categories = categories;
  }

  setUser(user: PublicUser | null): void {
    this.user = user;
  }

  currentPolicy(): Policy {
    return this.policy;
  }

  currentZones(): Zone[] {
    return this.zones;
  }

  /** Whether to show a hit to this user. Mandatory categories always pass (the hub routed them). */
  isForUser(hit: Hit): boolean {
    try {
      if (isMandatory(hit.category, this.policy.mandatoryCategories)) return true;
      // Zones were applied by the hub, which owns the assignment; the client re-checks categories.
      return this.categories.includes(hit.category);
    } catch (err) {
      this.logger.error('filter: evaluation failed; showing the alert', { reason: (err as Error).message });
      return true;
    }
  }

  userId(): string | null {
    return this.user?.id ?? null;
  }
}
