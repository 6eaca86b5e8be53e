import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy.js';

const directive = (csp: string, name: string): string[] =>
  (csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '').split(' ').slice(1);

describe('contentSecurityPolicy', () => {
  it('names no wildcard origin: images and connections only to the page, data:/blob: images and the configured map server', () => {
    const csp = contentSecurityPolicy({ mapOrigins: ['https://maps.isp.example'], sockets: ['ws://127.0.0.1:5173'] });
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://maps.isp.example']);
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173', 'https://maps.isp.example']);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/https:(?!\/\/)|\*|unsafe-/);
  });

  it('without a map server: only the page itself', () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
  });
});
