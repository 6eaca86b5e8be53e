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
  disabled: number | boolean;
  domain: string;
  must_change_password: number | boolean;
  totp_pending_secret: string | null;
  totp_last_step: number | string | null;
  last_login_at: string | null;
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
  disabled: Boolean(r.disabled),
  domain: r.domain === 'motor_carrier' ? 'motor_carrier' : 'general',
  mustChangePassword: Boolean(r.must_change_password),
  totpPendingSecret: r.totp_pending_secret,
  // Postgres answers BIGINT as a string.
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  lastLoginAt: r.last_login_at,
});

/** The account-state columns added in 1.1, as `ALTER TABLE ... ADD COLUMN` clauses (both stores' SQL). */
export const USER_COLUMNS_1_1: readonly [name: string, definition: string][] = [
  ['disabled', 'BOOLEAN NOT NULL DEFAULT FALSE'],
  ['domain', "TEXT NOT NULL DEFAULT 'general'"],
  ['must_change_password', 'BOOLEAN NOT NULL DEFAULT FALSE'],
  ['totp_pending_secret', 'TEXT'],
  ['totp_last_step', 'BIGINT'],
  ['last_login_at', 'TEXT'],
];
