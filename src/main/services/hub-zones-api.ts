/**
 * The hub's zone endpoints as the dispatcher's workspace uses them (docs/protocol.md: GET/PUT/DELETE
 * /zones, GET /zones/:id/history, GET /users, GET /alerts), built on `HubApi.call` so errors and
 * parsing are the same as everywhere else. `recentAlerts` pages through GET /alerts by cursor and
 * keeps only what the preview needs, so 100,000 alerts cross IPC as small points, not full hits.
 */
import { z } from 'zod';
import { MAX_PREVIEW_ALERTS, ZoneChange, type AlertPoint, type ZoneDraft } from '../../shared/ipc-zones.js';
import { Category, PublicUser, Zone } from '../../shared/protocol/index.js';
import type { HubApi } from './hub-api.js';

const PAGE = 1000;

/** Only the fields the preview reads; the rest of an alert (1.1 adds fields) passes unchecked. */
const AlertRow = z.object({
  hit: z.object({
    location: z.object({ lat: z.number(), lon: z.number() }),
    category: Category,
    camera: z.object({ id: z.string(), name: z.string() }),
  }),
});
const AlertPage = z.object({ items: z.array(AlertRow), nextCursor: z.string().nullable() });

export function allZones(hub: HubApi, token: string): Promise<Zone[]> {
  return hub.zones(token);
}

export function saveZone(hub: HubApi, token: string, zone: ZoneDraft): Promise<Zone> {
  return hub.call('PUT', `/zones/${encodeURIComponent(zone.id)}`, Zone, { token, body: zone });
}

export function deleteZone(hub: HubApi, token: string, id: string): Promise<{ id: string; deleted: boolean }> {
  return hub.call('DELETE', `/zones/${encodeURIComponent(id)}`, z.object({ id: z.string(), deleted: z.boolean() }), { token });
}

export async function zoneHistory(hub: HubApi, token: string, id: string): Promise<ZoneChange[]> {
  const body = await hub.call('GET', `/zones/${encodeURIComponent(id)}/history`, z.object({ items: z.array(ZoneChange) }), { token });
  return body.items;
}

/** Accounts a zone can be assigned to (version 1 fields; admins get more, which we drop). */
export async function people(hub: HubApi, token: string): Promise<PublicUser[]> {
  const body = await hub.call('GET', '/users', z.object({ items: z.array(z.object(PublicUser.shape)) }), { token });
  return body.items.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, unit: u.unit }));
}

export async function recentAlerts(
  hub: HubApi,
  token: string,
  since: string,
  bbox: readonly [number, number, number, number],
): Promise<{ items: AlertPoint[]; truncated: boolean }> {
  const items: AlertPoint[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ since, bbox: bbox.join(','), limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const page = await hub.call('GET', `/alerts?${query.toString()}`, AlertPage, { token });
    for (const { hit } of page.items) {
      items.push({ lon: hit.location.lon, lat: hit.location.lat, category: hit.category, cameraId: hit.camera.id, cameraName: hit.camera.name });
    }
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_PREVIEW_ALERTS);
  return { items, truncated: cursor !== null };
}
