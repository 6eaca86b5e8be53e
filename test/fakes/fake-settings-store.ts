/** A SettingsStore fake in memory, starting from the defaults. */
import type { Settings } from '../../src/shared/ipc.js';
import type { SettingsStore } from '../../src/main/services/ports.js';
import { DEFAULT_SETTINGS } from '../../src/main/adapters/file-settings-store.js';

export class FakeSettingsStore implements SettingsStore {
  saved: Settings[] = [];
  constructor(private current: Settings = { ...DEFAULT_SETTINGS }) {}

  async load(): Promise<Settings> {
    return { ...this.current };
  }

  async save(settings: Settings): Promise<void> {
    this.current = settings;
    this.saved.push(settings);
  }
}
