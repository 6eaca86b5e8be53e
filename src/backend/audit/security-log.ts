/** Writes the security audit trail (CJIS): logins, failures, lockouts, token reuse, privileged actions. */
import type { Clock } from '../clock.js';
import type { AuditEvent, AuditStore } from '../store/port.js';

export interface Actor {
  userId?: string | null;
  username?: string | null;
  source?: string | null;
}

export class SecurityLog {
  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
  ) {}

  async record(action: string, outcome: AuditEvent['outcome'], actor: Actor, detail?: Record<string, unknown>): Promise<void> {
    await this.store.add({
      at: this.clock.now().toISOString(),
      action,
      outcome,
      userId: actor.userId ?? null,
      username: actor.username ?? null,
      source: actor.source ?? null,
      ...(detail ? { detail } : {}),
    });
  }
}
