/** The hub's boundary schemas and the simulator's output, checked without a server. */
import { describe, expect, it } from 'vitest';
import { generateHit, seededRandom } from '../../../src/backend/simulator/hit-generator.js';
import { CAMERA_SITES } from '../../../src/backend/simulator/cameras.js';
import { passwordProblem } from '../../../src/backend/auth/password.js';
import { AckEvent, Hit, StreamAuth, toIssues } from '../../../src/shared/protocol/index.js';

const NOW = new Date('2026-11-28T03:15:00.000Z');

describe('Hit schema at the ingest boundary', () => {
  const good = generateHit(seededRandom(1), NOW, 1, false);

  it('accepts a simulated hit', () => {
    expect(Hit.safeParse(good).success).toBe(true);
  });

  it('refuses unknown fields, bad plates and out-of-range coordinates with dotted paths', () => {
    const bad = { ...good, extra: 1, plate: 'ab 12', location: { lat: 95, lon: -87 } };
    const r = Hit.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = toIssues(r.error!).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['plate', 'location.lat', '']));
  });

  it('refuses an image that is not a PNG/JPEG data URI', () => {
    const r = Hit.safeParse({ ...good, images: { plate: 'data:image/gif;base64,AAAA' } });
    expect(r.success).toBe(false);
    expect(toIssues(r.error!)[0]?.path).toBe('images.plate');
  });
});

describe('StreamAuth and AckEvent', () => {
  it('needs a token and a clientId; resumeFrom is a non-negative integer', () => {
    expect(StreamAuth.safeParse({ token: 't', clientId: 'c' }).success).toBe(true);
    expect(StreamAuth.safeParse({ token: 't' }).success).toBe(false);
    expect(StreamAuth.safeParse({ token: 't', clientId: 'c', resumeFrom: -1 }).success).toBe(false);
  });

  it('needs a UUID eventId', () => {
    const e = { eventId: 'nope', alertId: 'a', type: 'acknowledged', at: NOW.toISOString() };
    expect(AckEvent.safeParse(e).success).toBe(false);
    expect(AckEvent.safeParse({ ...e, eventId: crypto.randomUUID() }).success).toBe(true);
  });
});

describe('simulator', () => {
  it('produces valid hits with a realistic mix, at real Illinois camera sites, images under 512 KiB', () => {
    const rnd = seededRandom(42);
    const hits = Array.from({ length: 600 }, (_, i) => generateHit(rnd, NOW, i, i < 20));
    for (const h of hits) expect(Hit.safeParse(h).success).toBe(true);
    const count = (c: string): number => hits.filter((h) => h.category === c).length;
    expect(count('stolen')).toBeGreaterThan(count('amber'));
    expect(count('registration')).toBeGreaterThan(count('silver'));
    expect(hits.some((h) => h.plate !== h.hotlist.plate)).toBe(true);
    expect(hits.some((h) => h.plateState !== h.hotlist.state)).toBe(true);
    expect(hits.some((h) => (h.confidence ?? 1) < 0.75)).toBe(true);
    for (const h of hits) {
      expect(h.location.lat).toBeGreaterThan(36.9);
      expect(h.location.lat).toBeLessThan(42.6);
      expect(h.location.lon).toBeGreaterThan(-91.6);
      expect(h.location.lon).toBeLessThan(-87.4);
    }
    const img = hits[0]!.images!.plate!;
    expect(img.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(Buffer.from(img.split(',')[1]!, 'base64').length).toBeLessThan(512 * 1024);
    expect(CAMERA_SITES.length).toBeGreaterThanOrEqual(30);
  });
});

describe('password policy', () => {
  it('refuses short and common passwords, without hints', () => {
    expect(passwordProblem('short')).toMatch(/8 characters/);
    expect(passwordProblem('Password123')).toMatch(/common/);
    expect(passwordProblem('Correct-Horse-42')).toBeUndefined();
  });
});
