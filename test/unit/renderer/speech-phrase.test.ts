import { describe, expect, it } from 'vitest';
import { alertPhrase, roadWords, spellPlate, stateName } from '../../../src/renderer/speech/phrase.js';
import { chooseSpeaker, RecordingSpeaker, SilentSpeaker } from '../../../src/renderer/speech/speaker.js';

describe('spoken alert phrase', () => {
  it('spells letters in the NATO alphabet and digits in words, whatever the case', () => {
    expect(spellPlate('KP4471')).toBe('Kilo Papa four four seven one');
    expect(spellPlate('abc0')).toBe('Alfa Bravo Charlie zero');
    expect(spellPlate('XJ9')).toBe('X-ray Juliett nine');
  });

  it('skips odd characters (spaces, hyphens, punctuation, accents) rather than reading them out', () => {
    expect(spellPlate('AB 12-3')).toBe('Alfa Bravo one two three');
    expect(spellPlate('É*#7')).toBe('seven');
    expect(spellPlate('')).toBe('');
  });

  it('names the state, says an unknown one, spells a code it does not know', () => {
    expect(stateName('IL')).toBe('Illinois');
    expect(stateName('wi')).toBe('Wisconsin');
    expect(stateName('UNK')).toBe('state unknown');
    expect(stateName('ZZ')).toBe('Zulu Zulu');
  });

  it('says the camera road as a dispatcher would', () => {
    expect(roadWords('I-94 NB @ 35th St')).toBe('I-94 northbound at 35th St');
    expect(roadWords('US-41 & Lake Shore Dr / SB')).toBe('US-41 and Lake Shore Dr southbound');
  });

  it('is category, plate with state, road; only the category while locked', () => {
    const alert = { category: 'stolen', plate: 'KP4471', state: 'WI', camera: 'I-94 NB @ 35th St' } as const;
    expect(alertPhrase(alert, false)).toBe('Stolen vehicle. Plate Kilo Papa four four seven one, Wisconsin. Camera I-94 northbound at 35th St.');
    expect(alertPhrase(alert, true)).toBe('Stolen vehicle. Unlock to view.');
    expect(alertPhrase({ category: 'registration', plate: 'A1' }, false)).toBe('Suspended or revoked registration. Plate Alfa one.');
    expect(alertPhrase({ category: 'amber' }, false)).toBe('AMBER alert. Unlock to view.');
  });
});

describe('chooseSpeaker', () => {
  it('takes the injected recorder first, then Web Speech, else stays silent', () => {
    const said: string[] = [];
    const recorder = chooseSpeaker({ __tasSpeechRecorder: (p) => void said.push(p) });
    expect(recorder).toBeInstanceOf(RecordingSpeaker);
    recorder.speak('Felony vehicle.', { rate: 1 });
    expect(said).toEqual(['Felony vehicle.']);
    expect(chooseSpeaker({})).toBeInstanceOf(SilentSpeaker);
  });
});
