/**
 * Seeded hot lists and reads for the matcher's unit test and the `match` benchmark. Plates are
 * drawn from a small alphabet heavy in lookalike characters and reads are made from listed plates
 * (as listed, with lookalike swaps, with another state, `UNK`, or as an OCR candidate) so every
 * branch of the rule is hit often, plus random plates that mostly miss.
 */
import type { ListEntry, ListInfo, ReadToMatch } from '../../../src/backend/matcher/matcher.js';
import { type Random } from '../../../src/shared/seeded-random.js';

const ALPHABET = [...'ABCDGHILOQSZ0125689KMX'];
const SWAP: Record<string, string> = { '0': 'O', O: 'D', D: 'Q', Q: '0', '1': 'I', I: 'L', L: '1', '8': 'B', B: '8', '5': 'S', S: '5', '2': 'Z', Z: '2', '6': 'G', G: '6' };
const STATES = ['IL', 'IN', 'WI', 'MO', 'IA', 'UNK'];
const CATEGORIES = ['stolen', 'felony', 'registration', 'wanted_person', 'amber'] as const;

const pick = <T>(rand: Random, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export function randomPlate(rand: Random, min = 3, max = 7): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let p = '';
  for (let i = 0; i < n; i += 1) p += pick(rand, ALPHABET);
  return p;
}

/** Swaps one or two characters within their lookalike groups (when the plate has any). */
export function lookalikeOf(rand: Random, plate: string): string {
  const chars = [...plate];
  const swappable = chars.map((c, i) => (SWAP[c] ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < Math.min(swappable.length, 1 + Math.floor(rand() * 2)); k += 1) {
    const i = pick(rand, swappable);
    chars[i] = SWAP[chars[i]!]!;
  }
  return chars.join('');
}

export interface ListSpec {
  info: ListInfo;
  size: number;
  /** Share of entries with an expiry (local entries), half of them already past at `nowMs`. */
  expiring?: number;
}

export function makeList(rand: Random, spec: ListSpec, nowMs: number, plate: () => string = () => randomPlate(rand)): ListEntry[] {
  const entries: ListEntry[] = [];
  for (let i = 0; i < spec.size; i += 1) {
    const entry: ListEntry = { plate: plate(), state: rand() < 0.05 ? 'UNK' : pick(rand, STATES.slice(0, 5)), category: pick(rand, CATEGORIES), reason: 'Stolen vehicle' };
    if (rand() < 0.3) entry.entryId = `V${i}`;
    if (spec.expiring && rand() < spec.expiring) entry.expiresAt = new Date(nowMs + (rand() < 0.5 ? -1 : 1) * (1 + Math.floor(rand() * 1e8))).toISOString();
    entries.push(entry);
  }
  return entries;
}

/** `count` reads: about `hitShare` of them made from listed plates, the rest random. */
export function makeReads(rand: Random, listed: readonly ListEntry[][], count: number, hitShare: number, withCandidates: boolean, lengths: [number, number] = [5, 7]): ReadToMatch[] {
  const reads: ReadToMatch[] = [];
  for (let i = 0; i < count; i += 1) {
    let plate = randomPlate(rand, lengths[0], lengths[1]);
    let plateState = pick(rand, STATES);
    let origin = plate;
    if (rand() < hitShare) {
      const list = pick(rand, listed);
      const entry = list.length > 0 ? pick(rand, list) : undefined;
      if (entry) {
        const how = rand();
        origin = entry.plate;
        plate = how < 0.5 ? entry.plate : lookalikeOf(rand, entry.plate);
        plateState = rand() < 0.6 ? entry.state : pick(rand, STATES);
      }
    }
    const read: ReadToMatch = { plate, plateState };
    if (withCandidates && rand() < 0.5) {
      const n = 1 + Math.floor(rand() * 3);
      read.candidates = Array.from({ length: n }, () => {
        const how = rand();
        return { plate: how < 0.3 ? origin : how < 0.6 ? lookalikeOf(rand, plate) : randomPlate(rand, lengths[0], lengths[1]) };
      });
    }
    if (rand() < 0.05) read.domain = 'motor_carrier';
    reads.push(read);
  }
  return reads;
}
