import { describe, expect, it } from 'vitest';
import {
  ACK_ORDER_CODES,
  type AckOrderEvent,
  type AckTrailItem,
  checkAckOrder,
  nextSteps,
} from '../../../../src/shared/ack/index.js';
import type { Verification } from '../../../../src/shared/protocol/index.js';

const ME = 'u-1';
const OTHER = 'u-2';
const attested: Verification = {
  system: 'LEADS',
  result: 'confirmed',
  plateMatchesImage: true,
  stateMatches: true,
};

const ack: AckOrderEvent = { type: 'acknowledged' };
const verify = (v: Partial<Verification> = {}): AckOrderEvent => ({
  type: 'verified',
  verification: { ...attested, ...v },
});
const act = (caseNumber?: string): AckOrderEvent => ({
  type: 'action_taken',
  action: { kind: 'stop', caseNumber },
});
const close: AckOrderEvent = { type: 'closed', close: { reason: 'cleared' } };
const by = (userId: string, ...events: AckOrderEvent[]): AckTrailItem[] =>
  events.map((e) => ({ ...e, userId }));

function codeOf(trail: AckTrailItem[], event: AckOrderEvent, userId = ME): string {
  const r = checkAckOrder(trail, event, userId);
  return r.ok ? 'ok' : r.code;
}

describe('checkAckOrder', () => {
  it('lists its codes', () => {
    expect(ACK_ORDER_CODES).toEqual([
      'invalid_event',
      'trail_closed',
      'already_acknowledged',
      'not_acknowledged',
      'verification_required',
      'case_number_required',
    ]);
  });

  it('accepts the full path: acknowledge, verify, act, close', () => {
    const trail: AckTrailItem[] = [];
    for (const event of [ack, verify(), act('2026-00123'), close]) {
      expect(checkAckOrder(trail, event, ME)).toEqual({ ok: true });
      trail.push({ ...event, userId: ME });
    }
  });

  it('acknowledged only once per user', () => {
    expect(codeOf(by(ME, ack), ack)).toBe('already_acknowledged');
  });

  it('another user acknowledging does not count for me, and does not block me', () => {
    expect(codeOf(by(OTHER, ack), ack)).toBe('ok');
    expect(codeOf(by(OTHER, ack, verify()), verify())).toBe('not_acknowledged');
  });

  it('verified, action_taken and closed need acknowledged first', () => {
    expect(codeOf([], verify())).toBe('not_acknowledged');
    expect(codeOf([], act('C-1'))).toBe('not_acknowledged');
    expect(codeOf([], close)).toBe('not_acknowledged');
  });

  it('action_taken without any verification is refused', () => {
    expect(codeOf(by(ME, ack), act('C-1'))).toBe('verification_required');
  });

  it.each([
    ['not confirmed', { result: 'not_confirmed' as const }],
    ['unable to query', { result: 'unable' as const }],
    ['plate image not attested', { plateMatchesImage: false }],
    ['state not attested', { stateMatches: false }],
  ])('action_taken after a verification that is %s is refused', (_name, v) => {
    expect(codeOf(by(ME, ack, verify(v)), act('C-1'))).toBe('verification_required');
  });

  it("another user's confirmed verification does not allow my action", () => {
    const trail = [...by(OTHER, ack, verify()), ...by(ME, ack)];
    expect(codeOf(trail, act('C-1'))).toBe('verification_required');
  });

  it('only the latest verification counts: a later not_confirmed withdraws a confirmed one', () => {
    expect(codeOf(by(ME, ack, verify(), verify({ result: 'not_confirmed' })), act('C-1'))).toBe(
      'verification_required',
    );
    expect(codeOf(by(ME, ack, verify({ result: 'unable' }), verify()), act('C-1'))).toBe('ok');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(65)],
  ])('a %s case number is refused', (_name, caseNumber) => {
    expect(codeOf(by(ME, ack, verify()), act(caseNumber))).toBe('case_number_required');
  });

  it('accepts a 64-character case number', () => {
    expect(codeOf(by(ME, ack, verify()), act('x'.repeat(64)))).toBe('ok');
  });

  it('allows several verifications and several actions', () => {
    expect(codeOf(by(ME, ack, verify()), verify())).toBe('ok');
    expect(codeOf(by(ME, ack, verify(), act('C-1')), act('C-2'))).toBe('ok');
  });

  it('nothing follows closed', () => {
    const trail = by(ME, ack, close);
    for (const e of [ack, verify(), act('C-1'), close]) expect(codeOf(trail, e)).toBe('trail_closed');
  });

  it('closing without verifying is allowed (e.g. a misread seen on the image)', () => {
    expect(codeOf(by(ME, ack), { type: 'closed', close: { reason: 'misread' } })).toBe('ok');
  });

  it("another user's close does not close my trail", () => {
    expect(codeOf([...by(OTHER, ack, close), ...by(ME, ack)], verify())).toBe('ok');
  });

  it.each([
    ['verified without verification', { type: 'verified' }],
    ['action_taken without action', { type: 'action_taken' }],
    ['closed without close', { type: 'closed' }],
    ['acknowledged carrying a verification', { type: 'acknowledged', verification: attested }],
    [
      'verified carrying an action',
      { type: 'verified', verification: attested, action: { kind: 'stop', caseNumber: 'C' } },
    ],
    ['an unknown type', { type: 'deleted' }],
  ])('refuses %s as invalid_event', (_name, event) => {
    expect(codeOf(by(ME, ack), event as AckOrderEvent)).toBe('invalid_event');
  });

  it('gives a human message with every refusal', () => {
    const r = checkAckOrder([], verify(), ME);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/acknowledge/);
  });
});

describe('nextSteps', () => {
  it('a new alert: only acknowledge', () => {
    expect(nextSteps([], ME)).toEqual({
      acknowledge: true,
      verify: false,
      act: false,
      close: false,
      blocked: { verify: 'not_acknowledged', act: 'not_acknowledged', close: 'not_acknowledged' },
    });
  });

  it('acknowledged: verify or close, not act', () => {
    const s = nextSteps(by(ME, ack), ME);
    expect([s.acknowledge, s.verify, s.act, s.close]).toEqual([false, true, false, true]);
    expect(s.blocked).toEqual({ acknowledge: 'already_acknowledged', act: 'verification_required' });
  });

  it('verified and attested: act allowed', () => {
    const s = nextSteps(by(ME, ack, verify()), ME);
    expect([s.acknowledge, s.verify, s.act, s.close]).toEqual([false, true, true, true]);
  });

  it('verified but not confirmed: act still blocked', () => {
    expect(nextSteps(by(ME, ack, verify({ result: 'not_confirmed' })), ME).act).toBe(false);
  });

  it('closed: nothing', () => {
    const s = nextSteps(by(ME, ack, close), ME);
    expect([s.acknowledge, s.verify, s.act, s.close]).toEqual([false, false, false, false]);
    expect(Object.values(s.blocked)).toEqual([
      'trail_closed',
      'trail_closed',
      'trail_closed',
      'trail_closed',
    ]);
  });

  it('agrees with checkAckOrder on every trail prefix', () => {
    const trail = by(ME, ack, verify(), act('C-1'), close);
    for (let n = 0; n <= trail.length; n += 1) {
      const prefix = trail.slice(0, n);
      const s = nextSteps(prefix, ME);
      expect(s.acknowledge).toBe(checkAckOrder(prefix, ack, ME).ok);
      expect(s.verify).toBe(checkAckOrder(prefix, verify(), ME).ok);
      expect(s.act).toBe(checkAckOrder(prefix, act('C-9'), ME).ok);
      expect(s.close).toBe(checkAckOrder(prefix, close, ME).ok);
    }
  });
});
