import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_BANNER } from '../../../src/shared/login-banner.js';

describe('DEFAULT_LOGIN_BANNER', () => {
  // A system-use notice must say the system is restricted, that use is monitored and recorded,
  // and that misuse is prohibited: the hub serves it and the desk falls back to it, so a shortened
  // copy would reach users.
  it('is the full system-use notice', () => {
    expect(DEFAULT_LOGIN_BANNER).toMatch(/restricted criminal justice information system/);
    expect(DEFAULT_LOGIN_BANNER).toMatch(/authorized personnel/);
    expect(DEFAULT_LOGIN_BANNER).toMatch(/monitored and recorded/);
    expect(DEFAULT_LOGIN_BANNER).toMatch(/Unauthorized access or use.*prohibited/);
  });

  it('is one paragraph the sign-in screen can show as is', () => {
    expect(DEFAULT_LOGIN_BANNER).not.toMatch(/\n/);
    expect(DEFAULT_LOGIN_BANNER).toBe(DEFAULT_LOGIN_BANNER.trim());
  });
});
