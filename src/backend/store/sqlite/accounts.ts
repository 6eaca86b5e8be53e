/** SQLite implementations of the account-side ports: users, sessions, ingest keys, audit, secrets. */
import type Database from 'better-sqlite3';
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
import { toUser, type UserRow } from '../user-row.js';


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
  }

  async byName(username: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row && toUser(row);
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
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
}

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: Database.Database) {}

  async addToken(t: Omit<RefreshTokenRecord, 'usedAt'>): Promise<void> {
    this.db
      .prepare('INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (?,?,?,?,?)')
      .run(t.tokenHash, t.familyId, t.userId, t.createdAt, t.expiresAt);
  }

  async token(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?').get(tokenHash) as
      | { token_hash: string; family_id: string; user_id: string; created_at: string; expires_at: string; used_at: string | null }
      | undefined;
    return r && { tokenHash: r.token_hash, familyId: r.family_id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at };
  }

  async useToken(tokenHash: string, at: string): Promise<boolean> {
    const res = this.db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(at, tokenHash);
    return res.changes === 1;
  }

  async revokeFamily(familyId: string, at: string): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO revoked_families (family_id, revoked_at) VALUES (?, ?)').run(familyId, at);
  }

  async isRevoked(familyId: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM revoked_families WHERE family_id = ?').get(familyId) !== undefined;
  }
}

export class SqliteIngestKeyStore implements IngestKeyStore {
  constructor(private readonly db: Database.Database) {}

  async add(k: IngestKeyRecord): Promise<void> {
    this.db.prepare('INSERT INTO ingest_keys (id, name, key_hash, created_at) VALUES (?,?,?,?)').run(k.id, k.name, k.keyHash, k.createdAt);
  }

  async byHash(keyHash: string): Promise<IngestKeyRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM ingest_keys WHERE key_hash = ?').get(keyHash) as
      | { id: string; name: string; key_hash: string; created_at: string }
      | undefined;
    return r && { id: r.id, name: r.name, keyHash: r.key_hash, createdAt: r.created_at };
  }
}

export class SqliteAuditStore implements AuditStore {
  constructor(private readonly db: Database.Database) {}

  async add(e: AuditEvent): Promise<void> {
    this.db
      .prepare('INSERT INTO audit_events (at, action, outcome, user_id, username, source, detail) VALUES (?,?,?,?,?,?,?)')
      .run(e.at, e.action, e.outcome, e.userId, e.username, e.source, e.detail ? JSON.stringify(e.detail) : null);
  }

  async list(q: { since?: string; action?: string; limit: number }): Promise<(AuditEvent & { id: number })[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_events WHERE (@since IS NULL OR at >= @since) AND (@action IS NULL OR action = @action)
         ORDER BY id LIMIT @limit`,
      )
      .all({ since: q.since ?? null, action: q.action ?? null, limit: q.limit }) as {
      id: number; at: string; action: string; outcome: AuditEvent['outcome']; user_id: string | null;
      username: string | null; source: string | null; detail: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id, at: r.at, action: r.action, outcome: r.outcome, userId: r.user_id, username: r.username,
      source: r.source, ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
    }));
  }
}

export class SqliteSecretStore implements SecretStore {
  constructor(private readonly db: Database.Database) {}

  async getOrCreate(name: string, make: () => string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, make());
    return (this.db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as { value: string }).value;
  }
}
