/**
 * My alert history's IPC (spread into src/shared/ipc.ts): one search of the alerts delivered to the
 * signed-in user, with their trails (the hub's GET /me/alerts), page by page.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { AckEntry, Alert, Category, IsoTime } from './protocol/index.js';

export const MyAlert = z.strictObject({
  seq: z.number().int().positive(),
  alert: Alert,
  /** When it first reached one of this user's desks. */
  receivedAt: z.string().nullable(),
  trail: z.array(AckEntry),
});
export type MyAlert = z.infer<typeof MyAlert>;

export const MyAlertPage = z.strictObject({ items: z.array(MyAlert), nextCursor: z.string().nullable() });
export type MyAlertPage = z.infer<typeof MyAlertPage>;

export const HistorySearch = z.strictObject({
  /** A part of a plate; case, spaces and hyphens do not matter. */
  plate: z.string().max(20).optional(),
  category: Category.optional(),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  cursor: z.string().max(200).optional(),
});
export type HistorySearch = z.infer<typeof HistorySearch>;

export const historyChannels = {
  'history:search': { request: HistorySearch, response: hubAnswer(MyAlertPage) },
} as const;
