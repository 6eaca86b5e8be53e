/** Acknowledgements for tests: AckEvents a desk sends, and AckEntries as the hub pushes them. */
import { randomUUID } from 'node:crypto';
import type { AckEntry, AckEvent, Verification } from '../../src/shared/protocol/index.js';

export const CONFIRMED: Verification = { system: 'LEADS', result: 'confirmed', queryReference: 'L-77812', plateMatchesImage: true, stateMatches: true };

export function ackEvent(alertId: string, type: AckEvent['type'], extra: Partial<AckEvent> = {}): AckEvent {
  return { eventId: randomUUID(), alertId, type, at: new Date().toISOString(), ...extra };
}

/** A hub AckEntry of `alertId` at log position `seq`, as the stream pushes one (hashes are placeholders). */
export function ackEntry(alertId: string, seq: number): AckEntry {
  return {
    eventId: '4f0c1c4e-1111-4222-8333-444455556666',
    alertId,
    type: 'acknowledged',
    at: '2026-11-28T03:00:00.000Z',
    seq,
    userId: 'u-1',
    username: 'trooper1',
    clientId: 'c-1',
    serverAt: '2026-11-28T03:00:00.100Z',
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
}
