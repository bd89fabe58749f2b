/**
 * "Must change password" is enforced by the server (issue #14 finding 9, RELIABILITY 34): until
 * the user has changed it, every write but the change itself and logout is refused, whatever the
 * route; reads keep working so the console can show the change page. Walks the whole registry.
 */
import { can } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWith } from './accounts.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

describe('a password that must be changed', () => {
  it('attack: a new user writes through the API before changing the initial password: refused until done', async () => {
    const username = `moi.${Date.now().toString(36)}`;
    const initial = 'Khoi-tao-ban-dau-2026';
    const created = await admin.post('/api/users', {
      username,
      fullName: 'Người dùng mới',
      roles: ['coordinator'],
      password: initial,
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = await login(t.app, username, initial);
    expect(user.me.user.mustChangePassword).toBe(true);

    const audit = await countRows(t.database, 'audit_log');
    const write = await user.post('/api/villages', { name: 'Thôn Trước Khi Đổi' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('password_change_required');
    expect(write.json().error.message).toMatch(/đổi mật khẩu/);
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
    // reads work: the console shows the change page with the user's name
    expect((await user.get('/api/me')).statusCode).toBe(200);
    expect((await user.get('/api/villages')).statusCode).toBe(200);

    const changed = await user.post('/api/me/password', {
      currentPassword: initial,
      newPassword: 'Mat-khau-rieng-cua-toi-2026',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await user.post('/api/villages', { name: 'Thôn Sau Khi Đổi' })).statusCode).toBe(201);
  });

  it('after an administrator resets a password, the user is refused again until he changes it', async () => {
    const target = await accountWith(t.app, t.database, {
      roles: ['coordinator'],
      communeCode: 'HP-BINHGIANG',
    });
    const reset = await admin.post(`/api/users/${target.id}/password`, {
      newPassword: 'mot-mat-khau-kho-doan',
    });
    expect(reset.statusCode).toBe(204);
    const again = await login(t.app, target.username, 'mot-mat-khau-kho-doan');
    const res = await again.post('/api/villages', { name: 'Thôn Sau Đặt Lại' });
    expect(res.json().error.code).toBe('password_change_required');
  });

  it('every write route of the registry refuses such a user, but the change and logout; nothing is written', async () => {
    const roles = ['admin', 'leader', 'coordinator', 'focal', 'supervisor', 'village'];
    const user = await accountWith(t.app, t.database, {
      roles,
      communeCode: 'HP-BINHGIANG',
      mustChangePassword: true,
    });
    const audit = await countRows(t.database, 'audit_log');
    const writes = t.app.cqttRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public');
    const open = writes.filter((r) => r.beforePasswordChange).map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual(['POST /api/auth/logout', 'POST /api/me/password']);
    for (const route of writes.filter((r) => !r.beforePasswordChange)) {
      const url = route.url.replace(/:id\b/, NO_SUCH_ID).replace(':indicatorCode', 'I.1.1');
      const res = await user.client.request(route.method, url, route.example as never);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
      // refused for the password, or already for a role no commune account holds (the city's)
      const permission = typeof route.access === 'object' ? route.access.permission : null;
      if (permission === null || can(roles, permission)) {
        expect(res.json().error.code, `${route.method} ${route.url}`).toBe('password_change_required');
      }
    }
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
  });
});
