/** Builds valid protocol hits for tests: unique ids, an Illinois location, a chosen category. */
import type { Category, Hit } from '../../src/shared/protocol/index.js';

let counter = 0;

export function makeHit(overrides: Partial<Hit> & { category?: Category } = {}): Hit {
  counter++;
  const id = `test-${process.pid}-${Date.now().toString(36)}-${counter}`;
  return {
    id,
    plate: `T${String(counter).padStart(6, '0')}`.slice(0, 10),
    plateState: 'IL',
    readAt: new Date().toISOString(),
    location: { lat: 41.8781, lon: -87.6298 },
    camera: { id: 'cam-1', name: 'I-94 NB @ 35th St', type: 'stationary', network: 'vehiclemanager' },
    category: 'stolen',
    hotlist: { source: 'NCIC', plate: `T${String(counter).padStart(6, '0')}`.slice(0, 10), state: 'IL', reason: 'Stolen vehicle' },
    ...overrides,
  };
}
