/**
 * The SQLite schema as versionless hubs created it at every start, now migration 1
 * (./migrations.ts). Frozen: a schema change is a new migration there, never an edit here. The logs (acknowledgements, refusals, security audit,
 * zone history) are append-only: triggers refuse UPDATE and DELETE, so a bug or a careless
 * operator with the sqlite3 shell cannot rewrite history through SQL.
 */
import type Database from 'better-sqlite3';
import { upgradeAccounts } from './upgrade-accounts.js';

const APPEND_ONLY = ['ack_log', 'ack_refusals', 'audit_events', 'audit_chain', 'zone_history'];

const DDL = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
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
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens(family_id);
CREATE TABLE IF NOT EXISTS revoked_families (family_id TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingest_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  hit TEXT NOT NULL,
  category TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_ingested ON alerts(ingested_at);
CREATE TABLE IF NOT EXISTS alert_images (
  alert_seq INTEGER PRIMARY KEY REFERENCES alerts(seq),
  images TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_images_ingested ON alert_images(ingested_at);
CREATE TABLE IF NOT EXISTS receipts (
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, user_id, client_id)
);
CREATE TABLE IF NOT EXISTS ack_log (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  category TEXT,
  server_at TEXT NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ack_log_alert ON ack_log(alert_id);
CREATE TABLE IF NOT EXISTS ack_refusals (
  event_id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS zones (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zone_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS zone_history_zone ON zone_history(zone_id);
CREATE TABLE IF NOT EXISTS policy (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS preferences (user_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
  event_id INTEGER PRIMARY KEY,
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
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
`;

export function createSchema(db: Database.Database): void {
  const existed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get() !== undefined;
  db.exec(DDL);
  upgradeAccounts(db, existed);
  for (const table of APPEND_ONLY) {
    db.exec(`
      CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
    `);
  }
}
