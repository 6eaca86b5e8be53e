import { z } from 'zod';
import { BaseMapPolicy } from './base-map.js';
import { Category, DEFAULT_STATEWIDE_CATEGORIES, MANDATORY_CATEGORIES } from './categories.js';
import { CameraNetwork } from './hit.js';
import { LeadsQueryPolicy } from '../leads/query-text.js';

export const Policy = z.strictObject({
  mandatoryCategories: z
    .array(Category)
    .refine((c) => MANDATORY_CATEGORIES.every((m) => c.includes(m)), {
      message: 'felony, stolen, amber and silver are always mandatory',
    }),
  statewideCategories: z.array(Category),
  detectionRetentionDays: z.number().int().min(1).max(3650),
  replayWindowDays: z.number().int().min(1).max(365),
  /** CJIS AC-11: a session lock after at most 30 minutes of inactivity (1.1). */
  idleLockMinutes: z.number().int().min(1).max(30),
  /** 1.1: every user must have a second factor; one without signs in only to enrol it. */
  mfaRequired: z.boolean().default(false),
  /** 1.1: detection retention per camera network, over `detectionRetentionDays` (ENF-051 V.C.4: FlockOS 30). */
  retentionDaysByNetwork: z.partialRecord(CameraNetwork, z.number().int().min(1).max(3650)).default({}),
  hotlistStaleHours: z.number().int().min(1).max(8760).default(24),
  localEntryMaxDays: z.number().int().min(1).max(3650).default(30),
  /** 1.1: also match reads that differ from an entry only in lookalike characters (0/O, 8/B, ...). */
  ocrEquivalence: z.boolean().default(false),
  /** The agency's offline street map (a PMTiles archive); without it desks draw county outlines. */
  baseMap: BaseMapPolicy.optional(),
  /**
   * 1.1 (issue 12): the LEADS/NCIC vehicle query the popup copies, and the agency's ORI for it.
   * Absent until an admin sets it (desks then use DEFAULT_QUERY_TEMPLATE), so a hub that never
   * set one answers the same policy as before.
   */
  leadsQuery: LeadsQueryPolicy.optional(),
  /**
   * Addition (issue 14): the agency's own update server for the desk app (electron-updater's generic
   * feed), https only. Absent: desks never look for updates (there is no public default).
   */
  updateFeedUrl: z
    .string()
    .max(2048)
    .url()
    .refine((u) => u.startsWith('https://'), { message: 'the update server must use https' })
    .optional(),
});
export type Policy = z.infer<typeof Policy>;

export const DEFAULT_POLICY: Policy = {
  mandatoryCategories: [...MANDATORY_CATEGORIES],
  statewideCategories: [...DEFAULT_STATEWIDE_CATEGORIES],
  detectionRetentionDays: 90,
  replayWindowDays: 7,
  idleLockMinutes: 30,
  mfaRequired: false,
  retentionDaysByNetwork: {},
  hotlistStaleHours: 24,
  localEntryMaxDays: 30,
  ocrEquivalence: false,
};

/**
 * A policy as stored by any hub version, brought up to this one: fields added since are filled
 * with their defaults, and an idle lock over 30 minutes (allowed before 1.1) is capped at 30.
 */
export function currentPolicy(stored: unknown): Policy {
  const merged = { ...DEFAULT_POLICY, ...(stored && typeof stored === 'object' ? stored : {}) } as Policy;
  const parsed = Policy.safeParse({ ...merged, idleLockMinutes: Math.min(Number(merged.idleLockMinutes) || 30, 30) });
  return parsed.success ? parsed.data : { ...DEFAULT_POLICY };
}

export const Preferences = z.strictObject({ categories: z.array(Category) });
export type Preferences = z.infer<typeof Preferences>;
