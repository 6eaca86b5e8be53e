/** Hits for the browser tests, built on the simulator's images so the popup shows real pictures. */
import type { Category, Hit } from '../../src/shared/protocol/index.js';
import { plateImage, vehicleImage } from '../../src/backend/simulator/images.js';

let serial = 0;

export function makeHit(overrides: Partial<Hit> & { category?: Category } = {}): Hit {
  serial += 1;
  const plate = overrides.plate ?? 'ABC1234';
  const state = overrides.plateState ?? 'IL';
  const base: Hit = {
    id: `e2e-${Date.now()}-${serial}`,
    plate,
    plateState: state,
    readAt: new Date(Date.now() - 45_000).toISOString(),
    location: { lat: 41.8349, lon: -87.6251 },
    heading: 0,
    camera: { id: 'isp-i94-0412', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    category: 'stolen',
    hotlist: {
      source: 'NCIC',
      plate,
      state,
      reason: 'Stolen vehicle',
      entryId: 'V123456789',
      enteredAt: new Date(Date.now() - 12 * 86_400_000).toISOString(),
    },
    confidence: 0.96,
    vehicle: { make: 'Toyota', model: 'Camry', color: 'Silver' },
    images: { plate: plateImage(plate, state), vehicle: vehicleImage('Silver') },
  };
  return { ...base, ...overrides, hotlist: { ...base.hotlist, ...overrides.hotlist } };
}
