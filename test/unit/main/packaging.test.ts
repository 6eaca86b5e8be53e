import { readFileSync } from 'node:fs';
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

describe('packaging', () => {
  it('sets every Electron fuse explicitly, as decided', () => {
    expect(fusesInYaml()).toEqual(EXPECTED_FUSES);
  });

  it('builds the installers the agency deploys and unpacks native modules', () => {
    const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    for (const target of ['nsis', 'AppImage', 'deb']) expect(yml).toContain(`- ${target}`);
    expect(yml).toContain('"**/node_modules/keytar/**"');
  });
});
