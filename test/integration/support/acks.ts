/** AckEvents for tests. */
import { randomUUID } from 'node:crypto';
import type { AckEvent, Verification } from '../../../src/shared/protocol/index.js';

export const CONFIRMED: Verification = { system: 'LEADS', result: 'confirmed', queryReference: 'L-77812', plateMatchesImage: true, stateMatches: true };

export function ackEvent(alertId: string, type: AckEvent['type'], extra: Partial<AckEvent> = {}): AckEvent {
  return { eventId: randomUUID(), alertId, type, at: new Date().toISOString(), ...extra };
}
