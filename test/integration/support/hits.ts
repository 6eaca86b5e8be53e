/** Valid hits for tests: a fixed, readable one and variations of it. */
import type { Hit } from '../../../src/shared/protocol/index.js';

let serial = 0;

export function sampleHit(overrides: Partial<Hit> = {}): Hit {
  serial++;
  return {
    id: `test-${process.pid}-${Date.now()}-${serial}`,
    plate: 'ABC1234',
    plateState: 'IL',
    readAt: '2026-11-28T03:15:00.000Z',
    location: { lat: 41.8309, lon: -87.6307 },
    heading: 0,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    category: 'stolen',
    hotlist: { source: 'NCIC', plate: 'ABC1234', state: 'IL', reason: 'Stolen vehicle', entryId: 'V123456789' },
    confidence: 0.93,
    vehicle: { make: 'Toyota', model: 'Camry', color: 'Silver' },
    ...overrides,
  };
}
