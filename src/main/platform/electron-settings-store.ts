/**
 * Settings in electron-store (SettingsStore), validated with the contract's schema: a file that
 * does not validate loads as the defaults with a logged error, never a crash.
 */
import Store from 'electron-store';
import { Settings } from '../../shared/ipc.js';
import type { Logger, SettingsStore } from '../services/ports.js';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<{ settings?: unknown }>;

  constructor(
    private readonly defaults: Settings,
    private readonly logger: Logger,
  ) {
    // clearInvalidConfig: a file that is not JSON at all is reset instead of throwing at start-up.
    this.store = new Store<{ settings?: unknown }>({ name: 'settings', clearInvalidConfig: true });
  }

  async load(): Promise<Settings> {
    const raw = this.store.get('settings');
    if (raw === undefined) return { ...this.defaults };
    const parsed = Settings.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.logger.error('settings: the stored settings were invalid; using defaults', {
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return { ...this.defaults };
  }

  async save(settings: Settings): Promise<void> {
    this.store.set('settings', Settings.parse(settings));
  }
}
