import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFile } from '../../../src/main/platform/app-files.js';

const ROOT = '/opt/opentas/out/renderer';

describe('appFile (app:// serves the built renderer and nothing else)', () => {
  it('maps our pages and assets into the renderer folder', () => {
    expect(appFile(ROOT, 'app://opentas/', 'opentas')).toBe(join(ROOT, 'index.html'));
    expect(appFile(ROOT, 'app://opentas/index.html#popup', 'opentas')).toBe(join(ROOT, 'index.html'));
    expect(appFile(ROOT, 'app://opentas/assets/app-1a2b.js?x=1', 'opentas')).toBe(
      join(ROOT, 'assets/app-1a2b.js'),
    );
    expect(appFile(ROOT, 'app://opentas/sounds/felony%20tone.wav', 'opentas')).toBe(
      join(ROOT, 'sounds/felony tone.wav'),
    );
  });

  it('never names a file outside the renderer folder, however the path is escaped', () => {
    for (const url of [
      'app://opentas/%2e%2e/%2e%2e/etc/passwd',
      'app://opentas/..%2f..%2fmain%2findex.js',
      'app://opentas/%2Fetc%2Fpasswd/../../../../etc/passwd',
      'app://opentas/..%5c..%5cwindows%5csystem32',
      'app://opentas//etc/passwd',
    ]) {
      const file = appFile(ROOT, url, 'opentas');
      if (file !== null) expect(file.startsWith(ROOT + '/'), `${url} -> ${file}`).toBe(true);
    }
    expect(appFile(ROOT, 'app://opentas/..%2f..%2fmain%2findex.js', 'opentas')).toBeNull();
  });

  it('refuses another host, a NUL and a malformed escape, without throwing', () => {
    for (const url of [
      'app://evil/index.html',
      'app://opentas/index.html%00.png',
      'app://opentas/%E0%A4%A',
      'not a url',
    ]) {
      expect(appFile(ROOT, url, 'opentas'), url).toBeNull();
    }
  });
});
