import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let coordinator: Client;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await login(t.app, 'vhxh.binhgiang');
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

describe('units and villages', () => {
  it('the commune has the units the plan names (the socio-political organisations too) and its villages', async () => {
    const units = (await coordinator.get('/api/units')).json();
    expect(units.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining([
        'Phòng Văn hóa - Xã hội',
        'Trung tâm Phục vụ hành chính công',
        'Văn phòng HĐND và UBND',
        'Phòng Kinh tế',
        'Trung tâm Dịch vụ sự nghiệp công',
        'Ủy ban Mặt trận Tổ quốc Việt Nam xã',
        'Ban Xây dựng Đảng',
        'Hội Liên hiệp Phụ nữ xã',
        'Đoàn Thanh niên Cộng sản Hồ Chí Minh xã',
        'Hội Nông dân xã',
        'Hội Cựu chiến binh xã',
      ]),
    );
    const villages = (await coordinator.get('/api/villages')).json();
    expect(villages.length).toBeGreaterThanOrEqual(6);
    expect(villages[0]).toMatchObject({ name: expect.stringMatching(/^Thôn /), isActive: true });
  });

  it('the coordinator adds a unit and a village; each change is audited with before and after', async () => {
    const created = await coordinator.post('/api/units', { code: 'tyt', name: 'Trạm Y tế xã' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'TYT', name: 'Trạm Y tế xã', isActive: true });
    const id = created.json().id;
    const updated = await coordinator.patch(`/api/units/${id}`, { isActive: false });
    expect(updated.json().isActive).toBe(false);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['units.create', 'units.update']);
    expect(audit[1]!.before).toMatchObject({ is_active: true });
    expect(audit[1]!.after).toMatchObject({ is_active: false });
    expect(audit[1]!.actor_name).toBe('vhxh.binhgiang');
  });

  it('a duplicate code or village name is a 409 with a Vietnamese message, and nothing is written', async () => {
    const before = await countRows(t.database, 'audit_log');
    const dup = await coordinator.post('/api/units', { code: 'VHXH', name: 'Trùng mã' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/đã được dùng/);
    const dupVillage = await coordinator.post('/api/villages', { name: 'thôn ngọc quán' });
    expect(dupVillage.statusCode).toBe(409);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('bad values are refused field by field', async () => {
    const res = await coordinator.post('/api/villages', { name: '   ', households: -5 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'households']));
  });

  it('a focal official, a supervisor and a village head cannot change units (403)', async () => {
    for (const username of ['ttpvhcc.binhgiang', 'mttq.binhgiang', 'thon1.binhgiang', 'chutich.binhgiang']) {
      const client = await login(t.app, username);
      const res = await client.post('/api/units', { code: 'X1', name: 'Không được' });
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error.message).toMatch(/không có quyền/);
    }
  });

  it('a city official reads a commune of the city by naming it, and cannot change it', async () => {
    const city = await login(t.app, 'snv.haiphong');
    const missing = await city.get('/api/units');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/chọn xã/);
    const communeId = admin.me.commune.id;
    expect((await city.get(`/api/villages?communeId=${communeId}`)).json().length).toBeGreaterThan(0);
    expect((await city.post('/api/villages', { communeId, name: 'Thôn của Sở' })).statusCode).toBe(403);
    const detail = (await city.get(`/api/communes/${communeId}`)).json();
    expect(detail).toMatchObject({
      name: 'Xã Bình Giang',
      kind: 'xa',
      city: { name: 'Thành phố Hải Phòng' },
    });
  });
});

describe('users', () => {
  it('the administrator creates a user who must change the password at first login', async () => {
    const units = (await admin.get('/api/units')).json();
    const vhxh = units.find((u: { code: string }) => u.code === 'VHXH');
    const res = await admin.post('/api/users', {
      username: 'Cb.VanHoa',
      fullName: 'Đỗ Văn Hóa',
      email: 'hoa@binhgiang.gov.vn',
      unitId: vhxh.id,
      roles: ['focal'],
      password: 'Cán bộ văn hóa 2026',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'cb.vanhoa', unitName: null, roles: ['focal'] });
    const me = await login(t.app, 'cb.vanhoa', 'Cán bộ văn hóa 2026');
    expect(me.me.user.mustChangePassword).toBe(true);
    expect(me.me.unit.code).toBe('VHXH');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'users.create')
      .where('entity_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toMatch(/argon2|password/);
  });

  it('a village head is linked to his village, which decides whose results he may enter', async () => {
    const villages = (await admin.get('/api/villages')).json() as { id: string; name: string }[];
    const [first, second] = villages;
    const created = await admin.post('/api/users', {
      username: 'truongthon.moi',
      fullName: 'Phạm Văn Thôn',
      roles: ['village'],
      villageId: first!.id,
      password: 'Trưởng thôn mới 2026',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ villageId: first!.id, villageName: first!.name });
    const id = created.json().id as string;
    const listed = (await admin.get('/api/users?q=truongthon.moi')).json().items[0];
    expect(listed).toMatchObject({ villageId: first!.id, villageName: first!.name });

    // moved to another village: the change is audited with the village before and after
    const moved = await admin.patch(`/api/users/${id}`, { villageId: second!.id });
    expect(moved.json()).toMatchObject({ villageId: second!.id, villageName: second!.name });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'users.update')
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ village_id: first!.id });
    expect(audit.after).toMatchObject({ village_id: second!.id });

    // refused: a village of another commune, a village for someone who is not a village head
    const foreign = await t.database.db
      .selectFrom('villages')
      .innerJoin('communes', 'communes.id', 'villages.commune_id')
      .select('villages.id')
      .where('communes.code', '=', 'HP-HONGBANG')
      .executeTakeFirstOrThrow();
    const before = await countRows(t.database, 'audit_log');
    const elsewhere = await admin.patch(`/api/users/${id}`, { villageId: foreign.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).toBe('Thôn không thuộc xã, phường, đặc khu của người dùng.');
    const notHead = await admin.post('/api/users', {
      username: 'khong.phai.truong.thon',
      fullName: 'Lê Văn Khác',
      roles: ['focal'],
      villageId: first!.id,
      password: 'Một mật khẩu đủ dài 2026',
    });
    expect(notHead.statusCode).toBe(400);
    expect(notHead.json().error.message).toBe('Chỉ tài khoản có vai trò Trưởng thôn mới gắn với một thôn.');
    expect(await countRows(t.database, 'audit_log')).toBe(before);

    // no longer a village head: the link goes with the role
    const changed = await admin.patch(`/api/users/${id}`, { roles: ['focal'] });
    expect(changed.json()).toMatchObject({ villageId: null, villageName: null });
    expect(
      await t.database.db
        .selectFrom('village_heads')
        .select('village_id')
        .where('user_id', '=', id)
        .execute(),
    ).toEqual([]);
  });

  it('finds users by name without typing diacritics', async () => {
    const res = (await admin.get('/api/users?q=nguyen thi thu ha')).json();
    expect(res.items.map((u: { username: string }) => u.username)).toEqual(['vhxh.binhgiang']);
    expect((await admin.get('/api/users?q=%25')).json().total).toBe(0);
    const paged = (await admin.get('/api/users?pageSize=2&page=2')).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(4);
  });

  it('refuses roles that do not fit, units of another commune, weak passwords and taken usernames', async () => {
    const hongBangUnit = await t.database.db
      .selectFrom('units')
      .innerJoin('communes', 'communes.id', 'units.commune_id')
      .select('units.id')
      .where('communes.code', '=', 'HP-HONGBANG')
      .executeTakeFirstOrThrow();
    const base = {
      username: 'nv.moi',
      fullName: 'Nhân viên mới',
      roles: ['focal'],
      password: 'Mật khẩu đủ dài',
    };
    const cityRole = await admin.post('/api/users', { ...base, roles: ['city'] });
    expect(cityRole.statusCode).toBe(400);
    expect(cityRole.json().error.message).toMatch(/cấp thành phố/);
    const foreignUnit = await admin.post('/api/users', { ...base, unitId: hongBangUnit.id });
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().error.details[0].path).toBe('unitId');
    const weak = await admin.post('/api/users', { ...base, password: '12345678' });
    expect(weak.json().error.details[0]).toEqual({
      path: 'password',
      message: expect.stringMatching(/phổ biến/),
    });
    const taken = await admin.post('/api/users', { ...base, username: 'vhxh.binhgiang' });
    expect(taken.statusCode).toBe(409);
  });

  it('changes roles, resets a password (ending the sessions) and deactivates', async () => {
    const target = (await admin.get('/api/users?q=vpub')).json().items[0];
    const session = await login(t.app, 'vpub.binhgiang');
    const roles = await admin.patch(`/api/users/${target.id}`, { roles: ['focal', 'leader'] });
    expect(roles.json().roles).toEqual(['focal', 'leader']);
    expect(
      (await admin.post(`/api/users/${target.id}/password`, { newPassword: 'Mật khẩu tạm thời' })).statusCode,
    ).toBe(204);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    const again = await login(t.app, 'vpub.binhgiang', 'Mật khẩu tạm thời');
    expect(again.me.user.mustChangePassword).toBe(true);
    await admin.patch(`/api/users/${target.id}`, { isActive: false });
    expect((await again.get('/api/me')).statusCode).toBe(401);
    await expect(login(t.app, 'vpub.binhgiang', 'Mật khẩu tạm thời')).rejects.toThrow(/401/);
  });

  it('an administrator cannot lock themselves out', async () => {
    const res = await admin.patch(`/api/users/${admin.me.user.id}`, { isActive: false });
    expect(res.statusCode).toBe(403);
  });

  it('only administrators manage users', async () => {
    expect((await coordinator.get('/api/users')).statusCode).toBe(403);
    expect((await coordinator.get('/api/audit')).statusCode).toBe(403);
    expect((await coordinator.get('/api/tokens')).statusCode).toBe(403);
  });
});
