/**
 * The Troop view's IPC (spread into src/shared/ipc.ts): one read of the Troop's recent alerts with
 * their trails and who received them (the hub's GET /troop/alerts), and the event that carries
 * another desk's new step on one of them (the hub's `troop` push), so the view updates in place.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { AckEntry, Alert } from './protocol/index.js';

export const TroopReceipt = z.strictObject({
  userId: z.string(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  unit: z.string().nullable(),
  receivedAt: z.string(),
});
export type TroopReceipt = z.infer<typeof TroopReceipt>;

export const TroopAlert = z.strictObject({
  seq: z.number().int().positive(),
  alert: Alert,
  trail: z.array(AckEntry),
  receipts: z.array(TroopReceipt),
});
export type TroopAlert = z.infer<typeof TroopAlert>;

export const TroopAlerts = z.strictObject({
  /** The Troop (the user's unit); null: a statewide desk, every alert. */
  unit: z.string().nullable(),
  since: z.string(),
  items: z.array(TroopAlert),
  /** The window held more alerts than one read scans. */
  truncated: z.boolean(),
});
export type TroopAlerts = z.infer<typeof TroopAlerts>;

/** How far back the Troop view looks, in hours. */
export const TROOP_HOURS = [2, 6, 12, 24] as const;

export const TroopUpdate = z.strictObject({ alertId: z.string(), entry: AckEntry });
export type TroopUpdate = z.infer<typeof TroopUpdate>;

export const troopChannels = {
  'troop:alerts': {
    request: z.strictObject({ hours: z.number().int().min(1).max(72) }),
    response: hubAnswer(TroopAlerts),
  },
} as const;

export const troopEvents = {
  'troop:entry': TroopUpdate,
} as const;
