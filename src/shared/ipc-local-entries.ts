/**
 * The local hot list's IPC (spread into src/shared/ipc.ts): add an entry, list the entries the hub
 * shows this user (their own; a supervisor's, everyone's), remove one (docs/protocol.md 1.1
 * `/hotlists/local/entries`). The main process asks the hub with the user's token; the page sees
 * only the entries and the hub's refusals in words.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { LocalEntry, LocalEntryInput, LocalEntryList } from './protocol/local-entry.js';

export const LocalEntryRemoval = z.strictObject({ id: z.string().min(1).max(64) });
export type LocalEntryRemoval = z.infer<typeof LocalEntryRemoval>;

export const localEntryChannels = {
  'localEntries:list': { request: z.strictObject({}).optional(), response: hubAnswer(LocalEntryList) },
  'localEntries:add': { request: LocalEntryInput, response: hubAnswer(LocalEntry) },
  'localEntries:remove': { request: LocalEntryRemoval, response: hubAnswer(z.strictObject({ removed: z.literal(true) })) },
} as const;
