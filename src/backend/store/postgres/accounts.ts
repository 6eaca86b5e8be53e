/** Postgres implementations of the account-side ports: users, ingest keys, audit, secrets (sessions: sessions.ts). */
import type pg from 'pg';
import type {
  FailureRule,
  IngestKeyRecord,
  IngestKeyStore,
  LoginState,
  NewUser,
  SecretStore,
  UserChange,
  UserRecord,
  UserStore,
} from '../port.js';
import { toUser, type UserRow } from '../user-row.js';

export { PgAuditStore } from './audit.js';
export { PgSessionStore } from './sessions.js';

const CHANGE_COLUMNS: Record<keyof UserChange, string> = {
  displayName: 'display_name', roles: 'roles', unit: 'unit', disabled: 'disabled',
  leadsCertifiedUntil: 'leads_certified_until', trainingCompletedAt: 'training_completed_at', domain: 'domain',
};

export class PgUserStore implements UserStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(u: NewUser): Promise<void> {
    await this.pool.query(
      `INSERT INTO users (id, username, display_name, roles, unit, password_hash, totp_secret,
       leads_certified_until, training_completed_at, created_at, domain, must_change_password)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [u.id, u.username, u.displayName, JSON.stringify(u.roles), u.unit, u.passwordHash, u.totpSecret,
        u.leadsCertifiedUntil, u.trainingCompletedAt, u.createdAt, u.domain ?? 'general', u.mustChangePassword ?? false],
    );
  }

  async byName(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
    return rows[0] && toUser(rows[0]);
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] && toUser(rows[0]);
  }

  async list(): Promise<UserRecord[]> {
    // COLLATE "C" orders like SQLite's default BINARY collation, so both stores list alike.
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY username COLLATE "C"');
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }

  async setLoginState(id: string, s: LoginState): Promise<void> {
    await this.pool.query('UPDATE users SET failed_count = $1, first_failed_at = $2, locked_until = $3 WHERE id = $4', [
      s.failedCount, s.firstFailedAt, s.lockedUntil, id,
    ]);
  }

  async recordFailure(id: string, r: FailureRule): Promise<LoginState> {
    // Under READ COMMITTED a concurrent UPDATE of the row waits, then re-reads the committed row:
    // every failure counts, on any node. SET expressions read the row as it was before.
    const { rows } = await this.pool.query<{ failed_count: number; first_failed_at: string | null; locked_until: string | null }>(
      `UPDATE users SET
         failed_count = CASE WHEN first_failed_at > $2 THEN failed_count + 1 ELSE 1 END,
         first_failed_at = CASE WHEN first_failed_at > $2 THEN first_failed_at ELSE $3 END,
         locked_until = CASE
           WHEN (CASE WHEN first_failed_at > $2 THEN failed_count + 1 ELSE 1 END) >= $5
            AND (locked_until IS NULL OR locked_until <= $3) THEN $4
           ELSE locked_until END
       WHERE id = $1
       RETURNING failed_count, first_failed_at, locked_until`,
      [id, r.windowStart, r.now, r.lockUntil, r.max],
    );
    const row = rows[0];
    if (!row) throw new Error(`no user ${id}`);
    return { failedCount: row.failed_count, firstFailedAt: row.first_failed_at, lockedUntil: row.locked_until };
  }

  async recordSignIn(id: string, now: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE users SET failed_count = 0, first_failed_at = NULL, locked_until = NULL, last_login_at = $2
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)`,
      [id, now],
    );
    return res.rowCount === 1;
  }

  async update(id: string, patch: UserChange): Promise<UserRecord | undefined> {
    const keys = (Object.keys(patch) as (keyof UserChange)[]).filter((k) => patch[k] !== undefined && k in CHANGE_COLUMNS);
    if (keys.length > 0) {
      const sets = keys.map((k, i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`).join(', ');
      await this.pool.query(`UPDATE users SET ${sets} WHERE id = $1`, [id, ...keys.map((k) => (k === 'roles' ? JSON.stringify(patch[k]) : patch[k]))]);
    }
    return this.byId(id);
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.pool.query('UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1', [id, passwordHash, mustChangePassword]);
  }

  async swapPasswordHash(id: string, expected: string, next: string): Promise<boolean> {
    const res = await this.pool.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, expected, next]);
    return res.rowCount === 1;
  }

  async setTotp(id: string, totp: { pending: string | null } | { confirmed: string | null }): Promise<void> {
    if ('pending' in totp) await this.pool.query('UPDATE users SET totp_pending_secret = $2 WHERE id = $1', [id, totp.pending]);
    else await this.pool.query('UPDATE users SET totp_secret = $2, totp_pending_secret = NULL, totp_last_step = NULL WHERE id = $1', [id, totp.confirmed]);
  }

  async useTotpStep(id: string, step: number): Promise<boolean> {
    const res = await this.pool.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [id, step]);
    return res.rowCount === 1;
  }
}

export class PgIngestKeyStore implements IngestKeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(k: IngestKeyRecord): Promise<void> {
    await this.pool.query('INSERT INTO ingest_keys (id, name, key_hash, created_at) VALUES ($1,$2,$3,$4)', [k.id, k.name, k.keyHash, k.createdAt]);
  }

  async byHash(keyHash: string): Promise<IngestKeyRecord | undefined> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM ingest_keys WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
    return rows[0] && toKey(rows[0]);
  }

  async list(): Promise<IngestKeyRecord[]> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM ingest_keys WHERE revoked_at IS NULL ORDER BY created_at, id COLLATE "C"');
    return rows.map(toKey);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const res = await this.pool.query('UPDATE ingest_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
    return res.rowCount === 1;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE ingest_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }
}

interface KeyRow {
  id: string;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
}

const toKey = (r: KeyRow): IngestKeyRecord => ({
  id: r.id, name: r.name, keyHash: r.key_hash, createdAt: r.created_at, ...(r.last_used_at ? { lastUsedAt: r.last_used_at } : {}),
});

export class PgSecretStore implements SecretStore {
  constructor(private readonly pool: pg.Pool) {}

  async getOrCreate(name: string, make: () => string): Promise<string> {
    // Two nodes starting together: the first insert wins and both read the same value back.
    await this.pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  }

  async remove(name: string): Promise<void> {
    await this.pool.query('DELETE FROM secrets WHERE name = $1', [name]);
  }
}
