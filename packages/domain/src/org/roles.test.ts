import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS } from './permissions.ts';
import { ROLE_LABELS, ROLES, rolesProblem } from './roles.ts';

describe('rolesProblem', () => {
  it('accepts commune roles for a commune user and the city role for a city user', () => {
    expect(rolesProblem(['coordinator'], true)).toBeNull();
    expect(rolesProblem(['admin', 'leader'], true)).toBeNull();
    expect(rolesProblem(['city'], false)).toBeNull();
    expect(rolesProblem(['admin'], false)).toBeNull();
    expect(rolesProblem(['admin', 'city'], false)).toBeNull();
  });

  it('refuses no role, unknown, repeated and out-of-scope roles, naming them in Vietnamese', () => {
    expect(rolesProblem([], true)).toMatch(/ít nhất một vai trò/);
    expect(rolesProblem(['root'], true)).toMatch(/«root» không tồn tại/);
    expect(rolesProblem(['focal', 'focal'], true)).toMatch(/Đầu mối đơn vị.*lặp/);
    expect(rolesProblem(['city'], true)).toMatch(/cấp thành phố/);
    for (const role of ['leader', 'coordinator', 'focal', 'supervisor', 'party', 'village']) {
      expect(rolesProblem([role], false), role).toMatch(/một xã, phường, đặc khu/);
    }
  });

  it('every role has a Vietnamese label', () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toMatch(/\S/);
  });
});

describe('can', () => {
  it('grants each permission only to the roles listed for it', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      for (const role of ROLES) {
        expect(can([role], permission as keyof typeof PERMISSIONS), `${role} ${permission}`).toBe(
          (roles as readonly string[]).includes(role),
        );
      }
    }
  });

  it('a user with several roles gets the union; no roles gets nothing', () => {
    expect(can(['focal', 'admin'], 'users.manage')).toBe(true);
    expect(can([], 'org.manage')).toBe(false);
    expect(can(['coordinator'], 'users.manage')).toBe(false);
  });
});
