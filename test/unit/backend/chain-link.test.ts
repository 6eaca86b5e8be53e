/**
 * The chain check's fast rule for an entry's link (src/backend/audit/chain-link.mjs `linkHolds`, used by the check in process and its worker threads): the
 * writer's bytes must hold `"prevHash":"<stored hash before>","seq":<seq>,`. What it refuses goes to the
 * full rule, which parses the entry and names what is wrong; so it must never accept a link the full
 * rule would refuse.
 */
import { describe, expect, it } from 'vitest';
import { linkHolds } from '../../../src/backend/audit/chain-link.mjs';

const prev = 'ab'.repeat(32);
const body = (link: string) => `{"alertId":"a-1","at":"2026-12-01T00:00:00.000Z","eventId":"e-1",${link}"serverAt":"2026-12-01T00:00:01.000Z","type":"acknowledged"}`;

describe('linkHolds', () => {
  it('accepts the link and seq the writer put side by side', () => {
    expect(linkHolds(body(`"prevHash":"${prev}","seq":12,`), prev, 12)).toBe(true);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":1,`), prev, 1)).toBe(true);
  });

  it('refuses another link, another seq, a seq that only starts alike, and a link of another length', () => {
    expect(linkHolds(body(`"prevHash":"${'cd'.repeat(32)}","seq":12,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":13,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":123,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":1,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}0","seq":12,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev.slice(1)}","seq":12,`), prev.slice(1) + 'x', 12)).toBe(false);
  });

  it('refuses what is not the canonical form: no link, a seq written otherwise, the link and seq apart', () => {
    expect(linkHolds(body(''), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":"12",`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":12.0,`), prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","seq":,`), prev, 0)).toBe(false);
    expect(linkHolds(`{"prevHash":"${prev}","seq":12}`, prev, 12)).toBe(false);
    expect(linkHolds(body(`"prevHash":"${prev}","serverAt":"x","seq":12,`), prev, 12)).toBe(false);
  });
});
