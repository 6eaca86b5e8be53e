/**
 * The Postgres schema as versionless hubs created it, now migration 1 (./migrations.ts): applied
 * by whichever node gets there first (under an advisory lock, so two nodes starting together do not
 * race on CREATE). Frozen: a schema change is a new migration. Bodies that are hashed or
 * compared byte for byte (the acknowledgement log, hits) are TEXT, never jsonb, which would
 * reorder keys. Times are ISO 8601 TEXT as in the SQLite store, so both stores answer the same.
 * The logs are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
import type pg from 'pg';
import { upgradeAccounts } from './upgrade-accounts.js';

const APPEND_ONLY = ['ack_log', 'ack_refusals', 'audit_events', 'audit_chain', 'zone_history'];

const DDL = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  unit TEXT,
  password_hash TEXT NOT NULL,
  totp_secret TEXT,
  leads_certified_until TEXT NOT NULL,
  training_completed_at TEXT NOT NULL,
  failed_count INTEGER NOT NULL DEFAULT 0,
  first_failed_at TEXT,
  locked_until TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (lower(username));
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);
CREATE TABLE IF NOT EXISTS revoked_families (family_id TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingest_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hit TEXT NOT NULL,
  category TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_ingested ON alerts (ingested_at);
CREATE TABLE IF NOT EXISTS alert_images (
  alert_seq BIGINT PRIMARY KEY REFERENCES alerts (seq),
  images TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_images_ingested ON alert_images (ingested_at);
CREATE TABLE IF NOT EXISTS receipts (
  n BIGSERIAL,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, user_id, client_id)
);
CREATE TABLE IF NOT EXISTS ack_log (
  seq BIGINT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  category TEXT,
  server_at TEXT NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ack_log_alert ON ack_log (alert_id);
CREATE TABLE IF NOT EXISTS ack_refusals (
  n BIGSERIAL,
  event_id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS zones (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zone_history (
  id BIGSERIAL PRIMARY KEY,
  zone_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS zone_history_zone ON zone_history (zone_id);
CREATE TABLE IF NOT EXISTS policy (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS preferences (user_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_events (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  user_id TEXT,
  username TEXT,
  source TEXT,
  detail TEXT
);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_chain (
  event_id BIGINT PRIMARY KEY,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
-- Bumped with every zone, policy or preference write, so other hub nodes notice routing changes
-- even when the Redis message that announces them is lost.
CREATE TABLE IF NOT EXISTS routing_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
INSERT INTO routing_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION opentas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
`;

/**
 * Migration 1's body (./migrations.ts): runs inside the migration's transaction, under its
 * advisory lock. Idempotent, so a database written by any versionless hub reaches this schema.
 */
export async function applyBaseSchema(client: pg.ClientBase): Promise<void> {
  await client.query(DDL);
  await upgradeAccounts(client);
  for (const table of APPEND_ONLY) {
    await client.query(`
      CREATE OR REPLACE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION opentas_append_only();
      CREATE OR REPLACE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION opentas_append_only();
    `);
  }
}
