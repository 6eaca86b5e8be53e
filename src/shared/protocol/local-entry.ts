/**
 * docs/protocol.md 1.1 local hot-list entries: what a trooper or dispatcher adds with `POST
 * /hotlists/local/entries` (a plate the hub then matches like a list entry, until it expires) and
 * the entry as the hub answers and lists it, with its owner.
 */
import { z } from 'zod';
import { Category } from './categories.js';
import { Domain, IsoTime, Plate, UsState } from './common.js';

/** Who added a local entry: their hits name them, and they always receive them. */
export const EntryOwner = z.strictObject({ userId: z.string().min(1).max(64), username: z.string().min(1).max(64) });
export type EntryOwner = z.infer<typeof EntryOwner>;

/**
 * The body of `POST /hotlists/local/entries`. The expiry's upper bound (`localEntryMaxDays` of the
 * policy) and "after now" are the hub's clock's business, so they are checked there, not here.
 */
export const LocalEntryInput = z.strictObject({
  plate: Plate,
  state: UsState,
  category: Category,
  /** What the officer who gets the hit is told (the entry's "alert" text). */
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  caseNumber: z.string().trim().min(1, 'a case number is required').max(64),
  /** The authorized purpose (ENF-051 IV.E.11-12). */
  purpose: z.string().trim().min(1, 'a purpose is required').max(500),
  expiresAt: IsoTime,
  /** Also match the retained reads of this many past days (alerts marked `retro`). */
  lookBackDays: z.number().int().min(1).max(3650).optional(),
});
export type LocalEntryInput = z.infer<typeof LocalEntryInput>;

export const LocalEntry = LocalEntryInput.extend({
  id: z.string().min(1).max(64),
  /** The owner's data domain: a motor-carrier user's entry matches motor-carrier reads only. */
  domain: Domain,
  owner: EntryOwner,
  createdAt: IsoTime,
});
export type LocalEntry = z.infer<typeof LocalEntry>;

export const LocalEntryList = z.object({ items: z.array(LocalEntry) });
export type LocalEntryList = z.infer<typeof LocalEntryList>;

/** The list id the matcher holds local entries under (per domain); `PUT /hotlists/local` is refused. */
export function localListId(domain: Domain): string {
  return domain === 'general' ? 'local' : `local~${domain}`;
}
