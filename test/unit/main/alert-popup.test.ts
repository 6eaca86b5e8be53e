import { describe, expect, it } from 'vitest';
import { AlertPopup, popupBounds } from '../../../src/main/services/alert-popup.js';
import { FakePopupWindows } from '../../fakes/electron-surfaces.js';

describe('AlertPopup (when the always-on-top popup shows, and whether it takes the focus)', () => {
  it('shows a new alert on top and flashing without taking the keyboard focus', () => {
    const windows = new FakePopupWindows();
    new AlertPopup(windows).show('a1');
    const w = windows.window!;
    expect({ visible: w.visible, focused: w.focused, onTop: w.onTop, flashing: w.flashing }).toEqual({
      visible: true,
      focused: false,
      onTop: true,
      flashing: true,
    });
    expect(w.calls).toEqual(['showInactive', 'moveTop']);
  });

  it('reuses the open window, restores a minimised one, and builds a new one after the user closed it', () => {
    const windows = new FakePopupWindows();
    const popup = new AlertPopup(windows);
    popup.show('a1');
    popup.show('a2');
    expect(windows.created).toHaveLength(1);
    windows.window!.minimized = true;
    popup.show('a3');
    expect(windows.window!.minimized).toBe(false);
    expect(windows.window!.calls.at(-3)).toBe('restore');
    windows.close();
    popup.show('a4');
    expect(windows.created).toHaveLength(2);
    expect(windows.window!.visible).toBe(true);
  });

  it('takes the focus when the user asked for the alert (a notification click)', () => {
    const windows = new FakePopupWindows();
    const popup = new AlertPopup(windows);
    popup.show('a1');
    popup.show('a1', { focus: true });
    expect(windows.window!.focused).toBe(true);
    expect(windows.window!.calls.slice(-2)).toEqual(['showFocused', 'moveTop']);
  });

  it('hides at sign-out without closing, and does nothing when there is no popup', () => {
    const windows = new FakePopupWindows();
    const popup = new AlertPopup(windows);
    popup.hide();
    expect(windows.created).toHaveLength(0);
    expect(popup.showing()).toBe(false);
    popup.show('a1');
    expect(popup.showing()).toBe(true);
    popup.hide();
    expect(popup.showing()).toBe(false);
    expect(windows.window!.visible).toBe(false);
    popup.hide();
    expect(windows.window!.calls.filter((c) => c === 'hide')).toHaveLength(1);
    popup.show('a2');
    expect(windows.created).toHaveLength(1);
    expect(windows.window!.visible).toBe(true);
  });

  it('sits at the top right of the work area and fits a small screen', () => {
    expect(popupBounds({ x: 0, y: 0, width: 1920, height: 1040 })).toEqual({
      x: 1344,
      y: 16,
      width: 560,
      height: 720,
    });
    expect(popupBounds({ x: 1920, y: 0, width: 1366, height: 728 })).toEqual({
      x: 1920 + 1366 - 560 - 16,
      y: 16,
      width: 560,
      height: 696,
    });
    expect(popupBounds({ x: 0, y: 0, width: 500, height: 600 })).toEqual({
      x: 16,
      y: 16,
      width: 468,
      height: 568,
    });
  });
});
