/**
 * "Copy for report": ENF-051 IV.E.10 asks the trooper to document the type and location of the
 * ALPR in the field report. This builds that paragraph from the alert so nobody retypes it at 3 a.m.
 */
import type { Hit } from '../../shared/protocol/hit.js';
import type { AckEntry } from '../../shared/protocol/ack.js';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { compass } from './time.js';

const NETWORK_NAMES: Record<Hit['camera']['network'], string> = {
  vehiclemanager: 'Vehicle Manager',
  flock: 'Flock Safety',
  isp: 'Illinois State Police',
  other: 'other network',
};

const RESULTS = { confirmed: 'CONFIRMED', not_confirmed: 'NOT CONFIRMED', unable: 'UNABLE TO VERIFY' } as const;
const ACTIONS = {
  stop: 'traffic stop',
  located: 'vehicle located',
  broadcast: 'broadcast to units',
  notified_unit: 'notified a unit',
  no_contact: 'no contact',
  other: 'other',
} as const;

/**
 * `mine` is the trooper's own trail on this alert (hub-confirmed entries): the report states what
 * this officer verified and did, not what another desk did. The latest verification counts, as in
 * the popup's gate.
 */
export function reportText(hit: Hit, county: string | undefined, mine: readonly AckEntry[] = []): string {
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
  const verified = [...mine].reverse().find((e) => e.type === 'verified' && e.verification);
  if (verified?.verification) {
    const v = verified.verification;
    const ref = v.queryReference ? `, reference ${v.queryReference}` : ', no reference recorded';
    lines.push(`Verification: ${v.system} ${RESULTS[v.result]}${ref} (${verified.serverAt})`);
    lines.push(`Attested: plate matches image ${v.plateMatchesImage ? 'yes' : 'NO'}; state matches ${v.stateMatches ? 'yes' : 'NO'}`);
  } else {
    lines.push('Verification: not recorded');
  }
  const acted = [...mine].reverse().find((e) => e.type === 'action_taken' && e.action);
  if (acted?.action) {
    const a = acted.action;
    lines.push(`Action taken: ${ACTIONS[a.kind]}, case number ${a.caseNumber ?? 'not given'} (${acted.serverAt})${a.note ? `; ${a.note}` : ''}`);
  }
  return lines.join('\n');
}
