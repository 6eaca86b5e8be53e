/**
 * The migration runner (src/backend/store/schema-version.ts, sqlite/migrations.ts) on an in-memory
 * SQLite database: in order, once each, one transaction each (a failing migration leaves the store
 * at the version before it, with nothing of it applied), and a store newer than the list refused.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../../src/backend/store/schema-version.js';
import {
  type SqliteMigration,
  SQLITE_MIGRATIONS,
  migrateSqlite,
  sqliteSchemaVersion,
} from '../../../src/backend/store/sqlite/migrations.js';

const tables = (db: Database.Database): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);

const three: SqliteMigration[] = [
  { version: 1, name: 'one', up: (db) => void db.exec('CREATE TABLE t_one (x INTEGER)') },
  {
    version: 2,
    name: 'two',
    up: (db) => void db.exec('CREATE TABLE t_two (x INTEGER); INSERT INTO t_one VALUES (2)'),
  },
  { version: 3, name: 'three', up: (db) => void db.exec('CREATE TABLE t_three (x INTEGER)') },
];

describe('migrateSqlite', () => {
  it('applies the missing migrations in order, once, and records each', () => {
    const db = new Database(':memory:');
    expect(migrateSqlite(db, three.slice(0, 1))).toEqual({
      from: 0,
      to: 1,
      applied: [{ version: 1, name: 'one' }],
    });
    expect(migrateSqlite(db, three)).toEqual({
      from: 1,
      to: 3,
      applied: [
        { version: 2, name: 'two' },
        { version: 3, name: 'three' },
      ],
    });
    expect(migrateSqlite(db, three)).toEqual({ from: 3, to: 3, applied: [] });
    expect(tables(db)).toEqual(['t_one', 't_three', 't_two']);
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
      three.map(({ version, name }) => ({ version, name })),
    );
  });

  it('rolls a failing migration back whole: the store stays at the version before it', () => {
    const db = new Database(':memory:');
    const broken: SqliteMigration[] = [
      three[0]!,
      {
        version: 2,
        name: 'breaks half-way',
        up: (d) =>
          void d.exec(
            'CREATE TABLE t_half (x INTEGER); INSERT INTO t_one VALUES (1); INSERT INTO t_nowhere VALUES (1)',
          ),
      },
    ];
    expect(() => migrateSqlite(db, broken)).toThrow(/no such table: t_nowhere/);
    expect(sqliteSchemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['t_one']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t_one').get()).toEqual({ n: 0 });
  });

  it('refuses a store newer than the program, and a list with a gap', () => {
    const db = new Database(':memory:');
    migrateSqlite(db, three);
    expect(() => migrateSqlite(db, three.slice(0, 2))).toThrow(SchemaTooNewError);
    expect(() => migrateSqlite(db, three.slice(0, 2))).toThrow(
      "the store's schema is version 3, newer than this hub knows (up to 2)",
    );
    expect(() => migrateSqlite(new Database(':memory:'), [three[0]!, three[2]!])).toThrow(
      /numbered 3, expected 2/,
    );
  });

  it("the hub's own list builds a store from nothing and is numbered from 1", () => {
    const db = new Database(':memory:');
    const report = migrateSqlite(db);
    expect(report.from).toBe(0);
    expect(report.to).toBe(SQLITE_MIGRATIONS.length);
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'ack_log', 'ack_facts', 'sessions')",
        )
        .get(),
    ).toEqual({ n: 4 });
  });
});
