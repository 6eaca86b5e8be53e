/**
 * The IPC channels of the dispatcher's Zones workspace: every zone on the hub, saving and deleting
 * one, a zone's history, the people a zone can be assigned to, and the recent alerts its preview
 * counts. Each answers the hub's value or its refusal (`hubAnswer`), so a 400's issues reach the
 * field they name. Spread into `invokeChannels` (src/shared/ipc.ts).
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { Category, PublicUser, Zone, ZoneId } from './protocol/index.js';

/** What the workspace sends to save: a zone without the fields the hub sets. */
export const ZoneDraft = Zone.omit({ updatedBy: true, updatedAt: true });
export type ZoneDraft = z.infer<typeof ZoneDraft>;

export const ZoneChange = z.strictObject({
  zone: Zone.nullable(),
  before: Zone.nullable(),
  changedBy: z.string(),
  changedAt: z.string(),
  change: z.string(),
});
export type ZoneChange = z.infer<typeof ZoneChange>;

/** One recent alert as the preview needs it: where, what, which camera (no plate, no images). */
export const AlertPoint = z.strictObject({
  lon: z.number(),
  lat: z.number(),
  category: Category,
  cameraId: z.string(),
  cameraName: z.string(),
});
export type AlertPoint = z.infer<typeof AlertPoint>;

/** West, south, east, north in degrees. */
export const Bbox = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox is west,south,east,north');

/** The preview reads at most this many alerts; beyond it the answer says it was cut. */
export const MAX_PREVIEW_ALERTS = 200_000;

export const zonesChannels = {
  'zones:all': { request: z.strictObject({}).optional(), response: hubAnswer(z.array(Zone)) },
  'zones:save': { request: ZoneDraft, response: hubAnswer(Zone) },
  'zones:delete': { request: z.strictObject({ id: ZoneId }), response: hubAnswer(z.strictObject({ id: z.string(), deleted: z.boolean() })) },
  'zones:history': { request: z.strictObject({ id: ZoneId }), response: hubAnswer(z.array(ZoneChange)) },
  'zones:people': { request: z.strictObject({}).optional(), response: hubAnswer(z.array(PublicUser)) },
  'zones:recentAlerts': {
    request: z.strictObject({ since: z.iso.datetime({ offset: true }), bbox: Bbox }),
    response: hubAnswer(z.strictObject({ items: z.array(AlertPoint), truncated: z.boolean() })),
  },
} as const;
