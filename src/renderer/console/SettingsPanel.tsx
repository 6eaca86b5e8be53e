/**
 * Sound, theme, categories and map settings, with a "test alert" button per sound so a desk can
 * check its speakers at the start of a shift. Mandatory categories are shown ticked and locked.
 */
import type { Settings } from '../../shared/ipc.js';
import { CATEGORIES, CATEGORY_LABELS, isMandatory, type Category } from '../../shared/protocol/categories.js';
import type { SoundName } from '../model/alarm.js';
import { StreetMapSetting } from '../map/StreetMapSetting.js';
import { SupportBundleButton } from './SupportBundleButton.js';
import { DeleteLocalData } from './DeleteLocalData.js';
import { SpeechSetting } from '../speech/SpeechSetting.js';

const TESTS: [SoundName, string][] = [
  ['urgent', 'AMBER / SILVER'],
  ['vehicle', 'Felony / stolen'],
  ['person', 'Persons'],
  ['info', 'Other'],
  ['link-lost', 'NOT RECEIVING ALERTS'],
];

export function SettingsPanel({ settings, mandatory, onChange, onTest }: { settings: Settings; mandatory: readonly Category[]; onChange: (s: Partial<Settings>) => void; onTest: (s: SoundName) => void }): React.JSX.Element {
  const toggle = (c: Category, on: boolean): void => {
    const set = new Set(settings.categories);
    if (on) set.add(c);
    else set.delete(c);
    onChange({ categories: CATEGORIES.filter((x) => set.has(x)) });
  };
  return (
    <main className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <section aria-labelledby="sound-title">
        <h2 id="sound-title">Sound</h2>
        <label className="row">
          Volume
          <input type="range" min={0} max={1} step={0.05} value={settings.volume} onChange={(e) => onChange({ volume: Number(e.target.value) })} aria-valuetext={`${Math.round(settings.volume * 100)} percent`} />
          <span>{Math.round(settings.volume * 100)}%</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={settings.quiet} onChange={(e) => onChange({ quiet: e.target.checked })} />
          Quiet: lower non-mandatory categories (felony, stolen, AMBER and SILVER always sound loud)
        </label>
        <div className="test-sounds" role="group" aria-label="Test alert sounds">
          {TESTS.map(([name, label]) => (
            <button key={name} type="button" className="secondary" onClick={() => onTest(name)} data-testid={`test-sound-${name}`}>
              Test: {label}
            </button>
          ))}
        </div>
      </section>
      <SpeechSetting value={settings.speech} onChange={(speech) => onChange({ speech })} />
      <section aria-labelledby="theme-title">
        <h2 id="theme-title">Display</h2>
        <div role="radiogroup" aria-label="Theme" className="row">
          {(['dark', 'light'] as const).map((t) => (
            <label key={t} className="choice">
              <input type="radio" name="theme" checked={settings.theme === t} onChange={() => onChange({ theme: t })} />
              {t === 'dark' ? 'Dark (night shift)' : 'Light'}
            </label>
          ))}
        </div>
      </section>
      <section aria-labelledby="cat-title">
        <h2 id="cat-title">Categories I receive</h2>
        <ul className="cat-list">
          {CATEGORIES.map((c) => {
            const locked = isMandatory(c, mandatory);
            return (
              <li key={c}>
                <label className="choice">
                  <input type="checkbox" checked={locked || settings.categories.includes(c)} disabled={locked} onChange={(e) => toggle(c, e.target.checked)} />
                  {CATEGORY_LABELS[c]}
                  {locked && <span className="muted"> (mandatory)</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="map-title">
        <h2 id="map-title">Map</h2>
        <StreetMapSetting />
        <label>
          Tile style URL (agency tile server; replaces the street map)
          <input
            type="url"
            defaultValue={settings.mapStyleUrl ?? ''}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== settings.mapStyleUrl) onChange({ mapStyleUrl: v });
            }}
          />
        </label>
      </section>
      <SupportBundleButton />
      <DeleteLocalData />
    </main>
  );
}
