/**
 * docs/protocol.md 1.1 `GET /reads?plate&since&until&purpose&caseNumber`: a search of the stored
 * reads by plate (with `?` and `*`) and time, for a stated purpose and case (ENF-051 IV.E.4,
 * IV.E.11-12). Every search is recorded; `ReadSearchRecord` is one such record as a supervisor
 * reads it (`GET /reads/searches`).
 */
import { z } from 'zod';
import { platePatternProblem, normalizePattern } from '../plate-pattern.js';
import { Domain, IsoTime } from './common.js';
import { Read } from './read.js';

export const MAX_SEARCH_LIMIT = 500;
export const DEFAULT_SEARCH_LIMIT = 100;

/** What a search must state, the words the hub answers with when it does not. */
export const SEARCH_PURPOSE_REQUIRED = 'State the purpose of the search: ENF-051 IV.E.4 requires it, and every search is recorded.';
export const SEARCH_CASE_REQUIRED = 'Enter the case number the search is for: ENF-051 IV.E.11-12 require it, and every search is recorded.';

export const PlatePatternText = z
  .string()
  .max(40)
  .superRefine((p, ctx) => {
    const problem = platePatternProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((p) => normalizePattern(p));

/**
 * The search as the desk's form sends it over IPC: checked loosely here, so that a missing purpose,
 * case number or a bad pattern comes back in the hub's own words.
 */
export const ReadSearchRequest = z.strictObject({
  plate: z.string().max(40),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  purpose: z.string().max(200),
  caseNumber: z.string().max(64),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
  cursor: z.string().max(300).optional(),
});
export type ReadSearchRequest = z.infer<typeof ReadSearchRequest>;

/** A read as a search answers it: the stored read without its images. */
export const SearchedRead = Read.omit({ images: true });
export type SearchedRead = z.infer<typeof SearchedRead>;

export const ReadSearchAnswer = z.object({ items: z.array(SearchedRead), nextCursor: z.string().nullable() });
export type ReadSearchAnswer = z.infer<typeof ReadSearchAnswer>;

export const ReadSearchRecord = z.object({
  id: z.number().int().positive(),
  at: IsoTime,
  userId: z.string(),
  username: z.string(),
  domain: Domain,
  plate: z.string(),
  since: IsoTime.nullable(),
  until: IsoTime.nullable(),
  purpose: z.string(),
  caseNumber: z.string(),
  results: z.number().int().min(0),
});
export type ReadSearchRecord = z.infer<typeof ReadSearchRecord>;

export const ReadSearchRecords = z.object({ items: z.array(ReadSearchRecord), nextCursor: z.string().nullable() });
export type ReadSearchRecords = z.infer<typeof ReadSearchRecords>;
