/**
 * Realistic simulated hits: Illinois expressway cameras, a category mix like a real hot list
 * (stolen, registration and felony most common; AMBER and SILVER rare), and the failure modes the
 * verification gate exists for: wrong-state matches, lookalike-character misreads, low confidence.
 */
import type { Category, Hit } from '../../shared/protocol/index.js';
import { CAMERA_SITES } from './cameras.js';
import { plateImage, vehicleImage } from './images.js';
import type { Random } from '../../shared/seeded-random.js';

// Tests and benchmarks import the generator from here alongside generateHit; read-generator.ts shares the mix and the plates.
export { seededRandom, type Random } from '../../shared/seeded-random.js';

export const MIX: [Category, number][] = [
  ['stolen', 28], ['registration', 22], ['felony', 14], ['wanted_person', 10], ['local', 8],
  ['protection_order', 6], ['other', 5], ['missing_person', 4], ['amber', 1.5], ['silver', 1.5],
];

export const REASONS: Record<Category, string[]> = {
  stolen: ['Stolen vehicle', 'Stolen vehicle - keys taken in burglary', 'Stolen plate'],
  registration: ['Registration suspended - no insurance', 'Registration revoked', 'Registration expired over 6 months'],
  felony: ['Vehicle used in armed robbery', 'Felony vehicle - aggravated battery', 'Vehicle sought in shooting investigation'],
  wanted_person: ['Registered owner has active felony warrant', 'Wanted person - failure to appear'],
  local: ['Local hot list: burglary pattern vehicle', 'Local hot list: drive-off at fuel station'],
  protection_order: ['Registered owner is respondent in an order of protection'],
  other: ['Vehicle of interest - attempt to locate'],
  missing_person: ['Missing person - endangered adult', 'Missing juvenile - runaway'],
  amber: ['AMBER ALERT: child abduction - suspect vehicle'],
  silver: ['SILVER ALERT: missing adult with dementia - driving this vehicle'],
};

const SOURCE: Record<Category, Hit['hotlist']['source']> = {
  stolen: 'NCIC', registration: 'SOS', felony: 'LEADS', wanted_person: 'NCIC', local: 'LOCAL',
  protection_order: 'LEADS', other: 'LEADS', missing_person: 'NCIC', amber: 'LEADS', silver: 'LEADS',
};

export const VEHICLES: [string, string][] = [
  ['Toyota', 'Camry'], ['Honda', 'Accord'], ['Chevrolet', 'Malibu'], ['Ford', 'F-150'], ['Nissan', 'Altima'],
  ['Jeep', 'Grand Cherokee'], ['Dodge', 'Charger'], ['Hyundai', 'Elantra'], ['Kia', 'Optima'], ['Chevrolet', 'Silverado'],
  ['Ford', 'Explorer'], ['Toyota', 'RAV4'], ['Honda', 'CR-V'], ['GMC', 'Sierra'], ['Chrysler', 'Pacifica'],
];
export const COLORS = ['Black', 'White', 'Silver', 'Gray', 'Red', 'Blue', 'Green', 'Tan', 'Maroon', 'Gold'];
export const NEIGHBOURS = ['IN', 'WI', 'MO', 'IA', 'KY', 'MI'];
const LOOKALIKE: Record<string, string> = { '0': 'O', O: '0', '8': 'B', B: '8', '1': 'I', I: '1', '5': 'S', S: '5', '2': 'Z', Z: '2' };

export const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
export const digits = (rnd: Random, n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const letters = (rnd: Random, n: number): string => Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(rnd() * 26))).join('');

export function weighted(rnd: Random): Category {
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [c, w] of MIX) if ((x -= w) < 0) return c;
  return 'other';
}

export function plateFor(rnd: Random, state: string): string {
  if (state === 'IL') return rnd() < 0.7 ? letters(rnd, 2) + digits(rnd, 5) : digits(rnd, 3) + letters(rnd, 1) + digits(rnd, 3);
  return letters(rnd, 3) + digits(rnd, 4);
}

/** One misread character swapped for its lookalike, when the plate has one. */
export function misread(plate: string, rnd: Random): string {
  const spots = [...plate].map((ch, i) => (LOOKALIKE[ch] ? i : -1)).filter((i) => i >= 0);
  if (spots.length === 0) return plate;
  const i = pick(rnd, spots);
  return plate.slice(0, i) + (LOOKALIKE[plate[i] ?? ''] ?? '') + plate.slice(i + 1);
}

export function generateHit(rnd: Random, now: Date, serial: number, withImages = true): Hit {
  const site = pick(rnd, CAMERA_SITES);
  const category = weighted(rnd);
  const entryState = rnd() < 0.85 ? 'IL' : pick(rnd, NEIGHBOURS);
  const entryPlate = plateFor(rnd, entryState);
  const roll = rnd();
  // About 1 in 12 reads is a lookalike misread, 1 in 12 a wrong or unknown state.
  const readPlate = roll < 0.08 ? misread(entryPlate, rnd) : entryPlate;
  const readState = roll >= 0.08 && roll < 0.16 ? (rnd() < 0.5 ? 'UNK' : pick(rnd, NEIGHBOURS.filter((s) => s !== entryState))) : entryState;
  const confidence = Math.round((rnd() < 0.1 ? 0.45 + rnd() * 0.3 : 0.82 + rnd() * 0.17) * 100) / 100;
  const [make, model] = pick(rnd, VEHICLES);
  const color = pick(rnd, COLORS);
  const readAt = new Date(now.getTime() - Math.floor(rnd() * 4000));
  const enteredAt = new Date(now.getTime() - Math.floor(rnd() * 120) * 86_400_000);
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const hit: Hit = {
    id: `sim-${day}-${String(serial).padStart(6, '0')}-${Math.floor(rnd() * 1e6).toString(36)}`,
    plate: readPlate,
    plateState: readState,
    readAt: readAt.toISOString(),
    location: {
      lat: Math.round((site.lat + (rnd() - 0.5) * 0.002) * 1e6) / 1e6,
      lon: Math.round((site.lon + (rnd() - 0.5) * 0.002) * 1e6) / 1e6,
    },
    heading: site.heading,
    camera: { id: site.id, name: site.name, type: 'expressway', network: 'isp' },
    category,
    hotlist: {
      source: SOURCE[category],
      plate: entryPlate,
      state: entryState,
      reason: pick(rnd, REASONS[category]),
      entryId: category === 'local' ? `L-${digits(rnd, 6)}` : `V${digits(rnd, 9)}`,
      enteredAt: enteredAt.toISOString(),
      ...(category === 'local' ? { caseNumber: `${now.getUTCFullYear()}-${digits(rnd, 5)}` } : {}),
    },
    confidence,
    vehicle: { make, model, color },
  };
  if (withImages) hit.images = { plate: plateImage(readPlate, readState), vehicle: vehicleImage(color) };
  return hit;
}
