/**
 * The Policy screen's words (pure, unit-tested): what each setting is called, and what one
 * recorded change changed, as lines a coordinator reads ("Idle lock: 30 → 15 minutes").
 */
import { CATEGORY_LABELS, type Category } from '../../../shared/protocol/index.js';

export const POLICY_FIELDS: Record<string, { label: string; unit?: string }> = {
  mandatoryCategories: { label: 'Mandatory categories' },
  statewideCategories: { label: 'Statewide categories' },
  detectionRetentionDays: { label: 'Detection retention', unit: 'days' },
  retentionDaysByNetwork: { label: 'Retention per network' },
  replayWindowDays: { label: 'Replay window', unit: 'days' },
  idleLockMinutes: { label: 'Idle lock', unit: 'minutes' },
  mfaRequired: { label: 'Second factor required' },
  hotlistStaleHours: { label: 'Hot list stale after', unit: 'hours' },
  localEntryMaxDays: { label: 'Local entry maximum', unit: 'days' },
  ocrEquivalence: { label: 'Lookalike matching' },
  baseMap: { label: 'Street map' },
  leadsQuery: { label: 'LEADS query' },
  updateFeedUrl: { label: 'Desk update server' },
};

export const NETWORK_LABELS: Record<string, string> = { vehiclemanager: 'Vigilant VehicleManager', flock: 'Flock', isp: 'ISP cameras', other: 'Other networks' };

function words(key: string, value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => CATEGORY_LABELS[v as Category] ?? String(v)).join(', ');
  if (key === 'retentionDaysByNetwork' && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, number>);
    return entries.length === 0 ? 'none' : entries.map(([n, d]) => `${NETWORK_LABELS[n] ?? n} ${d} days`).join(', ');
  }
  if (key === 'baseMap' && typeof value === 'object') return String((value as { pmtiles?: unknown }).pmtiles ?? 'not set');
  if (key === 'leadsQuery' && typeof value === 'object') {
    const q = value as { template?: unknown; ori?: unknown };
    return `${String(q.template)}${q.ori ? ` with ORI ${String(q.ori)}` : ', no ORI'}`;
  }
  if (typeof value === 'object') return 'changed';
  const unit = POLICY_FIELDS[key]?.unit;
  return unit ? `${String(value)} ${unit}` : String(value);
}

/** The settings one change altered, each as "Label: before → after". */
export function policyChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return [];
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]))
    .map((k) => `${POLICY_FIELDS[k]?.label ?? k}: ${before ? `${words(k, before[k])} → ` : ''}${words(k, after[k])}`);
}
