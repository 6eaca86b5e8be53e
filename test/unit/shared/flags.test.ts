import { describe, expect, it } from 'vitest';
import { type FlaggableHit, isLookalike, plateDiff, verificationFlags } from '../../../src/shared/flags.js';

const NOW = Date.parse('2026-11-28T03:15:00.000Z');
const base: FlaggableHit = {
  plate: 'ABC1234',
  plateState: 'IL',
  confidence: 0.93,
  hotlist: { plate: 'ABC1234', state: 'IL', enteredAt: '2026-11-01T10:00:00.000Z' },
};
const hit = (
  over: Partial<FlaggableHit> = {},
  hotlist: Partial<FlaggableHit['hotlist']> = {},
): FlaggableHit => ({
  ...base,
  ...over,
  hotlist: { ...base.hotlist, ...hotlist },
});
const codes = (h: FlaggableHit, opts = {}): string[] =>
  verificationFlags(h, { now: NOW, ...opts }).map((f) => f.code);

describe('verificationFlags', () => {
  it('a clean hit raises no flag', () => {
    expect(verificationFlags(base, { now: NOW })).toEqual([]);
  });

  it('flags an unknown read state', () => {
    const [flag] = verificationFlags(hit({ plateState: 'UNK' }), { now: NOW });
    expect(flag).toMatchObject({ code: 'state_unknown', severity: 'critical' });
    expect(flag?.text).toMatch(/read/);
  });

  it('flags an unknown hot-list state', () => {
    expect(codes(hit({}, { state: 'UNK' }))).toEqual(['state_unknown']);
  });

  it('flags a state mismatch (the Aurora case)', () => {
    const [flag] = verificationFlags(hit({ plateState: 'CO' }, { state: 'MT' }), { now: NOW });
    expect(flag).toMatchObject({ code: 'state_mismatch', severity: 'critical' });
    expect(flag?.text).toContain('CO');
    expect(flag?.text).toContain('MT');
  });

  it('flags a plate that differs only by lookalikes, with positions', () => {
    const [flag] = verificationFlags(hit({ plate: 'A8C1Z34' }), { now: NOW });
    expect(flag).toMatchObject({
      code: 'plate_mismatch',
      severity: 'critical',
      positions: [1, 4],
      lookalikeOnly: true,
    });
    expect(flag?.text).toMatch(/lookalike/);
  });

  it('flags a plate that differs by a real character', () => {
    const [flag] = verificationFlags(hit({ plate: 'ABC1235' }), { now: NOW });
    expect(flag).toMatchObject({ code: 'plate_mismatch', positions: [6], lookalikeOnly: false });
    expect(flag?.text).not.toMatch(/lookalike/);
  });

  it('a length difference is never lookalike-only', () => {
    const [flag] = verificationFlags(hit({ plate: 'ABC123' }), { now: NOW });
    expect(flag).toMatchObject({ code: 'plate_mismatch', positions: [6], lookalikeOnly: false });
  });

  it('flags confidence under the threshold (default 0.8), not at it', () => {
    expect(codes(hit({ confidence: 0.79 }))).toEqual(['low_confidence']);
    expect(codes(hit({ confidence: 0.8 }))).toEqual([]);
    expect(codes(hit({ confidence: 0.85 }), { confidenceThreshold: 0.9 })).toEqual(['low_confidence']);
    expect(codes(hit({ confidence: undefined }))).toEqual([]);
  });

  it('flags an entry older than 180 days (default), given now', () => {
    const day = 86_400_000;
    const at = (days: number): string => new Date(NOW - days * day).toISOString();
    expect(codes(hit({}, { enteredAt: at(181) }))).toEqual(['old_entry']);
    expect(codes(hit({}, { enteredAt: at(180) }))).toEqual([]);
    expect(codes(hit({}, { enteredAt: at(31) }), { maxEntryAgeDays: 30 })).toEqual(['old_entry']);
    expect(codes(hit({}, { enteredAt: undefined }))).toEqual([]);
    const [flag] = verificationFlags(hit({}, { enteredAt: at(400) }), { now: new Date(NOW) });
    expect(flag).toMatchObject({ code: 'old_entry', severity: 'warning' });
    expect(flag?.text).toContain('400 days');
  });

  it('raises several flags together, in a stable order', () => {
    expect(
      codes(
        hit({ plate: 'ABC1Z34', plateState: 'UNK', confidence: 0.5 }, { enteredAt: '2020-01-01T00:00:00Z' }),
      ),
    ).toEqual(['state_unknown', 'plate_mismatch', 'low_confidence', 'old_entry']);
  });
});

describe('plateDiff', () => {
  it('marks same, lookalike, different and missing positions', () => {
    expect(plateDiff('0B1X5', 'O81Y')).toEqual([
      { index: 0, read: '0', listed: 'O', match: 'lookalike' },
      { index: 1, read: 'B', listed: '8', match: 'lookalike' },
      { index: 2, read: '1', listed: '1', match: 'same' },
      { index: 3, read: 'X', listed: 'Y', match: 'different' },
      { index: 4, read: '5', listed: undefined, match: 'missing' },
    ]);
  });

  it('knows exactly the five lookalike pairs, both ways', () => {
    for (const [a, b] of [
      ['0', 'O'],
      ['8', 'B'],
      ['1', 'I'],
      ['5', 'S'],
      ['2', 'Z'],
    ] as const) {
      expect(isLookalike(a, b)).toBe(true);
      expect(isLookalike(b, a)).toBe(true);
    }
    expect(isLookalike('0', 'D')).toBe(false);
    expect(isLookalike('A', 'A')).toBe(false);
  });
});
