/** The Flock adapter's pure parts: the body signature and the alert -> Hit mapping. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryMapFrom, mapFlockAlert } from '../../../src/adapters/flock/flock-alert.js';
import { signatureHolds, signBody } from '../../../src/adapters/flock/webhook-signature.js';

const stolen = JSON.parse(readFileSync(new URL('../../fixtures/flock/ncic-stolen-vehicle.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('webhook signature', () => {
  const body = Buffer.from('{"objectId":"x"}');
  it('holds for sha256=<hex> and bare hex of the exact body and secret only', () => {
    const header = signBody('s3cret', body);
    expect(signatureHolds('s3cret', body, header)).toBe(true);
    expect(signatureHolds('s3cret', body, header.slice('sha256='.length).toUpperCase())).toBe(true);
    expect(signatureHolds('other', body, header)).toBe(false);
    expect(signatureHolds('s3cret', Buffer.from('{"objectId":"y"}'), header)).toBe(false);
  });
  it('refuses a missing, repeated, short or non-hex header without throwing', () => {
    for (const h of [undefined, [signBody('s3cret', body)], 'sha256=', 'sha256=abc', `sha256=${'z'.repeat(64)}`]) expect(signatureHolds('s3cret', body, h)).toBe(false);
  });
});

describe('mapFlockAlert', () => {
  it('uses the operator category map over the defaults, case-insensitively', () => {
    const map = categoryMapFrom({ 'stolen vehicle': 'felony', 'Protection Order': 'protection_order' });
    const r = mapFlockAlert(stolen, map);
    expect(r.ok && r.hit.category).toBe('felony');
    const po = mapFlockAlert({ ...stolen, sources: [{ name: 'Court orders', reason: 'PROTECTION ORDER' }] }, map);
    expect(po.ok && [po.hit.category, po.hit.hotlist.source]).toEqual(['protection_order', 'LOCAL']);
    expect(() => categoryMapFrom({ Towed: 'parking' })).toThrow(/category map/);
  });
  it('scales a percentage confidence and reads an unknown state name as UNK', () => {
    const r = mapFlockAlert({ ...stolen, ocr: { label: 'ab-12', labelConfidence: 87, state: 'Ontario' } });
    expect(r.ok && [r.hit.plate, r.hit.confidence, r.hit.plateState]).toEqual(['AB12', 0.87, 'UNK']);
  });
  it('ignores fields Flock may add, and names a non-object body', () => {
    expect(mapFlockAlert({ ...stolen, vehicleMake: 'Toyota' }).ok).toBe(true);
    expect(mapFlockAlert([1, 2])).toEqual({ ok: false, issues: [{ path: '(body)', message: expect.any(String) as string }] });
  });
});

describe('mapFlockAlert with several hot lists (sources)', () => {
  const custom = (name: string, reason: string, audience: 'organization' | 'restricted' | null = 'organization') => ({ name, reason, caseNumber: null, customHotlistAudience: audience });

  it('a mandatory category leads even when a custom list came first, and the others are named in the reason', () => {
    const r = mapFlockAlert({ ...stolen, sources: [custom('Parking scofflaws', 'Unpaid tickets'), { name: 'NCIC', reason: 'Stolen Vehicle' }] });
    expect(r.ok && [r.hit.category, r.hit.hotlist.source, r.hit.hotlist.reason]).toEqual(['stolen', 'NCIC', 'Stolen Vehicle · also on Parking scofflaws: Unpaid tickets']);
    expect(r.ok && r.restrictedOnly).toBeUndefined();
  });

  it('between equals NCIC leads, then Flock’s order; one list keeps its reason as it was', () => {
    const r = mapFlockAlert({ ...stolen, sources: [custom('Burglary crew', 'Felony Vehicle'), { name: 'NCIC', reason: 'Wanted' }] });
    expect(r.ok && [r.hit.category, r.hit.hotlist.source, r.hit.hotlist.reason]).toEqual(['felony', 'NCIC', 'Wanted · also on Burglary crew: Felony Vehicle']);
    const one = mapFlockAlert(stolen);
    expect(one.ok && one.hit.hotlist.reason).toBe('Stolen Vehicle');
  });

  it('a restricted list is never named on an alert others see; restricted lists alone mark the alert to hold', () => {
    const mixed = mapFlockAlert({ ...stolen, sources: [custom('Narcotics target (restricted)', 'Felony Vehicle', 'restricted'), { name: 'NCIC', reason: 'Stolen Vehicle' }] });
    expect(mixed.ok && [mixed.hit.hotlist.source, mixed.hit.hotlist.reason, mixed.restrictedOnly]).toEqual(['NCIC', 'Stolen Vehicle', undefined]);
    const only = mapFlockAlert({ ...stolen, sources: [custom('Narcotics target', 'Felony Vehicle', 'restricted')] });
    expect(only.ok && [only.hit.category, only.restrictedOnly]).toEqual(['felony', ['Narcotics target']]);
  });

  it('a very long list of lists is cut to the 500 characters a reason may hold', () => {
    const many = Array.from({ length: 40 }, (_, i) => custom(`Agency list ${i}`, 'Vehicle of interest in an ongoing investigation'));
    const r = mapFlockAlert({ ...stolen, sources: [{ name: 'NCIC', reason: 'Stolen Vehicle' }, ...many] });
    expect(r.ok && r.hit.hotlist.reason?.length).toBe(500);
    expect(r.ok && r.hit.hotlist.reason?.endsWith('…')).toBe(true);
  });
});
