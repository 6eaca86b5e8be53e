import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FuseOptionsV1 } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';

// Typed: a fuse that electron-builder adds to FuseOptionsV1 fails type-checking here until decided.
const EXPECTED_FUSES: Required<FuseOptionsV1> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
  resetAdHocDarwinSignature: false,
};

/** The `electronFuses:` block of electron-builder.yml (flat `key: bool` lines). */
function fusesInYaml(): Record<string, boolean> {
  const lines = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('electronFuses:'));
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+): (true|false)\s*$/.exec(line);
    if (!m) break;
    fuses[m[1]!] = m[2] === 'true';
  }
  return fuses;
}

const ROOT = new URL('../../../', import.meta.url);
const require = createRequire(ROOT);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as T;

/** The major a version or an npm range (`^45.5.0`, `~45.1`, `45`) starts with. */
function majorOf(versionOrRange: string): number {
  const m = /^[\^~=v]*(\d+)(\.|$)/.exec(versionOrRange.trim());
  if (!m) throw new Error(`not a single-major version or range: ${versionOrRange}`);
  return Number(m[1]);
}

/** electron-builder's `electronVersion:` (top level of electron-builder.yml), if ever set. */
function builderElectronVersion(): string | undefined {
  const yml = readFileSync(new URL('electron-builder.yml', ROOT), 'utf8');
  return /^electronVersion:\s*["']?([^"'\s]+)/m.exec(yml)?.[1];
}

describe('the pinned Electron (build/electron-version.json)', () => {
  const pinned = readJson<{ electron: number; chromium: number }>('build/electron-version.json');

  it("agrees with package.json's range and the installed electron package", () => {
    const range = readJson<{ devDependencies: Record<string, string> }>('package.json').devDependencies
      .electron!;
    const installed = readJson<{ version: string }>('node_modules/electron/package.json').version;
    expect({ packageJson: majorOf(range), installed: majorOf(installed) }).toEqual({
      packageJson: pinned.electron,
      installed: pinned.electron,
    });
    const builder = builderElectronVersion();
    if (builder !== undefined) expect(majorOf(builder)).toBe(pinned.electron);
  });

  it('names the Chromium major the installed Electron embeds (the renderer build target)', () => {
    const installed = readJson<{ version: string }>('node_modules/electron/package.json').version;
    // electron-to-chromium is browserslist's own table (installed with it); it maps every release.
    const table = require('electron-to-chromium/full-versions') as Record<string, string>;
    const chromium = table[installed];
    expect(
      chromium,
      `electron-to-chromium does not know Electron ${installed}; update it or check the release notes`,
    ).toBeDefined();
    expect(majorOf(chromium!)).toBe(pinned.chromium);
    expect(readFileSync(new URL('electron.vite.config.ts', ROOT), 'utf8')).toContain(
      "readFileSync(resolve(root, 'build/electron-version.json')",
    );
  });

  it('catches a disagreement (the check itself)', () => {
    expect(majorOf('^44.11.5')).toBe(44);
    expect(majorOf('45.5.0')).toBe(45);
    expect(() => majorOf('>=38 <46')).toThrow(/single-major/);
  });
});

describe('packaging', () => {
  it('sets every Electron fuse explicitly, as decided', () => {
    expect(fusesInYaml()).toEqual(EXPECTED_FUSES);
  });

  it('names no real update server: the feed comes from the agency policy at run time', () => {
    const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    const publish = /^publish:\n((?: {2}.*\n)+)/m.exec(yml)?.[1] ?? '';
    expect(publish).toContain('provider: generic');
    expect(/url: https:\/\/([^/\s]+)/.exec(publish)?.[1]).toMatch(/\.invalid$/);
    expect(readJson<{ scripts: Record<string, string> }>('package.json').scripts.dist).toContain('--publish never');
  });

  it('builds the installers the agency deploys and unpacks native modules', () => {
    const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    for (const target of ['nsis', 'AppImage', 'deb']) expect(yml).toContain(`- ${target}`);
    expect(yml).toContain('"**/node_modules/keytar/**"');
  });
});
