import { describe, expect, it } from 'vitest';
import { DeskTray } from '../../../src/main/services/desk-tray.js';
import { FakeTray } from '../../fakes/electron-surfaces.js';

describe('DeskTray (what the tray icon says)', () => {
  it('starts signed out, then shows receiving when the link is up and nothing waits', () => {
    const tray = new FakeTray();
    const desk = new DeskTray(tray, 'linux');
    expect([tray.icon, tray.toolTip]).toEqual(['signed_out', 'OpenTAS: signed out']);
    desk.setState({ link: 'ok', unverified: 0 });
    expect([tray.icon, tray.toolTip]).toEqual(['receiving', 'OpenTAS: receiving alerts']);
  });

  it('shows alerts waiting with their count, and the count as the title on macOS only', () => {
    const linux = new FakeTray();
    new DeskTray(linux, 'linux').setState({ link: 'ok', unverified: 3 });
    expect([linux.icon, linux.toolTip, linux.title]).toEqual([
      'waiting',
      'OpenTAS: 3 alerts waiting for verification',
      '',
    ]);
    const mac = new FakeTray();
    const desk = new DeskTray(mac, 'darwin');
    desk.setState({ link: 'ok', unverified: 1 });
    expect([mac.icon, mac.toolTip, mac.title]).toEqual([
      'waiting',
      'OpenTAS: 1 alert waiting for verification',
      '1',
    ]);
    expect(desk.waiting()).toBe(1);
    desk.setState({ link: 'ok', unverified: 0 });
    expect([mac.icon, mac.title]).toEqual(['receiving', '']);
    expect(desk.waiting()).toBe(0);
  });

  it('says NOT RECEIVING when offline or in alarm, with what still waits', () => {
    const tray = new FakeTray();
    const desk = new DeskTray(tray, 'win32');
    desk.setState({ link: 'offline', unverified: 2 });
    expect([tray.icon, tray.toolTip]).toEqual([
      'offline',
      'OpenTAS: NOT RECEIVING ALERTS · 2 alerts waiting for verification',
    ]);
    desk.setState({ link: 'alarm', unverified: 0 });
    expect([tray.icon, tray.toolTip]).toEqual(['alarm', 'OpenTAS: NOT RECEIVING ALERTS']);
    desk.setState({ link: 'connecting', unverified: 0 });
    expect(tray.icon).toBe('connecting');
  });

  it('keeps an overdue alert red through later state changes until the console is opened from the tray', () => {
    const tray = new FakeTray();
    const desk = new DeskTray(tray, 'linux');
    desk.setState({ link: 'ok', unverified: 0 });
    desk.escalated({ alertId: 'a1', category: 'stolen', plate: 'ABC1234', units: ['Troop 3'] });
    expect(tray.icon).toBe('overdue');
    expect(tray.toolTip).toBe(
      'OpenTAS: OVERDUE: STOLEN VEHICLE ABC1234 has gone 10 minutes without verification (Troop 3).',
    );
    desk.setState({ link: 'ok', unverified: 1 });
    expect(tray.icon).toBe('overdue');
    desk.setState({ link: 'offline', unverified: 1 });
    expect(tray.toolTip).toMatch(/OVERDUE: .* · NOT RECEIVING ALERTS$/);
    desk.seen();
    expect([tray.icon, tray.toolTip]).toEqual([
      'offline',
      'OpenTAS: NOT RECEIVING ALERTS · 1 alert waiting for verification',
    ]);
  });

  it('puts no plate in a Windows balloon (it stays in the notification centre), and none elsewhere', () => {
    const windows = new FakeTray();
    new DeskTray(windows, 'win32').escalated({
      alertId: 'a1',
      category: 'felony',
      plate: 'XYZ987',
      units: [],
    });
    expect(windows.balloons).toEqual([
      {
        title: 'OpenTAS: alert overdue',
        content: 'FELONY VEHICLE has gone 10 minutes without verification.',
      },
    ]);
    const linux = new FakeTray();
    const desk = new DeskTray(linux, 'linux');
    desk.setState({ link: 'ok', unverified: 0 });
    desk.escalated({ alertId: 'a1', units: [] });
    expect(linux.balloons).toEqual([]);
    expect(linux.toolTip).toBe('OpenTAS: OVERDUE: An alert has gone 10 minutes without verification.');
  });

  it("forgets the overdue alert at sign-out (it is not the next user's)", () => {
    const tray = new FakeTray();
    const desk = new DeskTray(tray, 'linux');
    desk.escalated({ alertId: 'a1', category: 'stolen', units: [] });
    desk.setState({ link: 'signed_out', unverified: 0 });
    expect([tray.icon, tray.toolTip]).toEqual(['signed_out', 'OpenTAS: signed out']);
  });
});
