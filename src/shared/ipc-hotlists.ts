/**
 * Hot-list freshness IPC (spread into src/shared/ipc.ts): the hub's lists with when each was
 * downloaded and whether it is stale (GET /hotlists), so every user sees how old the lists behind
 * their alerts are.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { HotlistSummary } from './protocol/index.js';

export const HotlistList = z.strictObject({ items: z.array(HotlistSummary) });
export type HotlistList = z.infer<typeof HotlistList>;

export const hotlistChannels = {
  'hotlists:list': { request: z.strictObject({}).optional(), response: hubAnswer(HotlistList) },
} as const;
