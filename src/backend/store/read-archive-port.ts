/**
 * The stored reads as searched and purged (docs/protocol.md 1.1), and the record of every search:
 * part of the storage port (`HubStore.readArchive`, `HubStore.readSearches`), kept apart from
 * `HubStore.reads` (the matcher's intake) so each side changes on its own.
 */
import type { Domain, Hit, ReadSearchRecord, SearchedRead } from '../../shared/protocol/index.js';
import type { PlatePattern } from '../../shared/plate-pattern.js';

export type CameraNetwork = Hit['camera']['network'];

export interface ReadQuery {
  pattern: PlatePattern;
  /** Only reads of this domain: motor-carrier reads are searched by motor-carrier users only, and the reverse. */
  domain: Domain;
  /** [since, until) on the read time, UTC ISO with milliseconds. */
  since?: string;
  until?: string;
  /** Keyset paging, newest first: only reads strictly older than this (read time, then id). */
  before?: { readAt: string; id: string };
  limit: number;
}

export interface FoundRead {
  read: SearchedRead;
  /** The read time as stored (UTC ISO), the paging key with `read.id`. */
  readAt: string;
}

export interface ReadPurge {
  network: CameraNetwork;
  /** Reads older than this (read time) were deleted. */
  before: string;
  reads: number;
  /** Of those, how many carried images. */
  images: number;
}

export interface ReadArchive {
  /** Reads fitting the query, newest first (read time, then id, descending). */
  search(query: ReadQuery): Promise<FoundRead[]>;
  /**
   * Deletes the reads of `network` read before `before`, in batches (each its own short
   * transaction, so ingest is never held up by a large purge); alerts made from them are kept.
   */
  purge(network: CameraNetwork, before: string): Promise<ReadPurge>;
  /** Present where reads are stored by day (Postgres, docs/adr/0028); SQLite keeps one table. */
  days?: ReadDays;
}

/** What dropping whole days took with them. */
export interface DayDrop {
  /** The days (UTC, YYYY-MM-DD) dropped whole. */
  days: string[];
  /** Their reads per camera network, and how many of those carried images. */
  reads: { network: CameraNetwork; reads: number; images: number }[];
}

/** Reads kept in one partition per day of their read time, so retention can drop a day at once. */
export interface ReadDays {
  /** The days that have their own partition, oldest first. */
  list(): Promise<string[]>;
  /** Makes the partitions of `now`'s day and the next ones; answers the days it made. */
  prepare(now: Date): Promise<string[]>;
  /** Drops the partitions of the days wholly before `before`, with their reads and images. */
  drop(before: string): Promise<DayDrop>;
}

export type NewReadSearch = Omit<ReadSearchRecord, 'id'>;

/** The searches' own record (append-only: the stores refuse UPDATE and DELETE on it). */
export interface ReadSearchLog {
  add(search: NewReadSearch): Promise<ReadSearchRecord>;
  /** Newest first; `beforeId` pages on. */
  list(query: { since?: string; until?: string; userId?: string; beforeId?: number; limit: number }): Promise<ReadSearchRecord[]>;
  /** The user of each search made in [since, until): the monthly report counts them (by unit when asked). */
  searchers(since: string, until: string): Promise<string[]>;
}

/** A purge deletes this many reads per transaction (short write locks while cameras keep sending). */
export const PURGE_BATCH = 5_000;

declare module './port.js' {
  interface HubStore {
    readArchive: ReadArchive;
    readSearches: ReadSearchLog;
  }
}
