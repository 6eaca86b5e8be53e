/** The settings screen, for every role: sound, theme, categories and map. */
import { SettingsPanel } from './SettingsPanel.js';
import { useConsole } from './ConsoleContext.js';

export function SettingsScreen(): React.JSX.Element {
  const c = useConsole();
  return <SettingsPanel settings={c.settings} mandatory={c.tas.policy?.mandatoryCategories ?? []} onChange={(p) => void c.tas.setSettings(p)} onTest={c.playOnce} />;
}
