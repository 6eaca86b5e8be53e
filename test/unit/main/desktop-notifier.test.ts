import { describe, expect, it } from 'vitest';
import { DesktopNotifier } from '../../../src/main/services/desktop-notifier.js';
import { FakeNotificationCentre } from '../../fakes/electron-surfaces.js';

describe('DesktopNotifier (the desktop notification of an alert)', () => {
  it('says category and camera, never the plate, and opens that alert on click', () => {
    const centre = new FakeNotificationCentre();
    const opened: string[] = [];
    const notifier = new DesktopNotifier(centre, (id) => opened.push(id));
    notifier.showAlert({ alertId: 'a1', category: 'stolen', camera: 'I-94 NB @ 35th St', locked: false });
    notifier.showAlert({ alertId: 'a2', category: 'felony', camera: 'I-55 SB @ Cermak', locked: false });
    expect(centre.shown.map((n) => n.text)).toEqual([
      {
        title: 'OpenTAS: STOLEN VEHICLE',
        body: 'I-94 NB @ 35th St. Unverified: verify in LEADS/NCIC before acting.',
      },
      {
        title: 'OpenTAS: FELONY VEHICLE',
        body: 'I-55 SB @ Cermak. Unverified: verify in LEADS/NCIC before acting.',
      },
    ]);
    centre.shown[0]!.click();
    expect(opened).toEqual(['a1']);
  });

  it('while locked: the category only', () => {
    const centre = new FakeNotificationCentre();
    new DesktopNotifier(centre, () => undefined).showAlert({
      alertId: 'a1',
      category: 'amber',
      locked: true,
    });
    expect(centre.shown[0]!.text.body).toBe('Unlock OpenTAS to view this alert.');
  });

  it('holds each notification until clicked or closed, and at most 50', () => {
    const centre = new FakeNotificationCentre();
    const notifier = new DesktopNotifier(centre, () => undefined);
    for (let i = 0; i < 3; i++) notifier.showAlert({ alertId: `a${i}`, category: 'stolen', locked: true });
    expect(notifier.holding()).toBe(3);
    centre.shown[0]!.click();
    centre.shown[1]!.close();
    expect(notifier.holding()).toBe(1);
    for (let i = 0; i < 60; i++) notifier.showAlert({ alertId: `b${i}`, category: 'stolen', locked: true });
    expect(notifier.holding()).toBe(50);
  });

  it('shows nothing where the OS has no notifications', () => {
    const centre = new FakeNotificationCentre(false);
    const notifier = new DesktopNotifier(centre, () => undefined);
    notifier.showAlert({ alertId: 'a1', category: 'stolen', locked: false, camera: 'x' });
    expect(centre.shown).toHaveLength(0);
    expect(notifier.holding()).toBe(0);
  });
});
