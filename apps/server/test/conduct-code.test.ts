/**
 * “4 xin, 4 luôn, 5 không” as the commune's data (issue 12, decision 0030): one wording, the
 * default until Phòng VH-XH rewords it (audited), then the same words on the citizens' block, the
 * rating form and the satisfaction dashboard. Bad input is a Vietnamese 400 that writes nothing;
 * another commune neither sees nor changes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  communeIdOf,
  countRows,
  createTestApp,
  login,
  type TestApp,
} from './harness.ts';

let t: TestApp;
let vhxh: Client;

const DEFAULT = {
  xin: ['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép'],
  luon: ['Luôn mỉm cười', 'Luôn nhẹ nhàng', 'Luôn lắng nghe', 'Luôn giúp đỡ'],
  khong: [
    'Không phân biệt đối xử, thờ ơ, vô cảm',
    'Không gây khó khăn, phiền hà, vòi vĩnh',
    'Không làm việc riêng khi người dân chờ',
    'Không hách dịch, cửa quyền, gợi ý dịch vụ không cần thiết',
    'Không hẹn miệng, không chậm tiếp nhận, trả kết quả',
  ],
};
const OWN = {
  ...DEFAULT,
  luon: ['Luôn mỉm cười', 'Luôn nhẹ nhàng', 'Luôn thấu hiểu', 'Luôn giúp đỡ'],
  khong: [...DEFAULT.khong.slice(0, 4), 'Không hứa hẹn miệng, không trả kết quả thiếu phiếu hẹn'],
};
const labels = (items: { label: string }[]) => items.map((i) => i.label);

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
});
afterAll(() => t.close());

describe('the commune’s wording of “4 xin, 4 luôn, 5 không”', () => {
  it('is the default until the commune rewords it, the same on every page', async () => {
    const own = (await vhxh.get('/api/conduct-code')).json();
    expect(own).toMatchObject({ title: '4 xin, 4 luôn, 5 không', isDefault: true, updatedAt: null });
    expect({ xin: labels(own.xin), luon: labels(own.luon), khong: labels(own.khong) }).toEqual(DEFAULT);
    const pub = (await anonymous(t.app).get('/api/public/communes/hp-binhgiang/conduct-code')).json();
    expect(pub.xin).toEqual(own.xin);
    const block = (await anonymous(t.app).get('/api/public/communes/hp-binhgiang/outreach')).json();
    expect(block.slogans.khong).toEqual(own.khong);
    const dashboard = (await vhxh.get('/api/satisfaction/dashboard')).json();
    expect(dashboard.conductCode.done).toEqual([...own.xin, ...own.luon]);
    expect(dashboard.conductCode.breaches).toEqual(own.khong);
  });

  it('Phòng VH-XH rewords it (audited); every page says the new words, each item keeps its key', async () => {
    const before = await countRows(t.database, 'audit_log');
    const res = await vhxh.request('PUT', '/api/conduct-code', OWN);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: false });
    expect(res.json().luon[2]).toEqual({ key: 'luon_lang_nghe', label: 'Luôn thấu hiểu' });
    expect(await countRows(t.database, 'audit_log')).toBe(before + 1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outreach.conduct.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ luon: DEFAULT.luon });
    expect(audit.after).toMatchObject({ luon: OWN.luon });

    const pub = (await anonymous(t.app).get('/api/public/communes/hp-binhgiang/conduct-code')).json();
    expect(labels(pub.luon)).toEqual(OWN.luon);
    const block = (await anonymous(t.app).get('/api/public/communes/hp-binhgiang/outreach')).json();
    expect(labels(block.slogans.khong)).toEqual(OWN.khong);
    const dashboard = (await vhxh.get('/api/satisfaction/dashboard')).json();
    expect(dashboard.conductCode.done[6]).toEqual({ key: 'luon_lang_nghe', label: 'Luôn thấu hiểu' });
    // a rating ticks the item by its key, as before
    const rated = await anonymous(t.app).post('/api/public/ratings', {
      communeCode: 'HP-BINHGIANG',
      clientId: '6a1f3c2e-9b7d-4c5e-8f10-2a3b4c5d6e7f',
      score: 5,
      channel: 'web',
      conduct: { done: ['luon_lang_nghe'], breaches: [] },
    });
    expect(rated.statusCode, rated.body).toBe(201);

    // another commune keeps its own (the default)
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get('/api/conduct-code')).json()).toMatchObject({ isDefault: true });
    expect(
      labels((await anonymous(t.app).get('/api/public/communes/hp-hongbang/conduct-code')).json().luon),
    ).toEqual(DEFAULT.luon);
  });

  it('refuses a wrong wording with a Vietnamese 400 and writes nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const cases: Array<[unknown, RegExp]> = [
      [{ ...OWN, xin: ['Xin chào', 'Xin lỗi', 'Xin cảm ơn'] }, /«4 xin» phải có đúng 4 nội dung/],
      [{ ...OWN, khong: [...OWN.khong, 'Không uống rượu bia'] }, /«5 không» phải có đúng 5 nội dung/],
      [{ ...OWN, xin: ['Xin chào', 'xin chào', 'Xin cảm ơn', 'Xin phép'] }, /bị lặp/],
      [{ ...OWN, xin: ['Xin chào', ' ', 'Xin cảm ơn', 'Xin phép'] }, /ít nhất 2 ký tự/],
      [{ ...OWN, luon: 'Luôn mỉm cười' }, /./],
      [{ xin: OWN.xin, luon: OWN.luon }, /./],
    ];
    for (const [body, message] of cases) {
      const res = await vhxh.request('PUT', '/api/conduct-code', body as Record<string, unknown>);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect(labels((await vhxh.get('/api/conduct-code')).json().luon)).toEqual(OWN.luon);
  });

  it('only the coordinator (or admin) rewords it; a commune changes only its own', async () => {
    for (const username of ['ttpvhcc.binhgiang', 'chutich.binhgiang', 'thon1.binhgiang', 'mttq.binhgiang']) {
      const user = await login(t.app, username);
      expect((await user.request('PUT', '/api/conduct-code', DEFAULT)).statusCode, username).toBe(403);
      expect((await user.get('/api/conduct-code')).statusCode).toBe(200);
    }
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
    const foreign = await hongBang.request('PUT', '/api/conduct-code', { ...DEFAULT, communeId: binhGiang });
    expect(foreign.statusCode).toBe(404);
    expect((await hongBang.get(`/api/conduct-code?communeId=${binhGiang}`)).statusCode).toBe(404);
    expect(labels((await vhxh.get('/api/conduct-code')).json().luon)).toEqual(OWN.luon);
  });

  it('returns to the default (audited)', async () => {
    const res = await vhxh.delete('/api/conduct-code');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: true });
    expect(labels(res.json().luon)).toEqual(DEFAULT.luon);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'outreach.conduct.reset')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
