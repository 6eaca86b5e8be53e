/**
 * The desk's HubApi against a real hub: a refusal reaches the desk with the hub's code, message and
 * per-field issues, which the screens put beside the fields (docs/protocol.md: a validation error adds
 * `issues` to the error body). Found by the OpenAPI test: the issues were read from the wrong place
 * and never reached a form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../src/shared/hub-error.js';
import { HubApi } from '../../src/main/services/hub-api.js';
import { saveZone } from '../../src/main/services/hub-zones-api.js';
import { type TestHub, startTestHub } from '../support/hub.js';

describe('HubApi refusals', () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub();
    token = (await t.signedIn(['dispatcher'])).token;
  });
  afterAll(async () => t.close());

  it('hands a 400 on to the desk with the hub\'s per-field issues', async () => {
    const hub = new HubApi(t.url);
    // A ring that is not closed: the hub names the field.
    const ring: [number, number][] = [[-87.7, 41.78], [-87.58, 41.78], [-87.58, 41.88]];
    const open = { type: 'Polygon' as const, coordinates: [ring] };
    const refused = await saveZone(hub, token, { id: 'broken', name: 'Broken ring', geometry: open, assignees: { users: [], units: [] }, active: true }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(HubError);
    const err = refused as HubError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_zone');
    expect(err.issues?.length).toBeGreaterThan(0);
    expect(err.issues?.[0]?.path).toMatch(/^geometry/);
  });
});
