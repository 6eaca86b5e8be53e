/** SC-8 on the client: a token never crosses a network in clear text (https, or http on this computer only). */
import { describe, expect, it } from 'vitest';
import { checkHubUrl, HubApi } from '../../../src/main/services/hub-api.js';
import { HubError } from '../../../src/shared/hub-error.js';

describe('checkHubUrl', () => {
  it('takes https anywhere and http on loopback only', () => {
    expect(checkHubUrl('https://hub.isp.example:8443/').origin).toBe('https://hub.isp.example:8443');
    for (const url of ['http://127.0.0.1:8443', 'http://localhost:1', 'http://[::1]:80']) expect(checkHubUrl(url).protocol).toBe('http:');
    for (const url of ['http://hub.isp.example', 'http://10.0.0.5:8443', 'ws://127.0.0.1:1', 'ftp://hub']) {
      expect(() => checkHubUrl(url)).toThrow(HubError);
    }
    expect(() => new HubApi('http://192.168.1.20:8443')).toThrow(/https/);
  });
});
