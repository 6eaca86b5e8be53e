import { z } from 'zod';

/** ISO 8601 time with a zone, as docs/protocol.md requires for every time. */
export const IsoTime = z.iso.datetime({ offset: true });

export const UsState = z
  .string()
  .regex(/^([A-Z]{2}|UNK)$/, 'a two-letter USPS code or "UNK"');

export const Plate = z.string().regex(/^[A-Z0-9]{1,10}$/, 'A-Z and 0-9 only, 1 to 10 characters');

/** A user's, read's or list's data domain (1.1): motor-carrier data is kept apart from the rest. */
export const Domain = z.enum(['general', 'motor_carrier']);
export type Domain = z.infer<typeof Domain>;

export const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** The error body of every failed HTTP request. */
export interface ErrorBody {
  error: { code: string; message: string; retryAfter?: number };
  issues?: { path: string; message: string }[];
}

/** Turn zod issues into the `issues` list of docs/protocol.md (dotted paths). */
export function toIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
