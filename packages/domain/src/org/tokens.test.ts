import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from './permissions.ts';
import { ROLES } from './roles.ts';
import {
  ACCOUNT_PERMISSIONS,
  DECIDING_ROLES,
  isDecision,
  isTokenScope,
  READ_PERMISSIONS,
  SERVICE_ACCOUNT_ROLES,
  selfGrantProblem,
  serviceAccountRolesProblem,
  TOKEN_SCOPES,
} from './tokens.ts';

describe('token scopes', () => {
  it('offer read and every write capability except accounts, tokens and decisions', () => {
    expect(TOKEN_SCOPES[0]).toBe('read');
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      const expected =
        !ACCOUNT_PERMISSIONS.includes(permission) &&
        !READ_PERMISSIONS.includes(permission) &&
        !isDecision(permission);
      expect(isTokenScope(permission), permission).toBe(expected);
    }
    expect(isTokenScope('tokens.manage')).toBe(false);
    expect(isTokenScope('users.manage')).toBe(false);
    expect(isTokenScope('satisfaction.manage')).toBe(true);
    expect(isTokenScope('admin')).toBe(false);
    expect(isTokenScope('')).toBe(false);
  });

  it('class as decisions the permissions only deciding roles hold', () => {
    for (const p of [
      'criteria.approve',
      'criteria.review',
      'criteria.appraise',
      'budget.approve',
      'rewards.decide',
      'rewards.comment',
      'feedback.approve',
      // MTTQ's and Ban XDĐ's findings are signed by a person, never written by a token
      'supervision.record',
    ] as const) {
      expect(isDecision(p), p).toBe(true);
    }
    // the coordinator answers difficulties too: a working permission, not a decision
    expect(isDecision('plans.answer_difficulties')).toBe(false);
    expect(isDecision('satisfaction.manage')).toBe(false);
    expect(isDecision('supervision.answer')).toBe(false);
  });
});

describe('selfGrantProblem', () => {
  it('refuses a deciding role added to oneself, naming it in Vietnamese', () => {
    expect(selfGrantProblem('a', 'a', ['admin'], ['admin', 'leader'])).toMatch(/Lãnh đạo UBND/);
    expect(selfGrantProblem('a', 'a', ['admin'], ['admin', 'supervisor', 'leader'])).toMatch(
      /Giám sát.*Lãnh đạo|Lãnh đạo.*Giám sát/,
    );
    expect(selfGrantProblem('a', 'a', ['admin'], ['admin', 'city'])).toMatch(/Sở Nội vụ/);
  });

  it('allows granting it to someone else, keeping a role one holds, and working roles', () => {
    expect(selfGrantProblem('a', 'b', ['focal'], ['leader'])).toBeNull();
    expect(selfGrantProblem('a', 'a', ['admin', 'leader'], ['admin', 'leader'])).toBeNull();
    expect(selfGrantProblem('a', 'a', ['admin', 'leader'], ['admin'])).toBeNull();
    expect(selfGrantProblem('a', 'a', ['admin'], ['admin', 'focal', 'coordinator'])).toBeNull();
  });

  it('every deciding role is a role', () => {
    for (const role of DECIDING_ROLES) expect(ROLES).toContain(role);
  });
});

describe('serviceAccountRolesProblem', () => {
  it('allows the commune working roles only', () => {
    expect(serviceAccountRolesProblem([...SERVICE_ACCOUNT_ROLES])).toBeNull();
    expect(serviceAccountRolesProblem(['focal'])).toBeNull();
    for (const role of ['admin', 'leader', 'supervisor', 'party', 'city']) {
      expect(serviceAccountRolesProblem(['focal', role]), role).toMatch(/Tài khoản dịch vụ không được/);
    }
  });
});
