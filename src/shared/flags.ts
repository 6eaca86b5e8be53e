/**
 * The automatic verification flags of docs/architecture.md#the-verification-gate: reasons to distrust a hit before anyone acts on
 * it (the 2009 San Francisco and 2020 Aurora wrongful stops came from a misread plate and a
 * wrong-state match). Pure: the caller passes `now`.
 */
import type { Hit } from './protocol/hit.js';

export type FlagCode = 'state_unknown' | 'state_mismatch' | 'plate_mismatch' | 'low_confidence' | 'old_entry';

/** `critical`: the match itself is doubtful; `warning`: the read is weak; `info`: worth a look. */
export type FlagSeverity = 'critical' | 'warning' | 'info';

export interface VerificationFlag {
  code: FlagCode;
  severity: FlagSeverity;
  /** Short, for the alert card. */
  text: string;
  /** plate_mismatch only: indexes (0-based, over the longer plate) where the plates differ. */
  positions?: number[];
  /** plate_mismatch only: every difference is a lookalike pair (0/O, 8/B, 1/I, 5/S, 2/Z). */
  lookalikeOnly?: boolean;
}

export interface FlagOptions {
  now: Date | number;
  /** Confidence strictly under this is flagged. Default 0.8. */
  confidenceThreshold?: number;
  /** An entry entered more than this many days before `now` is flagged. Default 180. */
  maxEntryAgeDays?: number;
}

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;
export const DEFAULT_MAX_ENTRY_AGE_DAYS = 180;

/** Characters OCR confuses on plates, both ways. */
export const LOOKALIKE_PAIRS: readonly (readonly [string, string])[] = [
  ['0', 'O'],
  ['8', 'B'],
  ['1', 'I'],
  ['5', 'S'],
  ['2', 'Z'],
];

const LOOKALIKE = new Map<string, string>(
  LOOKALIKE_PAIRS.flatMap(
    ([a, b]) =>
      [
        [a, b],
        [b, a],
      ] as [string, string][],
  ),
);

export function isLookalike(a: string, b: string): boolean {
  return LOOKALIKE.get(a) === b;
}

export type CharMatch = 'same' | 'lookalike' | 'different' | 'missing';

/** One position of a plate comparison; `missing` when one plate is shorter. */
export interface PlateChar {
  index: number;
  read: string | undefined;
  listed: string | undefined;
  match: CharMatch;
}

/**
 * Position-by-position comparison of the read plate and the hot-list plate, for highlighting.
 * Positional on purpose: plates are short and the officer compares them character by character.
 */
export function plateDiff(read: string, listed: string): PlateChar[] {
  const length = Math.max(read.length, listed.length);
  const out: PlateChar[] = [];
  for (let index = 0; index < length; index += 1) {
    const r = read[index];
    const l = listed[index];
    let match: CharMatch;
    if (r === undefined || l === undefined) match = 'missing';
    else if (r === l) match = 'same';
    else if (isLookalike(r, l)) match = 'lookalike';
    else match = 'different';
    out.push({ index, read: r, listed: l, match });
  }
  return out;
}

/** The fields of a hit the flags look at. */
export type FlaggableHit = Pick<Hit, 'plate' | 'plateState' | 'confidence'> & {
  hotlist: Pick<Hit['hotlist'], 'plate' | 'state' | 'enteredAt'>;
};

const DAY_MS = 86_400_000;

export function verificationFlags(hit: FlaggableHit, options: FlagOptions): VerificationFlag[] {
  const flags: VerificationFlag[] = [];
  const { plate, plateState, hotlist } = hit;

  if (plateState === 'UNK' || hotlist.state === 'UNK') {
    const which = plateState === 'UNK' ? 'the read' : 'the hot-list entry';
    flags.push({
      code: 'state_unknown',
      severity: 'critical',
      text: `State unknown on ${which}: confirm the state`,
    });
  } else if (plateState !== hotlist.state) {
    flags.push({
      code: 'state_mismatch',
      severity: 'critical',
      text: `State differs: read ${plateState}, hot list ${hotlist.state}`,
    });
  }

  if (plate !== hotlist.plate) {
    const diff = plateDiff(plate, hotlist.plate).filter((c) => c.match !== 'same');
    const lookalikeOnly = diff.every((c) => c.match === 'lookalike');
    const where = diff.map((c) => c.index + 1).join(', ');
    flags.push({
      code: 'plate_mismatch',
      severity: 'critical',
      text: lookalikeOnly
        ? `Plate differs by lookalike characters (position ${where}): read ${plate}, hot list ${hotlist.plate}`
        : `Plate differs (position ${where}): read ${plate}, hot list ${hotlist.plate}`,
      positions: diff.map((c) => c.index),
      lookalikeOnly,
    });
  }

  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  if (hit.confidence !== undefined && hit.confidence < threshold) {
    flags.push({
      code: 'low_confidence',
      severity: 'warning',
      text: `Low OCR confidence: ${Math.round(hit.confidence * 100)}% (under ${Math.round(threshold * 100)}%)`,
    });
  }

  const maxDays = options.maxEntryAgeDays ?? DEFAULT_MAX_ENTRY_AGE_DAYS;
  const entered = hotlist.enteredAt === undefined ? Number.NaN : Date.parse(hotlist.enteredAt);
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  if (Number.isFinite(entered)) {
    const ageMs = now - entered;
    if (ageMs > maxDays * DAY_MS) {
      const ageDays = Math.floor(ageMs / DAY_MS);
      flags.push({
        code: 'old_entry',
        severity: 'warning',
        text: `Hot-list entry is ${ageDays} days old (over ${maxDays}): it may have been cleared`,
      });
    }
  }
  return flags;
}
