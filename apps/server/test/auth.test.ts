import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/auth/throttle.ts';
import {
  anonymous,
  clientFor,
  countRows,
  createTestApp,
  DEMO_PASSWORD,
  login,
  type TestApp,
} from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function loginRequest(username: string, password: string, remoteAddress = '127.0.0.9', cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

describe('login and sessions', () => {
  it('a demo official logs in and sees her commune, unit and role', async () => {
    const res = await loginRequest('vhxh.binhgiang', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.fullName).toBe('Nguyễn Thị Thu Hà');
    expect(me.user.roles).toEqual(['coordinator']);
    expect(me.commune.name).toBe('Xã Bình Giang');
    expect(me.unit.name).toBe('Phòng Văn hóa - Xã hội');
    expect(me.csrfToken).toEqual(expect.any(String));
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/cqtt_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('usernames are matched without regard to case or surrounding spaces', async () => {
    expect((await loginRequest('  VHXH.BinhGiang ', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a wrong password and an unknown user get the same Vietnamese answer', async () => {
    const wrong = await loginRequest('mttq.binhgiang', 'sai-mat-khau', '127.0.0.20');
    const unknown = await loginRequest('khong.ton.tai', 'sai-mat-khau', '127.0.0.20');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('each login gets a new session id, and the one it came with is dropped', async () => {
    const first = await loginRequest('chutich.binhgiang', DEMO_PASSWORD);
    const firstCookie = `cqtt_session=${first.cookies[0]!.value}`;
    const second = await loginRequest('chutich.binhgiang', DEMO_PASSWORD, '127.0.0.9', firstCookie);
    expect(second.cookies[0]!.value).not.toBe(first.cookies[0]!.value);
    const old = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: firstCookie } });
    expect(old.statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const client = await login(t.app, 'vpub.binhgiang');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('an account is locked after repeated failures, even with the right password, and says for how long', async () => {
    for (let i = 0; i < LOGIN_LIMITS.ACCOUNT_MAX_FAILURES; i++) {
      expect((await loginRequest('thon1.binhgiang', `sai-${i}`, `127.0.1.${i}`)).statusCode).toBe(401);
    }
    const locked = await loginRequest('thon1.binhgiang', DEMO_PASSWORD, '127.0.1.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(locked.json().error.message).toMatch(/tạm khóa.*15 phút/);
  });

  it('one client address is throttled across accounts', async () => {
    const ip = '127.0.2.1';
    for (let i = 0; i < LOGIN_LIMITS.ADDRESS_MAX_FAILURES; i++) {
      await loginRequest(`khong.co.${i}`, 'sai-mat-khau', ip);
    }
    const res = await loginRequest('ttpvhcc.binhgiang', DEMO_PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('too_many_attempts');
    // another address is not affected
    expect((await loginRequest('ttpvhcc.binhgiang', DEMO_PASSWORD, '127.0.2.2')).statusCode).toBe(200);
  });

  it('the real client address is taken from X-Forwarded-For only behind a trusted proxy', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      for (let i = 0; i < LOGIN_LIMITS.ADDRESS_MAX_FAILURES; i++) {
        await proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `x${i}.y`, password: 'sai-mat-khau' },
          headers: { 'x-forwarded-for': '203.0.113.7' },
        });
      }
      const blocked = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(blocked.statusCode).toBe(429);
      const other = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-for': '203.0.113.8' },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('failed logins are written to the audit log', async () => {
    const before = await countRows(t.database, 'audit_log');
    await loginRequest('vhxh.cathai', 'sai-mat-khau', '127.0.3.1');
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(await countRows(t.database, 'audit_log')).toBe(before + 1);
    expect(rows[0]).toMatchObject({ action: 'auth.login_failed', actor_name: 'vhxh.cathai' });
  });
});

describe('CSRF and API tokens', () => {
  it('a write with the session cookie but without the CSRF header is refused', async () => {
    const client = await login(t.app, 'vhxh.binhgiang');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/villages',
      headers: { cookie: client.cookie!, 'content-type': 'application/json' },
      payload: { name: 'Thôn Không CSRF' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
    const withCsrf = await client.post('/api/villages', { name: 'Thôn Có CSRF' });
    expect(withCsrf.statusCode).toBe(201);
  });

  it("a citizens' page opened where an official is signed in acts as a visitor, not as her", async () => {
    // a counter tablet or the official's own phone: the session's cookie goes with the rating,
    // its CSRF token does not; the rating is a visitor's (and her session stays valid)
    const client = await login(t.app, 'ttpvhcc.binhgiang');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/ratings',
      headers: { cookie: client.cookie!, 'content-type': 'application/json' },
      payload: { communeCode: 'HP-BINHGIANG', clientId: crypto.randomUUID(), score: 5, channel: 'qr' },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('an API token works without CSRF, and stops working once revoked', async () => {
    const admin = await login(t.app, 'admin');
    const issued = await admin.post('/api/tokens', {
      name: 'Hệ thống một cửa',
      scopes: ['read', 'org.manage'],
    });
    expect(issued.statusCode).toBe(201);
    const { id, token } = issued.json();
    expect(token).toMatch(/^cqtt_/);
    const asToken = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await asToken('GET', '/api/me')).json().user.username).toBe('admin');
    expect((await asToken('POST', '/api/villages', { name: 'Thôn Từ Tích Hợp' })).statusCode).toBe(201);
    const listed = (await admin.get('/api/tokens')).json();
    expect(listed.find((x: { id: string }) => x.id === id).lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await admin.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    expect((await asToken('GET', '/api/me')).statusCode).toBe(401);
  });

  it('a made-up bearer token is refused', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Bearer cqtt_bịa' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('everyone can change their own password, with the policy explained in Vietnamese', async () => {
    const client = await login(t.app, 'vhxh.hongbang');
    const tooShort = await client.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'ngan',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toBe('Mật khẩu phải có ít nhất 8 ký tự.');
    const common = await client.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'matkhau123',
    });
    expect(common.json().error.message).toMatch(/quá phổ biến/);
    const wrongCurrent = await client.post('/api/me/password', {
      currentPassword: 'khong-dung',
      newPassword: 'Một câu mật khẩu dài',
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.details[0].path).toBe('currentPassword');
    const ok = await client.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Một câu mật khẩu dài',
    });
    expect(ok.statusCode).toBe(204);
    await expect(login(t.app, 'vhxh.hongbang')).rejects.toThrow(/401/);
    expect((await login(t.app, 'vhxh.hongbang', 'Một câu mật khẩu dài')).me.user.username).toBe(
      'vhxh.hongbang',
    );
  });

  it('passwords are stored as argon2id hashes', async () => {
    const row = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('an anonymous request to /api/me is 401 with the envelope', async () => {
    const res = await anonymous(t.app).get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/đăng nhập/);
  });
});

describe('every request checks its session and roles afresh', () => {
  it('a session ended in another tab is refused on the next request, read or write', async () => {
    const tab1 = await login(t.app, 'ttdvsnc.binhgiang');
    // a second tab of the same browser: the same cookie and CSRF token
    const tab2 = clientFor(t.app, tab1.cookie, tab1.csrfToken, tab1.me);
    expect((await tab2.get('/api/me')).statusCode).toBe(200);
    expect((await tab1.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await tab2.get('/api/me')).statusCode).toBe(401);
    expect((await tab2.get('/api/feedback?status=open')).statusCode).toBe(401);
    expect((await tab2.post('/api/auth/logout')).statusCode).toBe(401);
  });

  it('a role taken away or given back counts from the very next request', async () => {
    const admin = await login(t.app, 'admin');
    const official = await login(t.app, 'kinhte.binhgiang');
    const id = official.me.user.id as string;
    expect((await official.get('/api/feedback?status=open')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${id}`, { roles: ['village'] })).statusCode).toBe(200);
    expect((await official.get('/api/me')).json().user.roles).toEqual(['village']);
    expect((await official.get('/api/feedback?status=open')).statusCode).toBe(403);
    expect((await admin.patch(`/api/users/${id}`, { roles: ['focal'] })).statusCode).toBe(200);
    expect((await official.get('/api/feedback?status=open')).statusCode).toBe(200);
  });

  it('a closed account is refused on its next request, and a password changed elsewhere ends the session', async () => {
    const admin = await login(t.app, 'admin');
    const official = await login(t.app, 'ttdvsnc.binhgiang');
    const id = official.me.user.id as string;
    expect((await admin.patch(`/api/users/${id}`, { isActive: false })).statusCode).toBe(200);
    expect((await official.get('/api/me')).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { isActive: true })).statusCode).toBe(200);

    const here = await login(t.app, 'ttdvsnc.binhgiang');
    const elsewhere = await login(t.app, 'ttdvsnc.binhgiang');
    const changed = await elsewhere.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Mot-Mat-Khau-Moi-2026!',
    });
    expect(changed.statusCode).toBe(204);
    expect((await here.get('/api/me')).statusCode).toBe(401);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(200);
  });
});
