/**
 * Which street map archive the maps draw (the desk's choice, else the agency's, else none), as the
 * main process answers it. Asked each time a map opens: a changed setting or policy applies to the
 * next map without a reload.
 */
import type { StreetMap } from '../../shared/ipc-map.js';
import { tas } from '../api.js';

export type { StreetMap };

export async function loadStreetMap(): Promise<StreetMap> {
  try {
    return await tas().invoke('map:street');
  } catch {
    // An older host without the channel: the outlines are still a map.
    return { from: 'none' };
  }
}
