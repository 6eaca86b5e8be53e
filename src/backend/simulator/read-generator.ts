/**
 * Simulated reads for the hub's own matcher (docs/protocol.md 1.1 "Reads, hot lists and the matcher"):
 * a simulated hot list to load, and reads from the same camera sites as the simulated hits. As on a
 * real camera network, nearly every read is of a car nobody is looking for; a small share are of
 * listed plates, and of those some are lookalike misreads (they match only with the policy's
 * `ocrEquivalence`) and some carry the OCR engine's candidates with the listed plate among them.
 */
import type { Category, HotlistEntry, HotlistUpload, Read } from '../../shared/protocol/index.js';
import { CAMERA_SITES } from './cameras.js';
import { COLORS, NEIGHBOURS, REASONS, VEHICLES, type Random, digits, misread, pick, plateFor, weighted } from './hit-generator.js';
import { plateImage, vehicleImage } from './images.js';

/** The id the simulated list is stored under (`PUT /hotlists/simulated-ncic`). */
export const SIMULATED_LIST_ID = 'simulated-ncic';

/** A state list holds no `local` entries: those are the users' own (POST /hotlists/local/entries). */
const listCategory = (rnd: Random): Category => {
  const c = weighted(rnd);
  return c === 'local' ? 'stolen' : c;
};

export function simulatedHotlist(rnd: Random, now: Date, size: number): HotlistUpload {
  const entries: HotlistEntry[] = [];
  for (let i = 0; i < size; i++) {
    const category = listCategory(rnd);
    const state = rnd() < 0.85 ? 'IL' : pick(rnd, NEIGHBOURS);
    entries.push({
      plate: plateFor(rnd, state),
      state,
      category,
      reason: pick(rnd, REASONS[category]),
      entryId: `V${digits(rnd, 9)}`,
      enteredAt: new Date(now.getTime() - Math.floor(rnd() * 120) * 86_400_000).toISOString(),
    });
  }
  return { name: 'Simulated NCIC vehicle file', source: 'NCIC', downloadedAt: now.toISOString(), entries };
}

/** How a read of a listed plate was read: as listed, as a lookalike, or wrongly with the listed plate among the candidates. */
type Sighting = 'exact' | 'lookalike' | 'candidate';

const sightingOf = (rnd: Random): Sighting => {
  const r = rnd();
  return r < 0.7 ? 'exact' : r < 0.85 ? 'lookalike' : 'candidate';
};

/**
 * One read: of a listed plate with probability `listedShare` (when the list has entries), else of a
 * random plate. Listed reads carry the plate and vehicle pictures an alert shows; the others do not,
 * which keeps a fast simulated feed cheap (the hub stores them without images).
 */
export function generateRead(rnd: Random, now: Date, serial: number, listed: readonly HotlistEntry[], listedShare: number): Read {
  const site = pick(rnd, CAMERA_SITES);
  const entry = listed.length > 0 && rnd() < listedShare ? pick(rnd, listed) : undefined;
  const sighting = entry ? sightingOf(rnd) : 'exact';
  const state = entry ? entry.state : rnd() < 0.9 ? 'IL' : pick(rnd, NEIGHBOURS);
  const truePlate = entry ? entry.plate : plateFor(rnd, state);
  const plate = sighting === 'exact' ? truePlate : misread(truePlate, rnd);
  const [make, model] = pick(rnd, VEHICLES);
  const color = pick(rnd, COLORS);
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const read: Read = {
    id: `simread-${day}-${String(serial).padStart(7, '0')}-${Math.floor(rnd() * 1e6).toString(36)}`,
    plate,
    plateState: state,
    readAt: new Date(now.getTime() - Math.floor(rnd() * 2000)).toISOString(),
    location: {
      lat: Math.round((site.lat + (rnd() - 0.5) * 0.002) * 1e6) / 1e6,
      lon: Math.round((site.lon + (rnd() - 0.5) * 0.002) * 1e6) / 1e6,
    },
    heading: site.heading,
    camera: { id: site.id, name: site.name, type: 'expressway', network: 'isp' },
    confidence: Math.round((sighting === 'exact' ? 0.82 + rnd() * 0.17 : 0.5 + rnd() * 0.3) * 100) / 100,
    vehicle: { make, model, color },
  };
  if (sighting === 'candidate' && plate !== truePlate) read.candidates = [{ plate: truePlate, confidence: 0.31 }];
  if (entry) read.images = { plate: plateImage(plate, state), vehicle: vehicleImage(color) };
  return read;
}
