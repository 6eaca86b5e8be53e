import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TEMPLATE, LeadsQueryPolicy, queryReferenceProblem, queryTemplateProblem, queryText } from '../../../src/shared/leads/query-text.js';
import { Policy, currentPolicy } from '../../../src/shared/protocol/policy.js';

describe('LEADS query text', () => {
  it('fills the default NCIC QV by LIC and LIS with the ORI', () => {
    expect(queryText(DEFAULT_QUERY_TEMPLATE, { PLATE: 'abc1234', STATE: 'IL', ORI: 'IL0849900' })).toBe('QV.IL0849900.LIC/ABC1234.LIS/IL');
  });

  it('drops a .CODE/{FIELD} segment with no value and strips spaces and hyphens from values', () => {
    const t = 'QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.LIT/{PLATE_TYPE}.LIY/{YEAR}';
    expect(queryText(t, { PLATE: 'AB 12-34', STATE: 'IN', ORI: 'IL0849900' })).toBe('QV.IL0849900.LIC/AB1234.LIS/IN');
    expect(queryText(t, { PLATE: 'AB1234', STATE: 'IN', PLATE_TYPE: 'pc', YEAR: '2027', ORI: 'IL0849900' })).toBe('QV.IL0849900.LIC/AB1234.LIS/IN.LIT/PC.LIY/2027');
    // Outside a segment a missing value stays as the field, so the trooper sees what to type.
    expect(queryText('RQ {PLATE} {ORI}', { PLATE: 'X1' })).toBe('RQ X1 {ORI}');
    expect(queryText(DEFAULT_QUERY_TEMPLATE, { PLATE: 'X1', STATE: 'IL' })).toBe('QV.{ORI}.LIC/X1.LIS/IL');
  });

  it('refuses unknown placeholders, stray braces, no plate, several lines, with the reason in words', () => {
    expect(queryTemplateProblem(DEFAULT_QUERY_TEMPLATE)).toBeUndefined();
    expect(queryTemplateProblem('QV.{ORI}.LIC/{PLATE}.VMA/{MAKE}')).toBe('Unknown field {MAKE} in the query template: use {PLATE}, {STATE}, {PLATE_TYPE}, {YEAR}, {ORI}.');
    expect(queryTemplateProblem('QV.LIC/{plate}')).toContain('Unknown field {plate}');
    expect(queryTemplateProblem('QV.LIC/{PLATE}.LIS/{STATE')).toBe('A brace in the query template is not part of a {FIELD}.');
    expect(queryTemplateProblem('QV.LIS/{STATE}')).toBe('The query template must contain {PLATE}.');
    expect(queryTemplateProblem('  ')).toBe('The query template is empty.');
    expect(queryTemplateProblem('QV.LIC/{PLATE}\nX')).toBe('The query template must be one line.');
  });

  it('the policy takes a valid template and ORI, refuses a bad one; an older policy has none (desks use the default)', () => {
    expect(LeadsQueryPolicy.safeParse({ template: DEFAULT_QUERY_TEMPLATE, ori: 'IL0849900' }).success).toBe(true);
    const bad = LeadsQueryPolicy.safeParse({ template: 'QV.{ORI}.LIC/{PLATE}.X/{COLOR}' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('Unknown field {COLOR}');
    expect(LeadsQueryPolicy.safeParse({ template: DEFAULT_QUERY_TEMPLATE, ori: 'IL-849900' }).success).toBe(false);
    expect(currentPolicy({ idleLockMinutes: 10 }).leadsQuery).toBeUndefined();
    const set = { template: 'QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.LIT/{PLATE_TYPE}', ori: 'IL0849900' };
    expect(Policy.parse({ ...currentPolicy({}), leadsQuery: set }).leadsQuery).toEqual(set);
    expect(Policy.safeParse({ ...currentPolicy({}), leadsQuery: { template: '{PLATE}{OOPS}' } }).success).toBe(false);
  });
});

describe('query reference form check', () => {
  it('accepts terminal numbers and empty (optional)', () => {
    for (const ok of ['', 'L-77812', 'Q0012345', '2026/11/30-0042', 'MSG:4471.2']) expect(queryReferenceProblem(ok), ok).toBeUndefined();
  });
  it('refuses what is not a terminal number, in words', () => {
    expect(queryReferenceProblem('12')).toContain('at least 3 characters');
    expect(queryReferenceProblem('L 77812')).toContain('without spaces');
    expect(queryReferenceProblem('checked')).toContain('at least one digit');
    expect(queryReferenceProblem('L#77812')).toContain('only letters, digits');
    expect(queryReferenceProblem('9'.repeat(65))).toContain('at most 64');
  });
});
