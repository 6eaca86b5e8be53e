/**
 * Flock Safety's LPR hotlist alert (its webhook's JSON body, AsyncAPI info.version 3.0.0) and its
 * mapping to the hub's Hit (docs/adapters.md, "Flock field -> Hit field"); which of several lists leads is
 * flock-sources.ts. The mapped hit is parsed with the protocol's own Hit schema, so what
 * the adapter accepts is exactly what the hub takes; a refusal names the Flock field to fix, not
 * the Hit field it would have become.
 */
import { z } from 'zod';
import { type Category, CATEGORIES, Hit } from '../../shared/protocol/index.js';
import { pickSource } from './flock-sources.js';

/** Flock may add fields: unknown ones are ignored, the ones we map are checked. */
const FlockSource = z.object({
  name: z.string().min(1),
  reason: z.string().nullable().optional(),
  caseNumber: z.string().nullable().optional(),
  customHotlistAudience: z.enum(['organization', 'restricted']).nullable().optional(),
});

export const FlockAlert = z.object({
  deviceLat: z.number().optional(),
  deviceLong: z.number().optional(),
  deviceName: z.string().optional(),
  deviceExternalId: z.string().min(1),
  networkName: z.string().optional(),
  networkExternalId: z.string().optional(),
  objectId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'a UUID'),
  eventTime: z.string(),
  imageUrl: z.string().optional(),
  imageExpiration: z.string().optional(),
  detailsUrl: z.string().optional(),
  ocr: z
    .object({
      label: z.string(),
      labelConfidence: z.number().nullable().optional(),
      state: z.string().nullable().optional(),
      stateConfidence: z.number().nullable().optional(),
    })
    .nullable()
    .optional(),
  sources: z.array(FlockSource).min(1, 'at least one hot list'),
});
export type FlockAlert = z.infer<typeof FlockAlert>;

/** Hot-list reason -> category (compared without case); anything else is `other`. */
export const DEFAULT_CATEGORY_MAP: Readonly<Record<string, Category>> = {
  'stolen vehicle': 'stolen',
  'stolen plate': 'stolen',
  'amber alert': 'amber',
  'silver alert': 'silver',
  'felony vehicle': 'felony',
  wanted: 'felony',
};

/** The Flock field each Hit field comes from, so a refusal names what Flock sent. */
const FLOCK_FIELD: Record<string, string> = {
  id: 'objectId',
  plate: 'ocr.label',
  plateState: 'ocr.state',
  readAt: 'eventTime',
  'location.lat': 'deviceLat',
  'location.lon': 'deviceLong',
  'camera.id': 'deviceExternalId',
  'camera.name': 'deviceName',
  'hotlist.plate': 'ocr.label',
  'hotlist.reason': 'sources.0.reason',
  'hotlist.caseNumber': 'sources.0.caseNumber',
  confidence: 'ocr.labelConfidence',
};

const US_STATE_NAMES: Record<string, string> = Object.fromEntries(
  'ALABAMA:AL,ALASKA:AK,ARIZONA:AZ,ARKANSAS:AR,CALIFORNIA:CA,COLORADO:CO,CONNECTICUT:CT,DELAWARE:DE,DISTRICT OF COLUMBIA:DC,FLORIDA:FL,GEORGIA:GA,HAWAII:HI,IDAHO:ID,ILLINOIS:IL,INDIANA:IN,IOWA:IA,KANSAS:KS,KENTUCKY:KY,LOUISIANA:LA,MAINE:ME,MARYLAND:MD,MASSACHUSETTS:MA,MICHIGAN:MI,MINNESOTA:MN,MISSISSIPPI:MS,MISSOURI:MO,MONTANA:MT,NEBRASKA:NE,NEVADA:NV,NEW HAMPSHIRE:NH,NEW JERSEY:NJ,NEW MEXICO:NM,NEW YORK:NY,NORTH CAROLINA:NC,NORTH DAKOTA:ND,OHIO:OH,OKLAHOMA:OK,OREGON:OR,PENNSYLVANIA:PA,RHODE ISLAND:RI,SOUTH CAROLINA:SC,SOUTH DAKOTA:SD,TENNESSEE:TN,TEXAS:TX,UTAH:UT,VERMONT:VT,VIRGINIA:VA,WASHINGTON:WA,WEST VIRGINIA:WV,WISCONSIN:WI,WYOMING:WY'
    .split(',')
    .map((pair) => pair.split(':') as [string, string]),
);

export interface MapIssue {
  path: string;
  message: string;
}

export type MapResult =
  | {
      ok: true;
      hit: Hit;
      alert: FlockAlert;
      /** Every list of the alert is a restricted custom list (their names, for the log): see flock-sources.ts. */
      restrictedOnly?: string[];
    }
  | { ok: false; issues: MapIssue[] };

/** The id the hub keys the hit by: Flock's read id, so a redelivered webhook is the same hit. */
export function hitIdFor(objectId: string): string {
  return `flock-${objectId}`;
}

/** Parses a webhook body (already JSON) into a Hit, or names the Flock fields that stop it. */
export function mapFlockAlert(body: unknown, categories: Readonly<Record<string, Category>> = DEFAULT_CATEGORY_MAP): MapResult {
  const parsed = FlockAlert.safeParse(body);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })) };
  const a = parsed.data;
  const pick = pickSource(a.sources, (reason) => categoryFor(reason, categories));
  const source = pick.lead;
  const plate = a.ocr ? a.ocr.label.toUpperCase().replace(/[\s.-]/g, '') : undefined;
  const candidate = {
    id: hitIdFor(a.objectId),
    plate,
    plateState: stateCode(a.ocr?.state),
    readAt: a.eventTime,
    location: { lat: a.deviceLat, lon: a.deviceLong },
    camera: { id: a.deviceExternalId, name: a.deviceName?.trim() || a.deviceExternalId, type: 'stationary', network: 'flock' },
    category: pick.category,
    hotlist: {
      source: source.name.trim().toUpperCase() === 'NCIC' ? 'NCIC' : 'LOCAL',
      plate,
      // Flock does not say which state the list entry is for: the desk flags it for the trooper to check.
      state: 'UNK',
      reason: pick.reason,
      ...(source.caseNumber ? { caseNumber: source.caseNumber } : {}),
    },
    ...(typeof a.ocr?.labelConfidence === 'number' ? { confidence: confidenceOf(a.ocr.labelConfidence) } : {}),
  };
  const hit = Hit.safeParse(candidate);
  if (!hit.success) {
    const issues = hit.error.issues.map((i) => {
      const hitPath = i.path.map(String).join('.');
      if (!a.ocr && (hitPath === 'plate' || hitPath === 'hotlist.plate')) return { path: 'ocr.label', message: 'no OCR reading: the alert has no plate' };
      return { path: (FLOCK_FIELD[hitPath] ?? hitPath).replace('sources.0.', `sources.${pick.index}.`), message: i.message };
    });
    const seen = new Set<string>();
    return { ok: false, issues: issues.filter((i) => !seen.has(i.path) && seen.add(i.path)) };
  }
  return { ok: true, hit: hit.data, alert: a, ...(pick.restrictedOnly ? { restrictedOnly: pick.restricted } : {}) };
}

/** A two-letter code as is, a full state name as its code, anything else unknown. */
function stateCode(state: string | null | undefined): string {
  const s = (state ?? '').trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(s)) return s;
  return US_STATE_NAMES[s] ?? 'UNK';
}

function categoryFor(reason: string, categories: Readonly<Record<string, Category>>): Category {
  return categories[reason.trim().toLowerCase()] ?? 'other';
}

/** Flock's "ML confidence" is 0..1; a percentage (over 1) is scaled so the hub's 0..1 holds. */
function confidenceOf(value: number): number {
  return value > 1 && value <= 100 ? value / 100 : value;
}

/** `{"Reason": "category"}` from an operator's file, checked, merged over the defaults. */
export function categoryMapFrom(json: unknown): Record<string, Category> {
  const parsed = z.record(z.string(), z.enum(CATEGORIES)).safeParse(json);
  if (!parsed.success) throw new Error(`category map: each value must be one of ${CATEGORIES.join(', ')}`);
  const out: Record<string, Category> = { ...DEFAULT_CATEGORY_MAP };
  for (const [reason, category] of Object.entries(parsed.data)) out[reason.trim().toLowerCase()] = category;
  return out;
}
