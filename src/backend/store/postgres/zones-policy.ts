/**
 * Postgres zones (current state + append-only history), the policy row and user preferences.
 * Every write here also bumps `routing_version` in the same transaction: hub nodes cache routing
 * state, and the version is how a node learns, even without Redis, that another node changed it.
 */
import type pg from 'pg';
import { DEFAULT_POLICY, currentPolicy, type Policy, type Preferences, type Zone } from '../../../shared/protocol/index.js';
import type { PolicyStore, ZoneChange, ZoneStore } from '../port.js';
import { LOCK, inTransaction } from './tx.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

const BUMP = 'UPDATE routing_version SET version = version + 1 WHERE id = 1 RETURNING version';

/** Told the new routing version after a write commits. */
export type RoutingWritten = (version: number) => void;

async function bump(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ version: string }>(BUMP);
  return Number(rows[0]?.version ?? 0);
}

async function zoneById(db: Queryable, id: string): Promise<Zone | undefined> {
  const { rows } = await db.query<{ body: string }>('SELECT body FROM zones WHERE id = $1', [id]);
  return rows[0] && (JSON.parse(rows[0].body) as Zone);
}

async function record(db: Queryable, c: ZoneChange, id: string): Promise<{ change: ZoneChange; version: number }> {
  await db.query('INSERT INTO zone_history (zone_id, body) VALUES ($1, $2)', [id, JSON.stringify(c)]);
  return { change: c, version: await bump(db) };
}

export class PgZoneStore implements ZoneStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly written: RoutingWritten,
  ) {}

  async list(): Promise<Zone[]> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM zones ORDER BY id COLLATE "C"');
    return rows.map((r) => JSON.parse(r.body) as Zone);
  }

  byId(id: string): Promise<Zone | undefined> {
    return zoneById(this.pool, id);
  }

  async put(zone: Zone, by: string, at: string): Promise<ZoneChange> {
    // The zones lock makes "read before, write after, log the change" one step across nodes, so
    // two dispatchers on two nodes cannot both record a zone as "created".
    const { change, version } = await inTransaction(this.pool, async (db) => {
      const before = (await zoneById(db, zone.id)) ?? null;
      const after: Zone = { ...zone, updatedBy: by, updatedAt: at };
      await db.query('INSERT INTO zones (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body', [zone.id, JSON.stringify(after)]);
      return record(db, { zone: after, before, changedBy: by, changedAt: at, change: before ? 'updated' : 'created' }, zone.id);
    }, LOCK.zones);
    this.written(version);
    return change;
  }

  async remove(id: string, by: string, at: string): Promise<ZoneChange | undefined> {
    const done = await inTransaction(this.pool, async (db) => {
      const before = await zoneById(db, id);
      if (!before) return undefined;
      await db.query('DELETE FROM zones WHERE id = $1', [id]);
      return record(db, { zone: null, before, changedBy: by, changedAt: at, change: 'deleted' }, id);
    }, LOCK.zones);
    if (done) this.written(done.version);
    return done?.change;
  }

  async history(id: string): Promise<ZoneChange[]> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM zone_history WHERE zone_id = $1 ORDER BY id', [id]);
    return rows.map((r) => JSON.parse(r.body) as ZoneChange);
  }
}

export class PgPolicyStore implements PolicyStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly written: RoutingWritten,
  ) {}

  async get(): Promise<Policy> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM policy WHERE id = 1');
    return rows[0] ? currentPolicy(JSON.parse(rows[0].body)) : { ...DEFAULT_POLICY };
  }

  async put(policy: Policy): Promise<void> {
    this.written(await inTransaction(this.pool, async (db) => {
      await db.query('INSERT INTO policy (id, body) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET body = excluded.body', [JSON.stringify(policy)]);
      return bump(db);
    }));
  }

  async preferences(userId: string): Promise<Preferences | undefined> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM preferences WHERE user_id = $1', [userId]);
    return rows[0] && (JSON.parse(rows[0].body) as Preferences);
  }

  async putPreferences(userId: string, p: Preferences): Promise<void> {
    this.written(await inTransaction(this.pool, async (db) => {
      await db.query('INSERT INTO preferences (user_id, body) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET body = excluded.body', [userId, JSON.stringify(p)]);
      return bump(db);
    }));
  }
}
