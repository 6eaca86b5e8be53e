/**
 * Issue 12, spoken alerts: the recording speech adapter (injected before the page's scripts, as a
 * headless browser has no voices) hears each new mandatory alert after its sound starts: category,
 * plate in the NATO alphabet with its state, the camera's road. A non-mandatory category is not
 * spoken by default; while the console is locked only the category is. Screenshots of the Settings
 * section (72-settings-speech-*) in both themes and sizes, axe clean.
 */
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';
import { shootEverywhere } from './accounts-support.js';
import { makeHit } from '../support/hits.js';

test.setTimeout(600_000);

/** One list, in order, of what the page played (`sound:<name>`) and said (`speech:<phrase>`). */
async function recordSoundAndSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      __heard: string[];
      __tasSpeechRecorder: (p: string) => void;
      document: { addEventListener: (t: string, f: (e: { target: { dataset?: Record<string, string> } }) => void, c: boolean) => void };
    };
    w.__heard = [];
    w.__tasSpeechRecorder = (p) => void w.__heard.push(`speech:${p}`);
    w.document.addEventListener('playing', (e) => w.__heard.push(`sound:${e.target.dataset?.sound ?? '?'}`), true);
  });
}
const heard = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { __heard: string[] }).__heard);

test('a new mandatory alert is spoken after its sound; a locked console says only the category', async ({ page, desk }) => {
  await recordSoundAndSpeech(page);
  await signIn(page, desk);

  const stolen = 'speech:Stolen vehicle. Plate Kilo Papa four four seven one, Wisconsin. Camera I-94 northbound at 35th St.';
  await desk.postHit(makeHit({ category: 'stolen', plate: 'KP4471', plateState: 'WI', hotlist: { source: 'NCIC', plate: 'KP4471', state: 'WI', reason: 'Stolen vehicle' } }));
  await expect.poll(() => heard(page)).toContain(stolen);
  const first = await heard(page);
  expect(first.indexOf('sound:vehicle'), first.join('\n')).toBeGreaterThanOrEqual(0);
  expect(first.indexOf('sound:vehicle')).toBeLessThan(first.indexOf(stolen));
  expect(first.filter((h) => h.startsWith('speech:'))).toEqual([stolen]);
  await page.getByTestId('ack-now').click();
  await expect(page.getByTestId('ack-now')).toHaveCount(0);

  // Not mandatory: sounds, is not spoken (by default). The felony after it is, and only it.
  await desk.postHit(makeHit({ category: 'wanted_person', plate: 'WNT2020' }));
  await expect.poll(async () => (await heard(page)).filter((h) => h === 'sound:person').length).toBe(1);
  await desk.postHit(makeHit({ category: 'felony', plate: 'FEL9' }));
  await expect.poll(async () => (await heard(page)).filter((h) => h.startsWith('speech:'))).toEqual([stolen, 'speech:Felony vehicle. Plate Foxtrot Echo Lima nine, Illinois. Camera I-94 northbound at 35th St.']);

  desk.host.idle.goIdle();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await desk.postHit(makeHit({ category: 'amber', plate: 'AMB3333' }));
  await expect.poll(async () => (await heard(page)).filter((h) => h.startsWith('speech:')).at(-1)).toBe('speech:AMBER alert. Unlock to view.');
  expect((await heard(page)).join('\n')).not.toMatch(/Alfa Mike Bravo|AMB3333/);
});

test('Settings: which alerts are spoken, the voice and the rate are kept', async ({ page, desk }) => {
  await recordSoundAndSpeech(page);
  await signIn(page, desk);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByTestId('speech-setting');
  await expect(section.getByLabel(/^Mandatory categories/)).toBeChecked();
  await section.getByLabel('Every alert I receive').check();
  await section.getByTestId('speech-voice').selectOption('Recording voice (tests)');
  await section.getByTestId('speech-rate').fill('1.3');
  await expect.poll(() => page.evaluate(async () => ((await (globalThis as unknown as { tas: { invoke(c: string): Promise<{ speech?: unknown }> } }).tas.invoke('settings:get')).speech))).toEqual({
    speak: 'all',
    voice: 'Recording voice (tests)',
    rate: 1.3,
  });
  await section.getByTestId('speech-test').click();
  await expect.poll(() => heard(page)).toContain('speech:Stolen vehicle. Plate Kilo Papa four four seven one, Illinois. Camera I-94 northbound at 35th St.');
  await section.scrollIntoViewIfNeeded();
  await shootEverywhere(page, '72-settings-speech');
});
