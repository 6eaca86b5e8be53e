/**
 * The answer shape of an IPC channel that asks the hub (src/main/ipc/hub-call.ts): the value, or
 * the hub's refusal in words. In a file of its own so that each domain's channel file
 * (ipc-<domain>.ts) can use it without importing ipc.ts, which spreads those files in.
 */
import { z } from 'zod';

/** A hub refusal as a screen shows it: the hub's code and words, its HTTP status, per-field issues. */
export const HubFailure = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    status: z.number().int().optional(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The response schema of a channel that asks the hub: the value or the refusal. */
export function hubAnswer<S extends z.ZodType>(value: S) {
  return z.union([z.strictObject({ ok: z.literal(true), value }), HubFailure]);
}
