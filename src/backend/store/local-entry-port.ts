/**
 * Local hot-list entries (docs/protocol.md 1.1, part of the storage port: `HubStore.localEntries`).
 * An entry removed is kept with who removed it and when (the audit trail names it too); it no longer
 * lists or matches. Every hub node matches the live entries, so the store answers a fingerprint that
 * changes with every add and remove on any node: a node reloads its copy when it moved.
 */
import type { LocalEntry } from '../../shared/protocol/local-entry.js';

export interface LocalEntryStore {
  add(entry: LocalEntry): Promise<void>;
  /** An entry not removed, by id. */
  get(id: string): Promise<LocalEntry | undefined>;
  /** Entries not removed that expire after `expiringAfter`, newest first; one owner's only when given. */
  list(query: { expiringAfter: string; ownerId?: string }): Promise<LocalEntry[]>;
  /** Marks the entry removed; false when there is no such entry (or it was removed before). */
  remove(id: string, by: string, at: string): Promise<boolean>;
  /** Changes whenever an entry is added or removed, on any node. */
  fingerprint(): Promise<string>;
}

declare module './port.js' {
  interface HubStore {
    localEntries: LocalEntryStore;
  }
}
