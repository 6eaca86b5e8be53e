// @vitest-environment jsdom
/**
 * useTas mirrors the main process from reads and events. A read answers with what was true when it
 * was asked; an event that arrives while the read is still in flight is newer and must win.
 */
import React, { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTas } from '../../../src/renderer/state/useTas.js';
import type { AlertView, EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse, Presence, SessionState, TasApi } from '../../../src/shared/ipc.js';

const T0 = '2026-11-28T03:00:00.000Z';
const connecting: Presence = { state: 'connecting', since: T0, alarm: false };
const connected: Presence = { state: 'connected', since: T0, alarm: false };
const signedOut = { signedIn: false } as unknown as SessionState;

/** window.tas whose reads answer only when the test says so, in any order. */
class ControlledTas implements TasApi {
  readonly asked: { channel: string; answer: (value: unknown) => void }[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  invoke<C extends InvokeChannel>(channel: C, _request?: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    return new Promise((resolve) => this.asked.push({ channel, answer: (v) => resolve(v as InvokeResponse<C>) }));
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(channel, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit(channel: EventChannel, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l(payload);
  }

  /** Answers the oldest unanswered read of `channel`. */
  answer(channel: string, value: unknown): void {
    const i = this.asked.findIndex((a) => a.channel === channel);
    if (i < 0) throw new Error(`nothing asked ${channel}`);
    this.asked.splice(i, 1)[0]!.answer(value);
  }
}

function Probe(): React.JSX.Element {
  const s = useTas();
  return <p data-presence={s.presence?.state ?? 'none'} data-alerts={s.alerts.map((a) => `${a.alert.id}:${a.trail.length}`).join(',')} data-older={String(s.older)} />;
}

const signedIn = { signedIn: true, locked: false } as unknown as SessionState;
const view = (id: string, seq: number, trail = 0): AlertView =>
  ({ seq, alert: { id, ingestedAt: T0 }, receivedAt: T0, trail: Array.from({ length: trail }, () => ({})), pending: [] }) as unknown as AlertView;

describe('useTas', () => {
  let root: Root;
  let host: HTMLElement;
  let api: ControlledTas;
  const shown = (): string | null => host.querySelector('p')!.getAttribute('data-presence');

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    api = new ControlledTas();
    (window as unknown as { tas: TasApi }).tas = api;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('keeps a presence event that arrived while an older read of it was in flight', async () => {
    await act(async () => root.render(<Probe />));
    // The first read: the link is still connecting when it is asked...
    await act(async () => api.answer('link:presence', connecting));
    // ...and connects before the rest of the read has answered.
    await act(async () => api.emit('link:presence', connected));
    expect(shown()).toBe('connected');
    await act(async () => {
      api.answer('session:state', signedOut);
      api.answer('settings:get', {});
    });
    expect(shown()).toBe('connected');
  });

  it('takes the read when no event came in between', async () => {
    await act(async () => root.render(<Probe />));
    await act(async () => {
      api.answer('link:presence', connecting);
      api.answer('session:state', signedOut);
      api.answer('settings:get', {});
    });
    expect(shown()).toBe('connecting');
  });

  describe('alerts from the events that carry them', () => {
    const alerts = (): string | null => host.querySelector('p')!.getAttribute('data-alerts');

    /** Renders signed in, with every first read answered but the list's, which stays in flight. */
    async function signInUntilList(): Promise<void> {
      await act(async () => root.render(<Probe />));
      await act(async () => {
        api.answer('session:state', signedIn);
        api.answer('link:presence', connected);
        api.answer('settings:get', {});
      });
      await act(async () => {
        api.answer('policy:get', {});
        api.answer('zones:list', []);
      });
    }

    async function signIn(list: AlertView[], older: number | null = null): Promise<void> {
      await signInUntilList();
      await act(async () => api.answer('alerts:list', { locked: false, items: list, older }));
    }

    it('puts a new alert on top and a changed one in place, without reading the list again', async () => {
      await signIn([view('a-2', 2), view('a-1', 1)]);
      expect(alerts()).toBe('a-2:0,a-1:0');
      await act(async () => api.emit('alerts:alert', view('a-3', 3)));
      await act(async () => api.emit('alerts:changed', { alertId: 'a-1', view: view('a-1', 1, 2) }));
      expect(alerts()).toBe('a-3:0,a-2:0,a-1:2');
      await act(async () => api.emit('alerts:trimmed', { keep: 2, older: 1 }));
      expect(alerts()).toBe('a-3:0,a-2:0');
      expect(host.querySelector('p')!.getAttribute('data-older')).toBe('1');
      expect(api.asked.filter((a) => a.channel === 'alerts:list')).toHaveLength(0);
    });

    it('keeps an alert that arrived while the first read of the list was in flight', async () => {
      await signInUntilList();
      // The list was read before a-2 arrived; a-1 changed after the read too.
      await act(async () => {
        api.emit('alerts:alert', view('a-2', 2));
        api.emit('alerts:changed', { alertId: 'a-1', view: view('a-1', 1, 1) });
      });
      await act(async () => api.answer('alerts:list', { locked: false, items: [view('a-1', 1)], older: null }));
      expect(alerts()).toBe('a-2:0,a-1:1');
    });
  });
});
