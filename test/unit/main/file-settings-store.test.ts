import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FileSettingsStore } from '../../../src/main/adapters/file-settings-store.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

describe('FileSettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => removeDir(dir));

  it('loads defaults when there is no file, and round-trips a save', async () => {
    const store = new FileSettingsStore(join(dir, 'settings.json'), new RecordingLogger(), new ManualClock());
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    await store.save({ ...DEFAULT_SETTINGS, volume: 0.3 });
    expect((await store.load()).volume).toBe(0.3);
  });

  it('turns a corrupt file into defaults, keeps its valid fields, moves it aside and logs it', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, JSON.stringify({ volume: 0.2, theme: 'purple', hubUrl: 42 }));
    const logger = new RecordingLogger();
    const settings = await new FileSettingsStore(path, logger, new ManualClock()).load();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, volume: 0.2 });
    expect(logger.has('error', /settings file was invalid/)).toBe(true);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.invalid-'))).toBe(true);
  });

  it('survives a file that is not JSON at all', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"volume": 0.');
    expect(await new FileSettingsStore(path, new RecordingLogger(), new ManualClock()).load()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses to save settings outside the schema', async () => {
    const path = join(dir, 'settings.json');
    const store = new FileSettingsStore(path, new RecordingLogger(), new ManualClock());
    await expect(store.save({ ...DEFAULT_SETTINGS, volume: 7 })).rejects.toThrow();
    await expect(readFile(path)).rejects.toThrow();
  });
});
