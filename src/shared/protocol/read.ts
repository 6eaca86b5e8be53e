/**
 * docs/protocol.md 1.1 "Reads, hot lists and the matcher": a Read (a Hit without `category` and
 * `hotlist`, plus `domain` and the OCR `candidates`), the `POST /reads` batch, a hot list as `PUT
 * /hotlists/:id` takes it and as `GET /hotlists` lists it.
 */
import { z } from 'zod';
import { Category } from './categories.js';
import { Domain, IsoTime, Plate, UsState } from './common.js';
import { Hit, HotlistSource } from './hit.js';

/** The Hit's own `domain` and `candidates` are the read's, carried into the hits it makes. */
export const Read = Hit.omit({ category: true, hotlist: true, readId: true, match: true, candidatePlate: true, retro: true });
export type Read = z.infer<typeof Read>;

export const MAX_READS_PER_BATCH = 1_000;

export const ReadBatch = z.strictObject({ reads: z.array(Read).min(1).max(MAX_READS_PER_BATCH) });
export type ReadBatch = z.infer<typeof ReadBatch>;

/** `POST /reads` answers 202 with this: one `hits` item per alert the batch's reads made. */
export const ReadBatchAnswer = z.object({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  hits: z.array(z.object({ readId: z.string(), alertId: z.string(), seq: z.number().int().positive() })),
});
export type ReadBatchAnswer = z.infer<typeof ReadBatchAnswer>;

export const HotlistEntry = z.strictObject({
  plate: Plate,
  state: UsState,
  category: Category,
  reason: z.string().min(1).max(500),
  entryId: z.string().min(1).max(64).optional(),
  enteredAt: IsoTime.optional(),
});
export type HotlistEntry = z.infer<typeof HotlistEntry>;

export const MAX_HOTLIST_ENTRIES = 1_000_000;

/** A list id: what `PUT /hotlists/:id` names (`local` is the local entries' own). */
export const HotlistId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a-z, 0-9, _ and -, at most 64 characters')
  .refine((id) => id !== 'local', 'the id "local" is kept for local entries');

export const HotlistUpload = z.strictObject({
  name: z.string().min(1).max(200),
  source: HotlistSource,
  domain: Domain.optional(),
  downloadedAt: IsoTime,
  entries: z.array(HotlistEntry).max(MAX_HOTLIST_ENTRIES),
});
export type HotlistUpload = z.infer<typeof HotlistUpload>;

export const HotlistSummary = z.object({
  id: z.string(),
  name: z.string(),
  source: HotlistSource,
  domain: Domain,
  entries: z.number().int().min(0),
  downloadedAt: IsoTime,
  stale: z.boolean(),
});
export type HotlistSummary = z.infer<typeof HotlistSummary>;
