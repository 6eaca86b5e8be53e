import { describe, expect, it } from 'vitest';
import { noticeText } from '../../../src/main/services/alert-notice.js';

describe('noticeText', () => {
  it('names the category and the camera, and asks for a verification', () => {
    expect(noticeText({ alertId: 'a', category: 'stolen', locked: false, camera: 'I-94 NB @ 35th St' })).toEqual({
      title: 'OpenTAS: STOLEN VEHICLE',
      body: 'I-94 NB @ 35th St. Unverified: verify in LEADS/NCIC before acting.',
    });
  });

  it('says only the category while the console is locked', () => {
    const text = noticeText({ alertId: 'a', category: 'amber', locked: true });
    expect(text.title).toMatch(/^OpenTAS: /);
    expect(text.body).toBe('Unlock OpenTAS to view this alert.');
  });
});
