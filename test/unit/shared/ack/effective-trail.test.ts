import { describe, expect, it } from 'vitest';
import { type AckTrailItem, effectiveTrail, nextSteps } from '../../../../src/shared/ack/index.js';
import type { Verification } from '../../../../src/shared/protocol/index.js';

const ME = 'u-1';
const OTHER = 'u-2';
const CONFIRMED: Verification = {
  result: 'confirmed',
  plateMatchesImage: true,
  stateMatches: true,
  system: 'LEADS',
};
const REFUSED = { code: 'trail_closed', message: 'closed at another desk' };

describe('effectiveTrail', () => {
  it("puts the desk's pending steps after the hub's trail, in outbox order, as this user's", () => {
    const trail: AckTrailItem[] = [{ type: 'acknowledged', userId: OTHER }];
    const out = effectiveTrail(
      trail,
      [{ type: 'acknowledged' }, { type: 'verified', verification: CONFIRMED }],
      ME,
    );
    expect(out.map((e) => [e.type, e.userId])).toEqual([
      ['acknowledged', OTHER],
      ['acknowledged', ME],
      ['verified', ME],
    ]);
    expect(out[2]?.verification).toEqual(CONFIRMED);
  });

  it('leaves out a step the hub refused', () => {
    const out = effectiveTrail([], [{ type: 'acknowledged', refused: REFUSED }], ME);
    expect(out).toEqual([]);
    expect(nextSteps(out, ME).acknowledge).toBe(true);
  });

  it('lets a pending acknowledgement open verification and block a second acknowledgement', () => {
    const steps = nextSteps(effectiveTrail([], [{ type: 'acknowledged' }], ME), ME);
    expect(steps.verify).toBe(true);
    expect(steps.acknowledge).toBe(false);
    expect(steps.blocked.acknowledge).toBe('already_acknowledged');
  });

  it('changes neither input', () => {
    const trail: AckTrailItem[] = [{ type: 'acknowledged', userId: ME }];
    const pending = [{ type: 'closed' as const, close: { reason: 'cleared' as const } }];
    const out = effectiveTrail(trail, pending, ME);
    expect(out).toHaveLength(2);
    expect(trail).toHaveLength(1);
    expect(pending[0]).not.toHaveProperty('userId');
  });
});
