/**
 * The tests' one hit factory: a valid protocol Hit with a unique id and readable defaults (ABC1234,
 * stolen, NCIC, read 45 s ago on I-94 NB @ 35th St in Chicago), with the simulator's plate and
 * vehicle pictures so the popup shows real images. Tests override only what they are about.
 */
import type { Category, Hit } from '../../src/shared/protocol/index.js';
import { plateImage, vehicleImage } from '../../src/backend/simulator/images.js';

let serial = 0;

export function makeHit(overrides: Partial<Hit> & { category?: Category } = {}): Hit {
  serial += 1;
  const plate = overrides.plate ?? 'ABC1234';
  const state = overrides.plateState ?? 'IL';
  const base: Hit = {
    id: `test-${process.pid}-${Date.now().toString(36)}-${serial}`,
    plate,
    plateState: state,
    readAt: new Date(Date.now() - 45_000).toISOString(),
    location: { lat: 41.8309, lon: -87.6307 },
    heading: 0,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    category: 'stolen',
    hotlist: {
      source: 'NCIC',
      plate,
      state,
      reason: 'Stolen vehicle',
      entryId: 'V123456789',
      enteredAt: new Date(Date.now() - 12 * 86_400_000).toISOString(),
    },
    confidence: 0.93,
    vehicle: { make: 'Toyota', model: 'Camry', color: 'Silver' },
    images: { plate: plateImage(plate, state), vehicle: vehicleImage('Silver') },
  };
  return { ...base, ...overrides, hotlist: { ...base.hotlist, ...overrides.hotlist } };
}
