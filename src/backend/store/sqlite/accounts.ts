/** SQLite implementations of the account-side ports: users, ingest keys, audit, secrets (sessions: sessions.ts). */
import type Database from 'better-sqlite3';
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
import { cached } from './statements.js';

export { SqliteAuditStore } from './audit.js';
export { SqliteSessionStore } from './sessions.js';

/** UserChange field -> column; roles are stored as JSON text, booleans as 0/1. */
const CHANGE_COLUMNS: Record<keyof UserChange, string> = {
  displayName: 'display_name', roles: 'roles', unit: 'unit', disabled: 'disabled',
  leadsCertifiedUntil: 'leads_certified_until', trainingCompletedAt: 'training_completed_at', domain: 'domain',
};

const columnValue = (key: keyof UserChange, value: unknown): unknown =>
  key === 'roles' ? JSON.stringify(value) : key === 'disabled' ? (value ? 1 : 0) : value;

export class SqliteUserStore implements UserStore {
  constructor(private readonly db: Database.Database) {}

  async add(u: NewUser): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, roles, unit, password_hash, totp_secret,
         leads_certified_until, training_completed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(u.id, u.username, u.displayName, JSON.stringify(u.roles), u.unit, u.passwordHash, u.totpSecret,
        u.leadsCertifiedUntil, u.trainingCompletedAt, u.createdAt);
    if (u.domain || u.mustChangePassword) {
      this.db.prepare('UPDATE users SET domain = ?, must_change_password = ? WHERE id = ?').run(u.domain ?? 'general', u.mustChangePassword ? 1 : 0, u.id);
    }
  }

  async byName(username: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row && toUser(row);
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const row = cached(this.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  async list(): Promise<UserRecord[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async setLoginState(id: string, s: LoginState): Promise<void> {
    this.db
      .prepare('UPDATE users SET failed_count = ?, first_failed_at = ?, locked_until = ? WHERE id = ?')
      .run(s.failedCount, s.firstFailedAt, s.lockedUntil, id);
  }

  async recordFailure(id: string, r: FailureRule): Promise<LoginState> {
    // One statement: SQLite runs it alone, so concurrent failures each see the previous count.
    // Every SET expression reads the row as it was before the statement.
    const row = this.db
      .prepare(
        `UPDATE users SET
           failed_count = CASE WHEN first_failed_at > @windowStart THEN failed_count + 1 ELSE 1 END,
           first_failed_at = CASE WHEN first_failed_at > @windowStart THEN first_failed_at ELSE @now END,
           locked_until = CASE
             WHEN (CASE WHEN first_failed_at > @windowStart THEN failed_count + 1 ELSE 1 END) >= @max
              AND (locked_until IS NULL OR locked_until <= @now) THEN @lockUntil
             ELSE locked_until END
         WHERE id = @id
         RETURNING failed_count, first_failed_at, locked_until`,
      )
      .get({ id, ...r }) as { failed_count: number; first_failed_at: string | null; locked_until: string | null } | undefined;
    if (!row) throw new Error(`no user ${id}`);
    return { failedCount: row.failed_count, firstFailedAt: row.first_failed_at, lockedUntil: row.locked_until };
  }

  async recordSignIn(id: string, now: string): Promise<boolean> {
    const res = this.db
      .prepare(
        `UPDATE users SET failed_count = 0, first_failed_at = NULL, locked_until = NULL, last_login_at = @now
         WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)`,
      )
      .run({ id, now });
    return res.changes === 1;
  }

  async update(id: string, patch: UserChange): Promise<UserRecord | undefined> {
    const keys = (Object.keys(patch) as (keyof UserChange)[]).filter((k) => patch[k] !== undefined && k in CHANGE_COLUMNS);
    if (keys.length > 0) {
      const sets = keys.map((k) => `${CHANGE_COLUMNS[k]} = ?`).join(', ');
      this.db.prepare(`UPDATE users SET ${sets} WHERE id = ?`).run(...keys.map((k) => columnValue(k, patch[k])), id);
    }
    return this.byId(id);
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?').run(passwordHash, mustChangePassword ? 1 : 0, id);
  }

  async swapPasswordHash(id: string, expected: string, next: string): Promise<boolean> {
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(next, id, expected).changes === 1;
  }

  async setTotp(id: string, totp: { pending: string | null } | { confirmed: string | null }): Promise<void> {
    if ('pending' in totp) this.db.prepare('UPDATE users SET totp_pending_secret = ? WHERE id = ?').run(totp.pending, id);
    else this.db.prepare('UPDATE users SET totp_secret = ?, totp_pending_secret = NULL, totp_last_step = NULL WHERE id = ?').run(totp.confirmed, id);
  }

  async useTotpStep(id: string, step: number): Promise<boolean> {
    const res = this.db
      .prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
      .run(step, id, step);
    return res.changes === 1;
  }
}

export class SqliteIngestKeyStore implements IngestKeyStore {
  constructor(private readonly db: Database.Database) {}

  async add(k: IngestKeyRecord): Promise<void> {
    this.db.prepare('INSERT INTO ingest_keys (id, name, key_hash, created_at) VALUES (?,?,?,?)').run(k.id, k.name, k.keyHash, k.createdAt);
  }

  async byHash(keyHash: string): Promise<IngestKeyRecord | undefined> {
    const r = cached(this.db, 'SELECT * FROM ingest_keys WHERE key_hash = ? AND revoked_at IS NULL').get(keyHash) as KeyRow | undefined;
    return r && toKey(r);
  }

  async list(): Promise<IngestKeyRecord[]> {
    return (this.db.prepare('SELECT * FROM ingest_keys WHERE revoked_at IS NULL ORDER BY created_at, id').all() as KeyRow[]).map(toKey);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE ingest_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
  }

  async touch(id: string, at: string): Promise<void> {
    this.db.prepare('UPDATE ingest_keys SET last_used_at = ? WHERE id = ?').run(at, id);
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

export class SqliteSecretStore implements SecretStore {
  constructor(private readonly db: Database.Database) {}

  async getOrCreate(name: string, make: () => string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, make());
    return (this.db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as { value: string }).value;
  }

  async remove(name: string): Promise<void> {
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
  }
}
