/**
 * What a user may do next on one alert, for the UI: it offers only these buttons, so the wrong
 * path cannot be taken. Derived by probing `checkAckOrder` with a well-formed event of each type,
 * so the UI and the hub cannot drift apart.
 */
import type { Verification } from '../protocol/ack.js';
import { type AckOrderCode, type AckOrderEvent, type AckTrailItem, checkAckOrder } from './order.js';

export type AckStep = 'acknowledge' | 'verify' | 'act' | 'close';

export interface NextSteps {
  acknowledge: boolean;
  verify: boolean;
  /** True when action is allowed once a case number is given (the form still asks for one). */
  act: boolean;
  close: boolean;
  /** For each step not allowed, the code the hub would answer (for a tooltip or a hint). */
  blocked: Partial<Record<AckStep, AckOrderCode>>;
}

const ATTESTED: Verification = {
  system: 'LEADS',
  result: 'confirmed',
  plateMatchesImage: true,
  stateMatches: true,
};

const PROBES: Record<AckStep, AckOrderEvent> = {
  acknowledge: { type: 'acknowledged' },
  verify: { type: 'verified', verification: ATTESTED },
  act: { type: 'action_taken', action: { kind: 'stop', caseNumber: 'probe' } },
  close: { type: 'closed', close: { reason: 'cleared' } },
};

export function nextSteps(trail: readonly AckTrailItem[], userId: string): NextSteps {
  const steps: NextSteps = { acknowledge: false, verify: false, act: false, close: false, blocked: {} };
  for (const step of Object.keys(PROBES) as AckStep[]) {
    const result = checkAckOrder(trail, PROBES[step], userId);
    if (result.ok) steps[step] = true;
    else steps.blocked[step] = result.code;
  }
  return steps;
}
