/**
 * Versioned migrations, the part both SQL stores share (ADR 15). A store records each migration it
 * has applied in `schema_migrations (version, name, applied_at)`; its schema version is the highest
 * one. Opening a store (serve, every command) and `opentas-hub migrate` apply the missing ones in
 * order, each in one transaction with its row, so a crash leaves the store at the previous version,
 * never half-way. A store newer than this program is refused: an older hub cannot know what the
 * newer schema means, and writing to it could lose what it does not understand.
 *
 * A change to the schema is a NEW migration at the end of the list; an applied one is never edited.
 */

export interface Migration<Db> {
  /** 1, 2, 3, ... in order, no gaps. */
  version: number;
  /** What it does, in a few words (shown by `migrate` and `doctor`). */
  name: string;
  /** `now`: the time the migration runs (the Postgres day partitions start from its day). */
  up(db: Db, now: Date): void | Promise<void>;
}

export interface MigrationReport {
  /** Schema version found (0: a store written before versioning, or a new one). */
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

/** The store was written by a newer hub: exit 2 with one line, nothing touched. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the store's schema is version ${found}, newer than this hub knows (up to ${known}): run the newer hub, or restore a backup made by this one`,
    );
  }
}

export const MIGRATIONS_TABLE = 'schema_migrations';

/** The migrations above `current`, checked to be numbered 1, 2, 3, ...; throws when the store is newer. */
export function pending<Db>(migrations: readonly Migration<Db>[], current: number): Migration<Db>[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const known = migrations.length;
  if (current > known) throw new SchemaTooNewError(current, known);
  return migrations.slice(current);
}

export const latestVersion = (migrations: readonly Migration<unknown>[]): number => migrations.length;
