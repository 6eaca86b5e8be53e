/** SQLite zones (current state + append-only history), the policy row and user preferences. */
import type Database from 'better-sqlite3';
import { DEFAULT_POLICY, currentPolicy, type Policy, type Preferences, type Zone } from '../../../shared/protocol/index.js';
import type { PolicyStore, ZoneChange, ZoneStore } from '../port.js';
import { cached } from './statements.js';

export class SqliteZoneStore implements ZoneStore {
  private readonly putTx: Database.Transaction<(zone: Zone, by: string, at: string) => ZoneChange>;
  private readonly removeTx: Database.Transaction<(id: string, by: string, at: string) => ZoneChange | undefined>;

  constructor(private readonly db: Database.Database) {
    const record = (c: ZoneChange, id: string): ZoneChange => {
      db.prepare('INSERT INTO zone_history (zone_id, body) VALUES (?, ?)').run(id, JSON.stringify(c));
      return c;
    };
    this.putTx = db.transaction((zone: Zone, by: string, at: string) => {
      const before = this.byIdSync(zone.id) ?? null;
      const after: Zone = { ...zone, updatedBy: by, updatedAt: at };
      db.prepare('INSERT INTO zones (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body').run(zone.id, JSON.stringify(after));
      return record({ zone: after, before, changedBy: by, changedAt: at, change: before ? 'updated' : 'created' }, zone.id);
    });
    this.removeTx = db.transaction((id: string, by: string, at: string) => {
      const before = this.byIdSync(id);
      if (!before) return undefined;
      db.prepare('DELETE FROM zones WHERE id = ?').run(id);
      return record({ zone: null, before, changedBy: by, changedAt: at, change: 'deleted' }, id);
    });
  }

  private byIdSync(id: string): Zone | undefined {
    const r = this.db.prepare('SELECT body FROM zones WHERE id = ?').get(id) as { body: string } | undefined;
    return r && (JSON.parse(r.body) as Zone);
  }

  async list(): Promise<Zone[]> {
    return (this.db.prepare('SELECT body FROM zones ORDER BY id').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Zone);
  }

  async byId(id: string): Promise<Zone | undefined> {
    return this.byIdSync(id);
  }

  async put(zone: Zone, by: string, at: string): Promise<ZoneChange> {
    return this.putTx.immediate(zone, by, at);
  }

  async remove(id: string, by: string, at: string): Promise<ZoneChange | undefined> {
    return this.removeTx.immediate(id, by, at);
  }

  async history(id: string): Promise<ZoneChange[]> {
    return (this.db.prepare('SELECT body FROM zone_history WHERE zone_id = ? ORDER BY id').all(id) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as ZoneChange,
    );
  }
}

export class SqlitePolicyStore implements PolicyStore {
  constructor(private readonly db: Database.Database) {}

  async get(): Promise<Policy> {
    const r = cached(this.db, 'SELECT body FROM policy WHERE id = 1').get() as { body: string } | undefined;
    return r ? currentPolicy(JSON.parse(r.body)) : { ...DEFAULT_POLICY };
  }

  async put(policy: Policy): Promise<void> {
    this.db.prepare('INSERT INTO policy (id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body').run(JSON.stringify(policy));
  }

  async preferences(userId: string): Promise<Preferences | undefined> {
    const r = cached(this.db, 'SELECT body FROM preferences WHERE user_id = ?').get(userId) as { body: string } | undefined;
    return r && (JSON.parse(r.body) as Preferences);
  }

  async putPreferences(userId: string, p: Preferences): Promise<void> {
    this.db.prepare('INSERT INTO preferences (user_id, body) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET body = excluded.body').run(userId, JSON.stringify(p));
  }
}
