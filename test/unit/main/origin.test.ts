import { describe, expect, it } from 'vitest';
import { originOf } from '../../../src/main/platform/origin.js';

describe('originOf', () => {
  it('gives app://opentas for the app pages (where Node URL says "null")', () => {
    expect(new URL('app://opentas/index.html').origin).toBe('null');
    expect(originOf('app://opentas/index.html#popup')).toBe('app://opentas');
    expect(originOf('app://evil/index.html')).toBe('app://evil');
  });

  it('keeps http origins with their port, and says "null" for what has no host', () => {
    expect(originOf('http://127.0.0.1:5173/x?y')).toBe('http://127.0.0.1:5173');
    expect(originOf('file:///etc/passwd')).toBe('null');
    expect(originOf('about:blank')).toBe('null');
    expect(originOf('not a url')).toBe('null');
  });
});
