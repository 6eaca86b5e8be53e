/** Postgres sessions (the allow-list of live sign-ins) and their rotating refresh tokens. */
import type pg from 'pg';
import type { EndedSession, RefreshTokenRecord, SessionEndCause, SessionStore } from '../port.js';

export class PgSessionStore implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async start(s: { id: string; userId: string; createdAt: string }): Promise<void> {
    await this.pool.query('INSERT INTO sessions (id, user_id, created_at) VALUES ($1, $2, $3)', [s.id, s.userId, s.createdAt]);
  }

  async isActive(sessionId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM sessions WHERE id = $1 AND ended_at IS NULL', [sessionId]);
    return (rowCount ?? 0) > 0;
  }

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

  async revokeFamily(familyId: string, at: string, reason: SessionEndCause = 'revoked'): Promise<void> {
    // An unknown id is recorded as ended too (it could never be active anyway); the first end stays.
    await this.pool.query(
      `INSERT INTO sessions (id, user_id, created_at, ended_at, end_reason) VALUES ($1, '', $2, $2, $3)
       ON CONFLICT (id) DO UPDATE SET ended_at = COALESCE(sessions.ended_at, excluded.ended_at),
         end_reason = COALESCE(sessions.end_reason, excluded.end_reason)`,
      [familyId, at, reason],
    );
  }

  async isRevoked(familyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM sessions WHERE id = $1 AND ended_at IS NOT NULL', [familyId]);
    return (rowCount ?? 0) > 0;
  }

  async endForUser(userId: string, at: string, reason: SessionEndCause, exceptId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE sessions SET ended_at = $2, end_reason = $3
       WHERE user_id = $1 AND ended_at IS NULL AND ($4::text IS NULL OR id <> $4) RETURNING id`,
      [userId, at, reason, exceptId ?? null],
    );
    return rows.map((r) => r.id);
  }

  async ended(sessionIds: readonly string[]): Promise<EndedSession[]> {
    if (sessionIds.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; end_reason: string | null }>(
      'SELECT id, end_reason FROM sessions WHERE ended_at IS NOT NULL AND id = ANY($1::text[])',
      [sessionIds],
    );
    return rows.map((r) => ({ id: r.id, reason: (r.end_reason ?? 'revoked') as SessionEndCause }));
  }
}
