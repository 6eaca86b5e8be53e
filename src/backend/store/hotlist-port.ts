/**
 * Hot lists and reads (docs/protocol.md 1.1, part of the storage port: `HubStore.hotlists`,
 * `HubStore.reads`). A list is stored as one row holding its entries (gzip'd JSON): replacing a
 * list is one row write, so no reader ever sees it half-written, and a hub node loads it whole
 * into its matcher (docs/adr/0021).
 */
import type { Domain, HotlistUpload, Read } from '../../shared/protocol/index.js';

export interface HotlistRecord {
  id: string;
  name: string;
  source: HotlistUpload['source'];
  domain: Domain;
  downloadedAt: string;
  entries: number;
  /** Raised by every replacement (1 for the first): a node reloads a list whose version moved. */
  version: number;
  updatedAt: string;
}

export interface HotlistStore {
  /** Replaces the list whole (or adds it) in one write; answers the stored record with its new version. */
  put(list: Omit<HotlistRecord, 'version'>, body: Buffer): Promise<HotlistRecord>;
  /** Every list, by id, without the entries. */
  list(): Promise<HotlistRecord[]>;
  /** A list with its entries body, read together so the two belong to one version. */
  body(id: string): Promise<{ record: HotlistRecord; body: Buffer } | undefined>;
}

export interface ReadRecording {
  /** Ids of reads of the batch that were stored before. */
  duplicates: string[];
  /** Of those, the ones already matched (their alerts made): not matched again. */
  settled: string[];
}

/**
 * Reads, kept with their images (a retention job purges them, docs/protocol.md 1.1). A read is
 * `matched` once the alerts it made are stored: a read stored by a hub that stopped before that is
 * matched again when it is sent again, so a crash between the two writes loses no alert.
 */
export interface ReadStore {
  /** Stores the reads whose id is new (ids unique within the call). */
  record(reads: readonly Read[], receivedAt: string): Promise<ReadRecording>;
  markMatched(ids: readonly string[]): Promise<void>;
  count(): Promise<number>;
}

declare module './port.js' {
  interface HubStore {
    hotlists: HotlistStore;
    reads: ReadStore;
  }
}
