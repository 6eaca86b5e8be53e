/**
 * Read search's IPC (spread into src/shared/ipc.ts): a search of the hub's stored reads (GET /reads,
 * docs/protocol.md 1.1) and, for supervisors, the record of searches (GET /reads/searches).
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { IsoTime, MAX_SEARCH_LIMIT, ReadSearchAnswer, ReadSearchRecords, ReadSearchRequest } from './protocol/index.js';

export const SearchRecordQuery = z.strictObject({
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  user: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
  cursor: z.string().max(20).optional(),
});
export type SearchRecordQuery = z.infer<typeof SearchRecordQuery>;

export const readsChannels = {
  'reads:search': { request: ReadSearchRequest, response: hubAnswer(ReadSearchAnswer) },
  'reads:searches': { request: SearchRecordQuery, response: hubAnswer(ReadSearchRecords) },
} as const;
