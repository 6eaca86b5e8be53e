/**
 * The IPC channels of the street map: which PMTiles archive the maps draw (the desk's own choice,
 * else the agency's policy, else none: county outlines only), and the desk's choice itself. A file
 * on disk never reaches the renderer as a path to open: the host serves it at `STREET_MAP_PATH` of
 * the page's own origin. Spread into `invokeChannels` (src/shared/ipc.ts).
 */
import { z } from 'zod';
import { BaseMapSource } from './protocol/index.js';

/** Where the host serves the configured archive file (same origin as the page, with Range support). */
export const STREET_MAP_PATH = '/street-map/archive.pmtiles';

export const StreetMap = z.strictObject({
  /** What the renderer opens: the host's own path for a file, or the https URL; absent: outlines only. */
  tiles: z.string().optional(),
  /** Whose choice is drawn. */
  from: z.enum(['desk', 'agency', 'none']),
  /** The desk's own setting and the policy's, as configured (for the settings screen). */
  desk: z.string().optional(),
  agency: z.string().optional(),
});
export type StreetMap = z.infer<typeof StreetMap>;

const IpcFailure = z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) });

export const mapChannels = {
  'map:street': { request: z.strictObject({}).optional(), response: StreetMap },
  /** The desk's own archive (overrides the agency's); null goes back to the agency's. */
  'map:setStreet': {
    request: z.strictObject({ pmtiles: BaseMapSource.nullable() }),
    response: z.union([z.strictObject({ ok: z.literal(true), map: StreetMap }), IpcFailure]),
  },
} as const;
