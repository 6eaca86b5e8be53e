/**
 * "Delete my local data" (Settings): the signed-in user's alerts, outbox and key on this desk are
 * deleted and the user is signed out. Refused, with the count, while acknowledgements are waiting
 * to reach the hub: an acknowledgement is never lost. Spread into `invokeChannels` (src/shared/ipc.ts).
 */
import { z } from 'zod';

// ipc.ts spreads this file in, so its IpcError cannot be imported from there.
const IpcError = z.strictObject({ code: z.string(), message: z.string() });

export const LocalDataDeleted = z.union([
  z.strictObject({ ok: z.literal(true) }),
  /** `acks_pending` carries `unsent`: how many acknowledgements must reach the hub first. */
  z.strictObject({ ok: z.literal(false), error: IpcError, unsent: z.number().int().min(0).optional() }),
]);
export type LocalDataDeleted = z.infer<typeof LocalDataDeleted>;

export const localDataChannels = {
  'localData:delete': { request: z.strictObject({}).optional(), response: LocalDataDeleted },
} as const;
