/**
 * Settings > Spoken alerts: which alerts are read aloud, the voice (the OS's offline voices, as the
 * browser lists them) and the rate, with a "test" that says a sample alert in the chosen voice.
 */
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_SPEECH, type SpeechSettings } from '../../shared/speech-settings.js';
import { alertPhrase } from './phrase.js';
import { chooseSpeaker } from './speaker.js';

const MODES: [SpeechSettings['speak'], string][] = [
  ['mandatory', 'Mandatory categories (felony, stolen, AMBER, SILVER)'],
  ['all', 'Every alert I receive'],
  ['off', 'Off'],
];

export function SpeechSetting({ value, onChange }: { value?: SpeechSettings; onChange: (speech: SpeechSettings) => void }): React.JSX.Element {
  const speaker = useMemo(() => chooseSpeaker(), []);
  const setting = value ?? DEFAULT_SPEECH;
  const [voices, setVoices] = useState<string[]>(() => speaker.voices());
  // Browsers fill the voice list after load; the list is read again when they say it changed.
  useEffect(() => {
    const synth = (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
    if (!synth) return;
    const reread = (): void => setVoices(speaker.voices());
    synth.addEventListener('voiceschanged', reread);
    return () => synth.removeEventListener('voiceschanged', reread);
  }, [speaker]);
  const set = (patch: Partial<SpeechSettings>): void => onChange({ ...setting, ...patch });
  const test = (): void =>
    speaker.speak(alertPhrase({ category: 'stolen', plate: 'KP4471', state: 'IL', camera: 'I-94 NB @ 35th St' }, false), { rate: setting.rate, ...(setting.voice ? { voice: setting.voice } : {}) });

  return (
    <section aria-labelledby="speech-title" data-testid="speech-setting">
      <h2 id="speech-title">Spoken alerts</h2>
      <p className="hint">After the sound, the desk says the category, the plate spelled (Alfa, Bravo…) with its state, and the camera's road. While the console is locked, only the category.</p>
      <div role="radiogroup" aria-label="Speak" className="row">
        {MODES.map(([mode, label]) => (
          <label key={mode} className="choice">
            <input type="radio" name="speak" checked={setting.speak === mode} onChange={() => set({ speak: mode })} />
            {label}
          </label>
        ))}
      </div>
      <div className="row">
        <label>
          Voice
          <select value={setting.voice ?? ''} onChange={(e) => set({ voice: e.target.value || undefined })} disabled={setting.speak === 'off'} data-testid="speech-voice">
            <option value="">The system's default voice</option>
            {voices.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rate
          <span className="with-unit">
            <input type="range" min={0.5} max={2} step={0.1} value={setting.rate} onChange={(e) => set({ rate: Number(e.target.value) })} disabled={setting.speak === 'off'} aria-valuetext={`${setting.rate.toFixed(1)} times normal`} data-testid="speech-rate" />
            <span>{setting.rate.toFixed(1)}×</span>
          </span>
        </label>
        <button type="button" className="secondary" onClick={test} disabled={setting.speak === 'off'} data-testid="speech-test">
          Test: say a sample alert
        </button>
      </div>
      {voices.length === 0 && <p className="hint warn">This computer lists no voices: nothing will be spoken until the system has a text-to-speech voice installed.</p>}
    </section>
  );
}
