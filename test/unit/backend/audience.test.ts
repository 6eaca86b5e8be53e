// Routing state after a store failure: one blip must not make every later delivery on the node fail.
import { afterEach, describe, expect, it } from 'vitest';
import { Audience } from '../../../src/backend/alerts/audience.js';
import { generateHit, seededRandom } from '../../../src/backend/simulator/hit-generator.js';
import { openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import type { HubStore } from '../../../src/backend/store/port.js';
import { FlakyPolicyStore } from '../../fakes/flaky-policy-store.js';

let store: HubStore | undefined;
afterEach(async () => store?.close());

describe('Audience', () => {
  it('retries the routing state after a failed load instead of remembering the failure', async () => {
    store = openSqliteStore(undefined);
    const policy = new FlakyPolicyStore(store.policy);
    const audience = new Audience({ ...store, policy });
    const hit = { ...generateHit(seededRandom(7), new Date(), 1, false), category: 'stolen' as const };
    const trooper = { userId: 'u-1', unit: 'Troop 3', domain: 'general' as const };

    policy.failuresLeft = 1;
    await expect(audience.receives(trooper, hit)).rejects.toThrow('connection terminated');
    // The store is back: the next alert is routed (no zones, so a stolen hit reaches everyone).
    await expect(audience.receives(trooper, hit)).resolves.toBe(true);
  });
});
