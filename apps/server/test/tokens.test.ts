/**
 * API tokens and roles (issue #14 finding 6, RELIABILITY 32): a token acts as the user who made
 * it or a named service account, within its scopes and until its expiry or a password change;
 * every change made through one names it in the audit; nobody grants himself a deciding role,
 * and every role change reaches the person. The walks cover every route of the registry.
 */
import { TOKEN_SCOPES } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredTokenScope } from '../src/http/route.ts';
import { accountWith } from './accounts.ts';
import { type Client, countRows, createTestApp, DEMO_PASSWORD, login, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

function withToken(token: string, method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
}

async function userId(username: string) {
  const row = await t.database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function issue(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/tokens', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; scopes: string[]; expiresAt: string };
}

describe('a token acts only as its maker', () => {
  it('attack: an administrator asks for a token of the leader: refused, and no token acts as the leader', async () => {
    const leader = await userId('chutich.binhgiang');
    const before = await countRows(t.database, 'api_tokens');
    const asUser = await admin.post('/api/tokens', { name: 'Thay lãnh đạo', userId: leader });
    expect(asUser.statusCode).toBe(400);
    const asService = await admin.post('/api/tokens', { name: 'Thay lãnh đạo', serviceAccountId: leader });
    expect(asService.statusCode).toBe(400);
    expect(asService.json().error.message).toMatch(/tài khoản dịch vụ/);
    expect(await countRows(t.database, 'api_tokens')).toBe(before);
    const leaders = await t.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', leader)
      .execute();
    expect(leaders).toEqual([]);
  });

  it("a token is its maker's, reads with 'read' and writes only the capabilities it names", async () => {
    const reader = await issue(admin, { name: 'Chỉ đọc' });
    expect(reader.scopes).toEqual(['read']);
    const me = await withToken(reader.token, 'GET', '/api/me');
    expect(me.json().user.username).toBe('admin');
    const refused = await withToken(reader.token, 'POST', '/api/villages', { name: 'Thôn Mã Chỉ Đọc' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('insufficient_scope');

    const writer = await issue(admin, { name: 'Đơn vị, thôn', scopes: ['read', 'org.manage'] });
    const created = await withToken(writer.token, 'POST', '/api/villages', { name: 'Thôn Mã Ghi' });
    expect(created.statusCode, created.body).toBe(201);
    // its expiry: 90 days unless chosen
    const days = (new Date(writer.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it('a scope is refused when the owner lacks it, when it decides, or when it manages accounts', async () => {
    for (const scope of [
      'criteria.coordinate',
      'budget.approve',
      'rewards.decide',
      'tokens.manage',
      'users.manage',
      'admin',
    ]) {
      const res = await admin.post('/api/tokens', { name: 'Quá quyền', scopes: ['read', scope] });
      expect(res.statusCode, scope).toBe(400);
      expect(res.json().error.details[0].path).toBe('scopes.1');
    }
    const tooLong = await admin.post('/api/tokens', { name: 'Mãi mãi', expiresInDays: 366 });
    expect(tooLong.statusCode).toBe(400);
  });

  it('an administrator token cannot mint more tokens, nor manage users', async () => {
    const everything = TOKEN_SCOPES.filter((s) =>
      ['read', 'org.manage', 'plans.manage', 'budget.manage'].includes(s),
    );
    const { token } = await issue(admin, { name: 'Rộng nhất', scopes: everything });
    const before = await countRows(t.database, 'api_tokens');
    const mint = await withToken(token, 'POST', '/api/tokens', { name: 'Mã con', scopes: ['read'] });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe('insufficient_scope');
    const user = await withToken(token, 'POST', '/api/users', {
      username: 'qua.ma.token',
      fullName: 'Qua mã',
      roles: ['leader'],
      password: 'mot-mat-khau-kho-doan',
    });
    expect(user.statusCode).toBe(403);
    const selfLeader = await withToken(token, 'PATCH', `/api/users/${admin.me.user.id}`, {
      roles: ['admin', 'leader'],
    });
    expect(selfLeader.statusCode).toBe(403);
    expect(await countRows(t.database, 'api_tokens')).toBe(before);
  });

  it('an expired token answers 401', async () => {
    const { id, token } = await issue(admin, { name: 'Hết hạn', expiresInDays: 1 });
    expect((await withToken(token, 'GET', '/api/me')).statusCode).toBe(200);
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await withToken(token, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('every change made through a token names the token in the audit', async () => {
    const { id, token } = await issue(admin, { name: 'Đồng bộ thôn', scopes: ['read', 'org.manage'] });
    const res = await withToken(token, 'POST', '/api/villages', { name: 'Thôn Qua Mã' });
    expect(res.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'token_id', 'action'])
      .where('entity_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_name: 'admin', token_id: id, action: 'villages.create' });
    const listed = (await admin.get(`/api/audit?entityId=${res.json().id}`)).json();
    expect(listed.items[0].token).toEqual({ id, name: 'Đồng bộ thôn' });
    // a change made in a session names none
    const bySession = await admin.post('/api/villages', { name: 'Thôn Qua Phiên' });
    const plain = (await admin.get(`/api/audit?entityId=${bySession.json().id}`)).json();
    expect(plain.items[0].token).toBeNull();
  });
});

describe('tokens die with a password change or reset', () => {
  it("the owner's password change ends his tokens (and those he made for service accounts)", async () => {
    const second = await accountWith(t.app, t.database, { roles: ['admin'], communeCode: 'HP-BINHGIANG' });
    const own = await issue(second.client, { name: 'Của tôi' });
    const service = await second.client.post('/api/service-accounts', {
      username: `dichvu.${Date.now().toString(36)}`,
      fullName: 'Phần mềm một cửa',
      roles: ['coordinator'],
    });
    expect(service.statusCode, service.body).toBe(201);
    const forService = await issue(second.client, {
      name: 'Cho phần mềm',
      serviceAccountId: service.json().id,
    });
    const changed = await second.client.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Một câu mật khẩu mới thật dài',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await withToken(own.token, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await withToken(forService.token, 'GET', '/api/me')).statusCode).toBe(401);
    const listed = (await admin.get('/api/tokens')).json() as { id: string; revokedReason: string | null }[];
    expect(listed.find((x) => x.id === own.id)?.revokedReason).toBe('password_changed');
  });

  it("an administrator's reset of the owner's password ends them too", async () => {
    const second = await accountWith(t.app, t.database, { roles: ['admin'], communeCode: 'HP-BINHGIANG' });
    const own = await issue(second.client, { name: 'Của tôi' });
    const reset = await admin.post(`/api/users/${second.id}/password`, {
      newPassword: 'mot-mat-khau-kho-doan',
    });
    expect(reset.statusCode).toBe(204);
    expect((await withToken(own.token, 'GET', '/api/me')).statusCode).toBe(401);
  });
});

describe('service accounts', () => {
  it('an administrator creates one explicitly; it cannot sign in and acts only through its tokens', async () => {
    const username = `motcua.${Date.now().toString(36)}`;
    const res = await admin.post('/api/service-accounts', {
      username,
      fullName: 'Hệ thống một cửa',
      roles: ['coordinator'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username, serviceAccount: true, roles: ['coordinator'] });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
      remoteAddress: '127.0.9.1',
    });
    expect(signIn.statusCode).toBe(401);
    expect(
      (await admin.post(`/api/users/${res.json().id}/password`, { newPassword: 'mot-mat-khau-kho-doan' }))
        .statusCode,
    ).toBe(400);

    const { id, token } = await issue(admin, {
      name: 'Một cửa',
      serviceAccountId: res.json().id,
      scopes: ['read', 'satisfaction.manage'],
    });
    const me = (await withToken(token, 'GET', '/api/me')).json();
    expect(me.user.username).toBe(username);
    // the one-stop system sends its dossiers (the route's own example)
    const route = t.app.cqttRoutes.find((r) => r.url === '/api/satisfaction/dossiers/import')!;
    const imported = await withToken(token, 'POST', route.url, route.example);
    expect(imported.statusCode, imported.body).toBeLessThan(300);
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'token_id'])
      .where('token_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.actor_name).toBe(username);
    // it holds no deciding or administrator role
    for (const role of ['admin', 'leader', 'supervisor']) {
      const wrong = await admin.post('/api/service-accounts', {
        username: `sai.${role}.${Date.now().toString(36)}`,
        fullName: 'Sai vai trò',
        roles: [role],
      });
      expect(wrong.statusCode, role).toBe(400);
    }
    const promote = await admin.patch(`/api/users/${res.json().id}`, { roles: ['leader'] });
    expect(promote.statusCode).toBe(400);
  });
});

describe('roles that decide', () => {
  it('attack: the administrator gives himself the leader role: refused, nothing changes', async () => {
    const before = await t.database.db
      .selectFrom('users')
      .select('roles')
      .where('id', '=', admin.me.user.id)
      .executeTakeFirstOrThrow();
    for (const roles of [
      ['admin', 'leader'],
      ['admin', 'supervisor'],
    ]) {
      const res = await admin.patch(`/api/users/${admin.me.user.id}`, { roles });
      expect(res.statusCode, roles.join()).toBe(403);
      expect(res.json().error.message).toMatch(/tự cấp/);
    }
    const after = await t.database.db
      .selectFrom('users')
      .select('roles')
      .where('id', '=', admin.me.user.id)
      .executeTakeFirstOrThrow();
    expect(after.roles).toEqual(before.roles);
  });

  it('a role change is audited with what was added and removed, and told to the person (in the console and by mail)', async () => {
    const focal = await userId('kinhte.binhgiang');
    const res = await admin.patch(`/api/users/${focal}`, { roles: ['focal', 'supervisor'] });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', focal)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('users.update');
    expect(audit.after).toMatchObject({ roles_added: ['supervisor'], roles_removed: [] });
    const note = await t.database.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('user_id', '=', focal)
      .where('kind', '=', 'users.roles_changed')
      .executeTakeFirstOrThrow();
    expect(note.title).toBe('Vai trò của bạn đã thay đổi');
    expect(note.body).toMatch(/Được thêm: Giám sát/);
    expect(note.body).toMatch(/Quản trị hệ thống xã Bình Giang \(admin\)/);
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body'])
      .where('to_address', '=', 'kinhte.binhgiang@demo.cqtt.local')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Vai trò của bạn đã thay đổi');
    // the person sees it in the console's notifications
    const person = await login(t.app, 'kinhte.binhgiang');
    const list = (await person.get('/api/notifications')).json();
    expect(list.items.some((n: { kind: string }) => n.kind === 'users.roles_changed')).toBe(true);
  });
});

describe('the registry walks: no route is reached beyond a token’s scopes', () => {
  it('every route names the scope a token needs, and a declared one is grantable', () => {
    for (const route of t.app.cqttRoutes) {
      if (route.access === 'public') continue;
      const scope = requiredTokenScope(route);
      expect(scope === null || TOKEN_SCOPES.includes(scope), `${route.method} ${route.url}`).toBe(true);
      if (route.tokenScope) expect(TOKEN_SCOPES, `${route.url} tokenScope`).toContain(route.tokenScope);
      const permission = typeof route.access === 'object' ? route.access.permission : null;
      if (permission === 'tokens.manage' || permission === 'users.manage') {
        if (route.method !== 'GET') expect(scope, `${route.method} ${route.url}`).toBeNull();
      }
    }
  });

  it('every scope a token may be given opens at least one write route (no scope that does nothing)', () => {
    const used = new Set(
      t.app.cqttRoutes.filter((r) => r.method !== 'GET').map((r) => requiredTokenScope(r)),
    );
    for (const scope of TOKEN_SCOPES) if (scope !== 'read') expect(used, scope).toContain(scope);
  });

  it("a 'read' token is refused by every write route of the registry, and nothing is written", async () => {
    const { token } = await issue(admin, { name: 'Đọc, đi khắp nơi' });
    const audit = await countRows(t.database, 'audit_log');
    const writes = t.app.cqttRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public');
    expect(writes.length).toBeGreaterThan(40);
    for (const route of writes) {
      const url = route.url.replace(/:id\b/, NO_SUCH_ID).replace(':indicatorCode', 'I.1.1');
      const res = await withToken(token, route.method, url, route.example);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
    }
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
  });

  it('a token with every scope its administrator may hold reaches no route closed to tokens', async () => {
    const grantable: string[] = [];
    for (const scope of TOKEN_SCOPES) {
      const res = await admin.post('/api/tokens', { name: 'thử', scopes: [scope] });
      if (res.statusCode === 201) grantable.push(scope);
    }
    const { token } = await issue(admin, { name: 'Mọi quyền được cấp', scopes: grantable });
    const audit = await countRows(t.database, 'audit_log');
    const closed = t.app.cqttRoutes.filter((r) => r.access !== 'public' && requiredTokenScope(r) === null);
    expect(closed.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/tokens', 'POST /api/users', 'POST /api/me/password']),
    );
    for (const route of closed) {
      const url = route.url.replace(/:id\b/, NO_SUCH_ID).replace(':indicatorCode', 'I.1.1');
      const res = await withToken(token, route.method, url, route.example);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
      // refused for the token, or already for the administrator's roles (a decision he cannot make)
      const permission = typeof route.access === 'object' ? route.access.permission : null;
      const ownerMay =
        permission === null ||
        (admin.me.user.roles.includes('admin') &&
          ['users.manage', 'tokens.manage', 'audit.read'].includes(permission));
      if (ownerMay) expect(res.json().error.code, route.url).toBe('insufficient_scope');
    }
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
  });
});
