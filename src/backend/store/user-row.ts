/** The `users` table's row, as both SQL stores lay it out (snake_case, roles as JSON text), and its record. */
import type { UserRecord } from './port.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  unit: string | null;
  password_hash: string;
  totp_secret: string | null;
  leads_certified_until: string;
  training_completed_at: string;
  failed_count: number;
  first_failed_at: string | null;
  locked_until: string | null;
  created_at: string;
}

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as UserRecord['roles'],
  unit: r.unit,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  leadsCertifiedUntil: r.leads_certified_until,
  trainingCompletedAt: r.training_completed_at,
  failedCount: r.failed_count,
  firstFailedAt: r.first_failed_at,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
});
