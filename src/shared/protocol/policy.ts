import { z } from 'zod';
import { BaseMapPolicy } from './base-map.js';
import { Category, DEFAULT_STATEWIDE_CATEGORIES, MANDATORY_CATEGORIES } from './categories.js';

export const Policy = z.strictObject({
  mandatoryCategories: z
    .array(Category)
    .refine((c) => MANDATORY_CATEGORIES.every((m) => c.includes(m)), {
      message: 'felony, stolen, amber and silver are always mandatory',
    }),
  statewideCategories: z.array(Category),
  detectionRetentionDays: z.number().int().min(1).max(3650),
  replayWindowDays: z.number().int().min(1).max(365),
  idleLockMinutes: z.number().int().min(1).max(240),
  /** The agency's offline street map (a PMTiles archive); without it desks draw county outlines. */
  baseMap: BaseMapPolicy.optional(),
});
export type Policy = z.infer<typeof Policy>;

export const DEFAULT_POLICY: Policy = {
  mandatoryCategories: [...MANDATORY_CATEGORIES],
  statewideCategories: [...DEFAULT_STATEWIDE_CATEGORIES],
  detectionRetentionDays: 90,
  replayWindowDays: 7,
  idleLockMinutes: 30,
};

export const Preferences = z.strictObject({ categories: z.array(Category) });
export type Preferences = z.infer<typeof Preferences>;
