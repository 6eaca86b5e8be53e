/** Query-string parsing shared by the list routes: time ranges, limits and opaque cursors. */
import { z } from 'zod';
import { Category, IsoTime } from '../../shared/protocol/index.js';
import { HubError } from '../errors.js';
import { parseBody } from './parse.js';

export const MAX_LIMIT = 1000;

/** A cursor is opaque to clients; inside it is the last seq of the page. */
export const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new HubError(400, 'invalid_request', 'the cursor is not one this hub gave out', { issues: [{ path: 'cursor', message: 'unknown cursor' }] });
  return Number(m[1]);
}

const Limit = z.coerce.number().int().min(1).max(MAX_LIMIT).default(100);

/**
 * A time in any zone, read as the same instant in the stored form (UTC with milliseconds): the
 * stores compare ISO strings, and "05:15+02:00" or "03:00:00Z" would otherwise sort wrongly.
 */
const Instant = IsoTime.transform((s) => new Date(s).toISOString());

export const ListQuery = z.strictObject({
  since: Instant.optional(),
  until: Instant.optional(),
  category: Category.optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});

export const AckListQuery = ListQuery.extend({ user: z.string().min(1).max(128).optional() });

export const AlertListQuery = ListQuery.extend({
  bbox: z
    .string()
    .transform((s, ctx) => {
      const parts = s.split(',').map(Number);
      const [w, so, e, n] = parts;
      if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x)) || w! < -180 || e! > 180 || so! < -90 || n! > 90 || w! > e! || so! > n!) {
        ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees' });
        return z.NEVER;
      }
      return parts as [number, number, number, number];
    })
    .optional(),
});

export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  return parseBody(schema, query, 'invalid_request', 'the query');
}
