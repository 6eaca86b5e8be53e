import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHashInput, GENESIS_HASH } from '../../../src/shared/chain.js';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('canonicalJson', () => {
  it('sorts keys recursively and has no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps array order and drops undefined fields', () => {
    expect(canonicalJson({ list: [3, 1, 2], gone: undefined, kept: null })).toBe(
      '{"kept":null,"list":[3,1,2]}',
    );
  });

  it('writes undefined array slots as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"y': 'line\nbreak "q" é' })).toBe(
      JSON.stringify({ 'k"y': 'line\nbreak "q" é' }),
    );
  });

  it('gives the same text whatever the key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('refuses non-finite numbers and bigints instead of writing null', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('uses toJSON (dates)', () => {
    expect(canonicalJson({ t: new Date('2026-11-28T03:15:00.000Z') })).toBe(
      '{"t":"2026-11-28T03:15:00.000Z"}',
    );
  });

  it('refuses a top-level value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow();
  });
});

describe('entryHashInput', () => {
  const entry = {
    seq: 1,
    eventId: '4f0c1c4e-0000-4000-8000-000000000001',
    alertId: 'vm-1',
    type: 'acknowledged',
    at: '2026-11-28T03:15:04.120Z',
    userId: 'u-1',
    username: 'trooper1',
    clientId: 'c-1',
    serverAt: '2026-11-28T03:15:04.200Z',
    prevHash: GENESIS_HASH,
  };

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('is prevHash followed by the canonical JSON of the entry without hash', () => {
    expect(entryHashInput(GENESIS_HASH, entry)).toBe(GENESIS_HASH + canonicalJson(entry));
  });

  it('ignores a hash field already present, so stored entries verify as they are', () => {
    const hash = sha256(entryHashInput(GENESIS_HASH, entry));
    const stored = { ...entry, hash };
    expect(sha256(entryHashInput(stored.prevHash, stored))).toBe(hash);
  });

  it('chains: changing an earlier entry changes every later hash', () => {
    const h1 = sha256(entryHashInput(GENESIS_HASH, entry));
    const second = { ...entry, seq: 2, type: 'verified', prevHash: h1 };
    const h2 = sha256(entryHashInput(h1, second));
    const tampered = sha256(entryHashInput(GENESIS_HASH, { ...entry, userId: 'u-2' }));
    expect(tampered).not.toBe(h1);
    expect(sha256(entryHashInput(tampered, { ...second, prevHash: tampered }))).not.toBe(h2);
  });
});
