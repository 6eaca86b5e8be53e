/** Postgres implementations of the account-side ports: users, sessions, ingest keys, audit, secrets. */
import type pg from 'pg';
import type {
  AuditEvent,
  AuditStore,
  IngestKeyRecord,
  IngestKeyStore,
  LoginState,
  NewUser,
  RefreshTokenRecord,
  SecretStore,
  SessionStore,
  UserRecord,
  UserStore,
} from '../port.js';
import { where } from './tx.js';
import { toUser, type UserRow } from '../user-row.js';


export class PgUserStore implements UserStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(u: NewUser): Promise<void> {
    await this.pool.query(
      `INSERT INTO users (id, username, display_name, roles, unit, password_hash, totp_secret,
       leads_certified_until, training_completed_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [u.id, u.username, u.displayName, JSON.stringify(u.roles), u.unit, u.passwordHash, u.totpSecret,
        u.leadsCertifiedUntil, u.trainingCompletedAt, u.createdAt],
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
}

export class PgSessionStore implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async addToken(t: Omit<RefreshTokenRecord, 'usedAt'>): Promise<void> {
    await this.pool.query('INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)', [
      t.tokenHash, t.familyId, t.userId, t.createdAt, t.expiresAt,
    ]);
  }

  async token(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const { rows } = await this.pool.query<{
      token_hash: string; family_id: string; user_id: string; created_at: string; expires_at: string; used_at: string | null;
    }>('SELECT * FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
    const r = rows[0];
    return r && { tokenHash: r.token_hash, familyId: r.family_id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at };
  }

  async useToken(tokenHash: string, at: string): Promise<boolean> {
    // Under READ COMMITTED a second concurrent UPDATE waits for the first, re-checks `used_at IS
    // NULL`, and changes nothing: exactly one of two racing refreshes (on any nodes) wins.
    const res = await this.pool.query('UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [at, tokenHash]);
    return res.rowCount === 1;
  }

  async revokeFamily(familyId: string, at: string): Promise<void> {
    await this.pool.query('INSERT INTO revoked_families (family_id, revoked_at) VALUES ($1, $2) ON CONFLICT (family_id) DO NOTHING', [familyId, at]);
  }

  async isRevoked(familyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM revoked_families WHERE family_id = $1', [familyId]);
    return (rowCount ?? 0) > 0;
  }
}

export class PgIngestKeyStore implements IngestKeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(k: IngestKeyRecord): Promise<void> {
    await this.pool.query('INSERT INTO ingest_keys (id, name, key_hash, created_at) VALUES ($1,$2,$3,$4)', [k.id, k.name, k.keyHash, k.createdAt]);
  }

  async byHash(keyHash: string): Promise<IngestKeyRecord | undefined> {
    const { rows } = await this.pool.query<{ id: string; name: string; key_hash: string; created_at: string }>(
      'SELECT * FROM ingest_keys WHERE key_hash = $1', [keyHash],
    );
    const r = rows[0];
    return r && { id: r.id, name: r.name, keyHash: r.key_hash, createdAt: r.created_at };
  }
}

export class PgAuditStore implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(e: AuditEvent): Promise<void> {
    await this.pool.query('INSERT INTO audit_events (at, action, outcome, user_id, username, source, detail) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
      e.at, e.action, e.outcome, e.userId, e.username, e.source, e.detail ? JSON.stringify(e.detail) : null,
    ]);
  }

  async list(q: { since?: string; action?: string; limit: number }): Promise<(AuditEvent & { id: number })[]> {
    const params: unknown[] = [];
    const filter = where([['at >= ?', q.since], ['action = ?', q.action]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{
      id: string; at: string; action: string; outcome: AuditEvent['outcome']; user_id: string | null;
      username: string | null; source: string | null; detail: string | null;
    }>(`SELECT * FROM audit_events ${filter} ORDER BY id LIMIT $${params.length}`, params);
    return rows.map((r) => ({
      id: Number(r.id), at: r.at, action: r.action, outcome: r.outcome, userId: r.user_id, username: r.username,
      source: r.source, ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
    }));
  }
}

export class PgSecretStore implements SecretStore {
  constructor(private readonly pool: pg.Pool) {}

  async getOrCreate(name: string, make: () => string): Promise<string> {
    // Two nodes starting together: the first insert wins and both read the same value back.
    await this.pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  }
}
