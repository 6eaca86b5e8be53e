import { describe, expect, it } from 'vitest';
import { CATEGORY_LOOK } from '../../../src/renderer/model/categoryLook.js';
import { reportText } from '../../../src/renderer/model/reportText.js';
import { ago, compass, elapsed, entryAgeDays } from '../../../src/renderer/model/time.js';
import { view } from './fixtures.js';

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('category badges', () => {
  it('every badge has AA contrast (4.5:1) and an icon; no two share a colour', () => {
    for (const [category, look] of Object.entries(CATEGORY_LOOK)) {
      expect(contrast(look.background, look.foreground), category).toBeGreaterThanOrEqual(4.5);
      expect(look.icon, category).toBeTruthy();
    }
    const colours = Object.values(CATEGORY_LOOK).map((l) => l.background);
    expect(new Set(colours).size).toBe(colours.length);
  });
});

describe('times', () => {
  const now = Date.parse('2026-11-28T03:12:30.000Z');
  it('reads as a trooper says it', () => {
    expect(ago('2026-11-28T03:10:30.000Z', now)).toBe('2 min ago');
    expect(ago('2026-11-28T03:12:20.000Z', now)).toBe('10 s ago');
    expect(elapsed('2026-11-28T03:00:00.000Z', now)).toBe('12:30');
    expect(elapsed('2026-11-28T01:00:00.000Z', now)).toBe('2:12:30');
    expect(entryAgeDays('2026-11-18T03:12:30.000Z', now)).toBe(10);
    expect(entryAgeDays(undefined, now)).toBeUndefined();
    expect(compass(270)).toBe('W (270°)');
    expect(compass(350)).toBe('N (350°)');
    expect(compass(undefined)).toBeUndefined();
  });
});

describe('reportText', () => {
  it('has the ALPR type, camera, coordinates, county and time for the field report', () => {
    const hit = view('stolen', '2026-11-28T03:00:00.000Z').alert.hit;
    const text = reportText(hit, 'Cook County, Illinois');
    expect(text).toContain('ALPR type: expressway camera, Illinois State Police');
    expect(text).toContain('Camera: I-94 NB @ 35th St (id cam-1)');
    expect(text).toContain('Location: 41.83490, -87.62510, Cook County, Illinois');
    expect(text).toContain('Read time: 2026-11-28T03:00:00.000Z');
    expect(text).toContain('Direction of travel: E (90°)');
    expect(text).toContain('Verification: not recorded');
    expect(text).not.toContain('Action taken');
  });

  it('states the latest verification of this trooper (system, result, reference) and the action with its case number', () => {
    const at = '2026-11-28T03:05:00.000Z';
    const v = view('stolen', '2026-11-28T03:00:00.000Z', {
      trail: [
        { type: 'acknowledged' },
        { type: 'verified', serverAt: at, verification: { system: 'LEADS', result: 'unable', plateMatchesImage: false, stateMatches: false } },
        { type: 'verified', serverAt: at, verification: { system: 'LEADS+NCIC', result: 'confirmed', queryReference: 'Q-77812', plateMatchesImage: true, stateMatches: true } },
        { type: 'action_taken', serverAt: '2026-11-28T03:09:00.000Z', action: { kind: 'stop', caseNumber: '2026-004417', note: 'driver detained' } },
      ],
    });
    const text = reportText(v.alert.hit, undefined, v.trail);
    expect(text).toContain(`Verification: LEADS+NCIC CONFIRMED, reference Q-77812 (${at})`);
    expect(text).toContain('Attested: plate matches image yes; state matches yes');
    expect(text).not.toContain('UNABLE');
    expect(text).toContain('Action taken: traffic stop, case number 2026-004417 (2026-11-28T03:09:00.000Z); driver detained');
  });

  it('says when a verification has no reference and the plate was not attested', () => {
    const v = view('felony', '2026-11-28T03:00:00.000Z', {
      trail: [{ type: 'verified', verification: { system: 'NCIC', result: 'not_confirmed', plateMatchesImage: false, stateMatches: true } }],
    });
    const text = reportText(v.alert.hit, undefined, v.trail);
    expect(text).toContain('Verification: NCIC NOT CONFIRMED, no reference recorded');
    expect(text).toContain('Attested: plate matches image NO; state matches yes');
  });
});
