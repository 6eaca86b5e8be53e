/**
 * The matcher against the nested-loop reference (test/bench/support/reference-matcher.ts) on seeded
 * random lists and reads: short plates from a lookalike-heavy alphabet so entries share canonical
 * forms, UNK states, OCR candidates, expired and live local entries, two domains; lookalike on and
 * off. A failing seed is printed and replayed with MATCH_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import { isLookalike, lookalikeKey } from '../../../src/backend/matcher/lookalike.js';
import { type ListEntry, Matcher } from '../../../src/backend/matcher/matcher.js';
import { makeList, makeReads, type ListSpec } from '../../bench/support/hotlist-data.js';
import { matchLines, referenceMatch } from '../../bench/support/reference-matcher.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const SPECS: ListSpec[] = [
  { info: { id: 'ncic', source: 'NCIC', domain: 'general' }, size: 1500 },
  { info: { id: 'sos', source: 'SOS', domain: 'general' }, size: 800 },
  { info: { id: 'local', source: 'LOCAL', domain: 'general' }, size: 300, expiring: 1 },
  { info: { id: 'dot', source: 'DOT', domain: 'motor_carrier' }, size: 300 },
];

describe('lookalike canonical form', () => {
  it('maps each group to one representative and leaves other characters alone', () => {
    expect(lookalikeKey('0ODQ')).toBe('0000');
    expect(lookalikeKey('1IL8B5S2Z6G')).toBe('11188552266');
    expect(lookalikeKey('AXK347')).toBe('AXK347');
    expect(isLookalike('ABC1234', 'A8C1Z34')).toBe(true);
    expect(isLookalike('ABC1234', 'ABC1235')).toBe(false);
    expect(isLookalike('AB0', 'AB00')).toBe(false);
  });
});

describe('Matcher against the nested-loop reference', () => {
  const seed = Number(process.env.MATCH_SEED ?? Date.now() % 1_000_000);
  for (const lookalike of [false, true]) {
    it(`agrees on seeded random lists and reads, lookalike ${lookalike ? 'on' : 'off'} (seed ${seed})`, () => {
      console.log(`matcher test seed: ${seed} (replay with MATCH_SEED=${seed})`);
      const rand = seededRandom(seed + (lookalike ? 1 : 0));
      const lists = SPECS.map((spec) => ({ info: spec.info, entries: makeList(rand, spec, NOW, () => shortPlate(rand)) }));
      const matcher = new Matcher();
      for (const l of lists) matcher.replace(l.info, l.entries);
      const reads = makeReads(rand, lists.map((l) => l.entries), 2500, 0.5, true, [2, 4]);
      const options = { lookalike, nowMs: NOW };
      const got = matchLines(matcher.match(reads, options));
      const want = matchLines(referenceMatch(lists, reads, options));
      expect(want.length, 'the data set must produce matches').toBeGreaterThan(500);
      for (const kind of lookalike ? ['exact', 'lookalike', 'candidate'] : ['exact', 'candidate']) {
        expect(want.some((line) => line.includes(`|${kind}|`)), `some ${kind} matches`).toBe(true);
      }
      expect(got).toEqual(want);
    });
  }

  it('never matches an expired entry, and an entry that is live until its expiry', () => {
    const matcher = new Matcher();
    const entry = (plate: string, expiresAt: string): ListEntry => ({ plate, state: 'IL', category: 'local', reason: 'x', expiresAt });
    matcher.replace({ id: 'local', source: 'LOCAL', domain: 'general' }, [entry('ABC123', '2026-11-30T12:00:00.000Z'), entry('ABC123', '2026-11-30T12:00:00.001Z')]);
    const found = matcher.match([{ plate: 'ABC123', plateState: 'IL' }], { lookalike: false, nowMs: NOW });
    expect(found.map((m) => m.entryIndex)).toEqual([1]);
  });

  it('a replaced list is matched whole: old entries until the swap, new ones after', () => {
    const matcher = new Matcher();
    const info = { id: 'ncic', source: 'NCIC', domain: 'general' as const };
    matcher.replace(info, [{ plate: 'OLD1', state: 'IL', category: 'stolen', reason: 'x' }]);
    const reads = [{ plate: 'OLD1', plateState: 'IL' }, { plate: 'NEW1', plateState: 'IL' }];
    expect(matcher.match(reads, { lookalike: false, nowMs: NOW }).map((m) => m.read)).toEqual([0]);
    matcher.replace(info, [{ plate: 'NEW1', state: 'IL', category: 'stolen', reason: 'x' }]);
    expect(matcher.match(reads, { lookalike: false, nowMs: NOW }).map((m) => m.read)).toEqual([1]);
    expect(matcher.held()).toEqual([{ info, entries: 1 }]);
  });
});

/** 2-4 characters: few enough spellings that lists hold duplicates and lookalikes of each other. */
function shortPlate(rand: () => number): string {
  const alphabet = 'ABDGILOQSZ0125689';
  const n = 2 + Math.floor(rand() * 3);
  let p = '';
  for (let i = 0; i < n; i += 1) p += alphabet[Math.floor(rand() * alphabet.length)];
  return p;
}
