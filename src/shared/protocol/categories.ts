import { z } from 'zod';

/** Every hit category of docs/protocol.md, in the order the UI lists them. */
export const CATEGORIES = [
  'felony',
  'stolen',
  'amber',
  'silver',
  'wanted_person',
  'missing_person',
  'registration',
  'protection_order',
  'local',
  'other',
] as const;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** ENF-051 V.B: every user receives these; no setting, zone filter or policy may remove them. */
export const MANDATORY_CATEGORIES: readonly Category[] = ['felony', 'stolen', 'amber', 'silver'];

export const DEFAULT_STATEWIDE_CATEGORIES: readonly Category[] = ['amber', 'silver'];

export function isMandatory(category: Category, policyMandatory: readonly Category[] = MANDATORY_CATEGORIES): boolean {
  return MANDATORY_CATEGORIES.includes(category) || policyMandatory.includes(category);
}

/** Human label for a category, used by the UI and by notifications. */
export const CATEGORY_LABELS: Record<Category, string> = {
  felony: 'FELONY VEHICLE',
  stolen: 'STOLEN VEHICLE',
  amber: 'AMBER ALERT',
  silver: 'SILVER ALERT',
  wanted_person: 'WANTED PERSON',
  missing_person: 'MISSING PERSON',
  registration: 'SUSPENDED / REVOKED REG.',
  protection_order: 'PROTECTION ORDER',
  local: 'LOCAL HOT LIST',
  other: 'OTHER',
};

/** Lower number = more urgent. AMBER/SILVER first, then felony, stolen, the rest. */
export const CATEGORY_PRIORITY: Record<Category, number> = {
  amber: 0,
  silver: 0,
  felony: 1,
  stolen: 2,
  wanted_person: 3,
  missing_person: 3,
  protection_order: 4,
  registration: 5,
  local: 6,
  other: 7,
};
