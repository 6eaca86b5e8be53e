/**
 * The desk's settings (which hub, which categories, sounds, map) and the HubApi of that hub, made
 * again when the hub changes. A hub URL given by the host (the embedded demo hub, tests) overrides the
 * saved one.
 */
import type { Settings } from '../shared/ipc.js';
import { HubApi } from './services/hub-api.js';
import type { SettingsStore } from './services/ports.js';

export class ClientSettings {
  private settings: Settings | null = null;
  private api: HubApi | null = null;

  constructor(
    private readonly store: SettingsStore,
    private readonly hubUrlOverride?: string,
  ) {}

  async load(): Promise<Settings> {
    const loaded = await this.store.load();
    this.settings = this.hubUrlOverride ? { ...loaded, hubUrl: this.hubUrlOverride } : loaded;
    return this.settings;
  }

  current(): Settings {
    if (!this.settings) throw new Error('the app is not started');
    return this.settings;
  }

  async save(next: Settings): Promise<void> {
    this.settings = next;
    this.api = null;
    await this.store.save(next);
  }

  hub(): HubApi {
    this.api ??= new HubApi(this.current().hubUrl);
    return this.api;
  }

  /** The hub's URL for the sign-in screen: empty until the settings are read and no host gave one. */
  hubUrl(): string {
    return this.settings?.hubUrl ?? this.hubUrlOverride ?? '';
  }
}
