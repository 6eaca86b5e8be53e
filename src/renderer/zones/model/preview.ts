/**
 * "What would this zone have caught?": of the last 7 days' alerts, how many fall inside the shape
 * being edited, by category, and which cameras stand inside it. Decided by the same ZoneIndex the
 * hub routes with (border counts as inside), so the preview and the routing cannot disagree.
 */
import { ZoneIndex } from '../../../shared/geo/zone-index.js';
import type { AlertPoint } from '../../../shared/ipc-zones.js';
import { CATEGORY_PRIORITY, type Category } from '../../../shared/protocol/categories.js';
import type { ZoneGeometry } from '../../../shared/protocol/zone.js';

export interface Preview {
  total: number;
  byCategory: { category: Category; count: number }[];
  cameras: { id: string; name: string; alerts: number }[];
}

export function previewOf(geometry: ZoneGeometry, alerts: readonly AlertPoint[]): Preview {
  const index = new ZoneIndex([{ id: 'draft', geometry }]);
  const byCategory = new Map<Category, number>();
  const cameras = new Map<string, { id: string; name: string; alerts: number }>();
  let total = 0;
  for (const a of alerts) {
    if (!index.containsAny(a.lon, a.lat)) continue;
    total += 1;
    byCategory.set(a.category, (byCategory.get(a.category) ?? 0) + 1);
    const cam = cameras.get(a.cameraId);
    if (cam) cam.alerts += 1;
    else cameras.set(a.cameraId, { id: a.cameraId, name: a.cameraName, alerts: 1 });
  }
  return {
    total,
    byCategory: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => CATEGORY_PRIORITY[a.category] - CATEGORY_PRIORITY[b.category]),
    cameras: [...cameras.values()].sort((a, b) => b.alerts - a.alerts || a.name.localeCompare(b.name)),
  };
}
