import { z } from 'zod';
import { IsoTime } from './common.js';

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const Ring = z.array(Position);

/** Shape only; ring closure, self-crossing, bounds and size are checked by `validateZoneGeometry`. */
export const ZoneGeometry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
export type ZoneGeometry = z.infer<typeof ZoneGeometry>;

export const ZoneId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-"; 1-64');

export const Zone = z.strictObject({
  id: ZoneId,
  name: z.string().min(1).max(200),
  geometry: ZoneGeometry,
  assignees: z.strictObject({
    users: z.array(z.string().min(1).max(128)).max(10_000),
    units: z.array(z.string().min(1).max(128)).max(1_000),
  }),
  active: z.boolean(),
  updatedBy: z.string().optional(),
  updatedAt: IsoTime.optional(),
});
export type Zone = z.infer<typeof Zone>;
