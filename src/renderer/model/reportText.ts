/**
 * "Copy for report": ENF-051 IV.E.10 asks the trooper to document the type and location of the
 * ALPR in the field report. This builds that paragraph from the alert so nobody retypes it at 3 a.m.
 */
import type { Hit } from '../../shared/protocol/hit.js';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { compass } from './time.js';

const NETWORK_NAMES: Record<Hit['camera']['network'], string> = {
  vehiclemanager: 'Vehicle Manager',
  flock: 'Flock Safety',
  isp: 'Illinois State Police',
  other: 'other network',
};

export function reportText(hit: Hit, county: string | undefined): string {
  const read = new Date(hit.readAt);
  const lines = [
    `ALPR hit: ${CATEGORY_LABELS[hit.category]} (hot list ${hit.hotlist.source}${hit.hotlist.entryId ? ` ${hit.hotlist.entryId}` : ''})`,
    `Plate read: ${hit.plate} (${hit.plateState}); hot-list entry: ${hit.hotlist.plate} (${hit.hotlist.state})`,
    `ALPR type: ${hit.camera.type} camera, ${NETWORK_NAMES[hit.camera.network]}`,
    `Camera: ${hit.camera.name} (id ${hit.camera.id})`,
    `Location: ${hit.location.lat.toFixed(5)}, ${hit.location.lon.toFixed(5)}${county ? `, ${county}` : ''}`,
    `Read time: ${read.toISOString()} (local ${read.toLocaleString('en-US', { hour12: false })})`,
  ];
  const direction = compass(hit.heading);
  if (direction) lines.push(`Direction of travel: ${direction}`);
  return lines.join('\n');
}
