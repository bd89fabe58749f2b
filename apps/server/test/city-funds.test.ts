/**
 * A budget line the city funds (issue 12, decision 0030): the commune's tờ trình, once issued,
 * proposes it; the chairman does not approve it; a city account of the commune's own city approves
 * it with an amount or refuses it with a reason (audited); the commune sees the outcome. Bad input
 * is a Vietnamese 4xx that writes nothing; another city neither sees nor decides it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let kinhte: Client;
let leader: Client;
let city: Client;
let estimateId: string;
let lineId: string;
let secondLine: string;

type Line = {
  id: string;
  source: string;
  approvedAmount: number | null;
  city: Record<string, unknown> | null;
};

beforeAll(async () => {
  t = await createTestApp();
  kinhte = await login(t.app, 'kinhte.binhgiang');
  leader = await login(t.app, 'chutich.binhgiang');
  city = await login(t.app, 'snv.haiphong');
  const created = await kinhte.post('/api/budgets', { year: 2027, title: 'Dự toán kinh phí năm 2027' });
  expect(created.statusCode, created.body).toBe(201);
  estimateId = created.json().id;
  await kinhte.post(`/api/budgets/${estimateId}/lines`, {
    content: 'Hội nghị',
    amount: 10_000_000,
    source: 'commune',
  });
  const withCity = await kinhte.post(`/api/budgets/${estimateId}/lines`, {
    content: 'Máy lấy số thứ tự',
    amount: 60_000_000,
    source: 'city',
  });
  const second = await kinhte.post(`/api/budgets/${estimateId}/lines`, {
    content: 'Ki-ốt đánh giá',
    amount: 30_000_000,
    source: 'city',
  });
  lineId = withCity
    .json()
    .lines.find((l: Line & { content: string }) => l.content === 'Máy lấy số thứ tự').id;
  secondLine = second.json().lines.find((l: Line & { content: string }) => l.content === 'Ki-ốt đánh giá').id;
});
afterAll(() => t.close());

const lineOf = async (id: string): Promise<Line> =>
  (await kinhte.get(`/api/budgets/${estimateId}`)).json().lines.find((l: Line) => l.id === id);

describe('a line the city funds', () => {
  it('is not proposed until the tờ trình is issued; the city cannot decide it yet', async () => {
    expect((await lineOf(lineId)).city).toMatchObject({ status: 'not_proposed', proposal: null });
    expect((await lineOf(lineId)).approvedAmount).toBeNull();
    const res = await city.post(`/api/budget-lines/${lineId}/city-decision`, {
      decision: 'approve',
      approvedAmount: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/chưa ban hành tờ trình/);
    expect((await city.get('/api/city/budget-lines?year=2027')).json()).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('the chairman approves the commune’s lines only; the city’s are not his', async () => {
    expect((await kinhte.post(`/api/budgets/${estimateId}/submit`)).statusCode).toBe(200);
    const lines: Line[] = (await kinhte.get(`/api/budgets/${estimateId}`)).json().lines;
    const refused = await leader.post(`/api/budgets/${estimateId}/approve`, {
      lines: lines.map((l) => ({ lineId: l.id, approvedAmount: 1_000 })),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/do thành phố phê duyệt/);
    const own = lines.filter((l) => l.source !== 'city');
    const approved = await leader.post(`/api/budgets/${estimateId}/approve`, {
      lines: own.map((l) => ({ lineId: l.id, approvedAmount: 9_000_000 })),
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', totals: { approved: 9_000_000 } });
    expect((await lineOf(lineId)).approvedAmount).toBeNull();
  });

  it('issuing the tờ trình proposes the city’s lines, linked to it; the city sees them', async () => {
    const draft = await kinhte.post('/api/documents', { kind: 'budget-proposal', year: 2027 });
    expect(draft.statusCode, draft.body).toBe(201);
    const office = await login(t.app, 'vpub.binhgiang');
    const issued = await office.post(`/api/documents/${draft.json().id}/issue`, {
      signerName: 'Vũ Đăng Chương',
      signerTitle: 'Chủ tịch',
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect((await lineOf(lineId)).city).toMatchObject({
      status: 'proposed',
      statusLabel: 'Chờ thành phố xem xét',
      proposal: { id: draft.json().id, number: issued.json().fullNumber },
    });
    const listed = (await city.get('/api/city/budget-lines?year=2027&status=proposed')).json().items;
    expect(listed.map((l: { id: string }) => l.id).sort()).toEqual([lineId, secondLine].sort());
    expect(listed[0]).toMatchObject({ commune: { name: 'Xã Bình Giang' }, year: 2027 });
    // a proposed line stays as the tờ trình sent it
    const office2 = await login(t.app, 'vhxh.binhgiang');
    expect((await office2.delete(`/api/budget-lines/${lineId}`)).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('refuses bad decisions with a Vietnamese 4xx and writes nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const cases: Array<[unknown, number, RegExp]> = [
      [{ decision: 'approve' }, 400, /số kinh phí/],
      [{ decision: 'approve', approvedAmount: 0 }, 400, /lớn hơn 0/],
      [{ decision: 'approve', approvedAmount: 60_000_001 }, 400, /không được vượt số xã đề nghị/],
      [{ decision: 'refuse' }, 400, /lý do/],
      [{ decision: 'maybe' }, 400, /bố trí/],
      [{ decision: 'approve', approvedAmount: -5 }, 400, /âm/],
    ];
    for (const [body, status, message] of cases) {
      const res = await city.post(
        `/api/budget-lines/${lineId}/city-decision`,
        body as Record<string, unknown>,
      );
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    // the commune's own line is not the city's to decide
    const own = (await kinhte.get(`/api/budgets/${estimateId}`))
      .json()
      .lines.find((l: Line) => l.source === 'commune');
    const notCity = await city.post(`/api/budget-lines/${own.id}/city-decision`, {
      decision: 'refuse',
      reason: 'Không bố trí',
    });
    expect(notCity.statusCode).toBe(400);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect((await lineOf(lineId)).city).toMatchObject({ status: 'proposed' });
  });

  it('only a city account of the commune’s own city decides', async () => {
    for (const username of ['chutich.binhgiang', 'vhxh.binhgiang', 'kinhte.binhgiang', 'admin.binhgiang']) {
      const user = await login(t.app, username).catch(() => null);
      if (!user) continue;
      const res = await user.post(`/api/budget-lines/${lineId}/city-decision`, {
        decision: 'approve',
        approvedAmount: 1,
      });
      expect(res.statusCode, username).toBe(403);
    }
    const haNoi = await login(t.app, 'snv.hanoi');
    const foreign = await haNoi.post(`/api/budget-lines/${lineId}/city-decision`, {
      decision: 'approve',
      approvedAmount: 1,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await haNoi.get('/api/city/budget-lines?year=2027')).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await lineOf(lineId)).city).toMatchObject({ status: 'proposed' });
  });

  it('the city approves one with its amount and refuses the other with a reason; the commune sees it', async () => {
    const before = await countRows(t.database, 'audit_log');
    const approved = await city.post(`/api/budget-lines/${lineId}/city-decision`, {
      decision: 'approve',
      approvedAmount: 50_000_000,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ approvedAmount: 50_000_000, city: { status: 'approved' } });
    const refused = await city.post(`/api/budget-lines/${secondLine}/city-decision`, {
      decision: 'refuse',
      reason: 'Ngân sách thành phố năm 2027 đã phân bổ; đề nghị xã bố trí từ nguồn xã hội hóa.',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(await countRows(t.database, 'audit_log')).toBe(before + 2);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'commune_id'])
      .where('action', 'in', ['budget.city_approve', 'budget.city_refuse'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['budget.city_approve', 'budget.city_refuse']);

    const seen = await lineOf(lineId);
    expect(seen.approvedAmount).toBe(50_000_000);
    expect(seen.city).toMatchObject({
      status: 'approved',
      statusLabel: 'Thành phố đã bố trí',
      decidedBy: { fullName: expect.any(String) },
    });
    expect((await lineOf(secondLine)).city).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/đã phân bổ/),
    });
    expect((await lineOf(secondLine)).approvedAmount).toBeNull();
    // decided once
    const again = await city.post(`/api/budget-lines/${lineId}/city-decision`, {
      decision: 'refuse',
      reason: 'Đổi ý sau khi đã quyết định',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toMatch(/đã được quyết định/);
  });

  it('lists the lines a page at a time, filtered by year, status and commune', async () => {
    type Listed = { id: string; year: number; commune: { id: string }; city: { status: string } };
    const all = (await city.get('/api/city/budget-lines?year=2027')).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const first = (await city.get('/api/city/budget-lines?year=2027&pageSize=1')).json();
    const second = (await city.get('/api/city/budget-lines?year=2027&pageSize=1&page=2')).json();
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect([first.items[0].id, second.items[0].id].sort()).toEqual([lineId, secondLine].sort());
    expect((await city.get('/api/city/budget-lines?year=2027&page=3&pageSize=1')).json()).toMatchObject({
      items: [],
      total: 2,
    });
    const refused = (await city.get('/api/city/budget-lines?year=2027&status=refused')).json();
    expect(refused.items.map((l: Listed) => l.id)).toEqual([secondLine]);
    expect(refused.total).toBe(1);
    const communeId = all.items[0].commune.id;
    const ofCommune = (await city.get(`/api/city/budget-lines?communeId=${communeId}`)).json();
    expect(ofCommune.items.every((l: Listed) => l.commune.id === communeId)).toBe(true);
    expect(ofCommune.total).toBeGreaterThanOrEqual(2);
    // the whole city's lines, every year, in pages that add up to the total
    const everything = (await city.get('/api/city/budget-lines?pageSize=200')).json();
    expect(everything.items).toHaveLength(everything.total);
    // a commune of another city is not the city's: not found, not an empty list
    const haNoi = await login(t.app, 'snv.hanoi');
    expect((await haNoi.get(`/api/city/budget-lines?communeId=${communeId}`)).statusCode).toBe(404);
    expect((await haNoi.get('/api/city/budget-lines')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad query with a Vietnamese 400', async () => {
    for (const query of [
      'page=0',
      'pageSize=500',
      'status=maybe',
      'year=abc',
      'communeId=x',
      'sort=amount',
    ]) {
      const res = await city.get(`/api/city/budget-lines?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toMatch(
        /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
      );
    }
  });
});
