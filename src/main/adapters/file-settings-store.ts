/**
 * Settings in a JSON file, validated with the contract's zod schema and written atomically. A
 * file that does not parse or validate loads as the defaults (its valid fields kept when the file
 * is at least an object) and is moved aside with a logged error: a bad file never stops the desk.
 */
import { readFile, rename } from 'node:fs/promises';
import { Settings } from '../../shared/ipc.js';
import { asideName, writeFileAtomic } from '../services/durable-file.js';
import type { Clock, Logger, SettingsStore } from '../services/ports.js';

export const DEFAULT_SETTINGS: Settings = {
  hubUrl: 'http://127.0.0.1:7300',
  volume: 0.8,
  quiet: false,
  theme: 'dark',
  categories: ['wanted_person', 'missing_person', 'registration', 'protection_order', 'local', 'other'],
};

export class FileSettingsStore implements SettingsStore {
  constructor(
    private readonly path: string,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly defaults: Settings = DEFAULT_SETTINGS,
  ) {}

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return { ...this.defaults };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = Settings.safeParse(raw);
    if (parsed.success) return parsed.data;
    const salvaged = this.salvage(raw);
    const aside = asideName(this.path, 'invalid', this.clock.now());
    await rename(this.path, aside).catch(() => undefined);
    this.logger.error('settings: the settings file was invalid; using defaults for what could not be read', {
      file: aside,
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return salvaged;
  }

  async save(settings: Settings): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(Settings.parse(settings), null, 2) + '\n', 0o600);
  }

  /** Keeps each field that is valid on its own, the default for the rest. */
  private salvage(raw: unknown): Settings {
    const result: Record<string, unknown> = { ...this.defaults };
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [field, schema] of Object.entries(Settings.shape)) {
        const value = (raw as Record<string, unknown>)[field];
        if (value !== undefined && schema.safeParse(value).success) result[field] = value;
      }
    }
    return Settings.parse(result);
  }
}
