/**
 * The rest the plan names (#12): Ban Xây dựng Đảng follows and scores like the supervisors, as
 * itself; MTTQ's (and Ban XDĐ's) supervision and social critique are entries with findings and
 * the commune's answers; the socio-political organisations are units; villages report
 * difficulties like units.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let mttq: Client;
let bxdd: Client;
let leader: Client;
let hongBang: Client;
let units: Record<string, string>;
let tasks: Record<number, string>;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const URL = '/api/supervision-entries';

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  mttq = await login(t.app, 'mttq.binhgiang');
  bxdd = await login(t.app, 'bxdd.binhgiang');
  leader = await login(t.app, 'chutich.binhgiang');
  hongBang = await login(t.app, 'vhxh.hongbang');
  units = Object.fromEntries(
    (await vhxh.get('/api/units')).json().map((u: { code: string; id: string }) => [u.code, u.id]),
  );
  const plan = (await vhxh.get('/api/plans')).json()[0];
  tasks = Object.fromEntries(
    (await vhxh.get(`/api/plans/${plan.id}`))
      .json()
      .tasks.map((task: { number: number; id: string }) => [task.number, task.id]),
  );
});
afterAll(() => t.close());

/** A 4xx with a Vietnamese message matching the pattern. */
function refused(res: { statusCode: number; body: string }, status: number, pattern: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const message = JSON.parse(res.body).error.message as string;
  expect(message).toMatch(VIETNAMESE);
  expect(message).toMatch(pattern);
}

/** A user the administrator makes through the API, signed in (the initial password already changed). */
async function staff(body: Record<string, unknown>): Promise<Client> {
  const admin = await login(t.app, 'admin');
  const made = await admin.post('/api/users', { password: 'Mat-khau-2026!', ...body });
  expect(made.statusCode, made.body).toBe(201);
  await t.database.db
    .updateTable('users')
    .set({ must_change_password: false })
    .where('username', '=', String(body.username))
    .execute();
  return login(t.app, String(body.username), 'Mat-khau-2026!');
}

const entry = (over: Record<string, unknown> = {}) => ({
  kind: 'supervision',
  year: 2026,
  subject: 'Giám sát việc công khai thủ tục hành chính tại nhà văn hóa các thôn',
  heldOn: '2026-09-10',
  findings: '4/6 thôn niêm yết đầy đủ; Thôn Cậy và Thôn Hoàng Xá chưa cập nhật.',
  recommendations: 'Cập nhật trước 30/9/2026.',
  ...over,
});

describe('Ban Xây dựng Đảng, its own role and account', () => {
  it('signs in as Ban XDĐ (role party, unit BXDD) and reads what the supervisors read', async () => {
    const me = (await bxdd.get('/api/me')).json();
    expect(me.user.roles).toEqual(['party']);
    expect(me.unit).toMatchObject({ code: 'BXDD' });
    expect((await bxdd.get('/api/reports/yearly?year=2026')).statusCode).toBe(200);
    const queue = await bxdd.get('/api/feedback');
    expect(queue.statusCode, queue.body).toBe(200);
    // the matter, never the sender
    const items = queue.json().items ?? queue.json();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.contact).toBeNull();
  });

  it('does not decide what is not its own: no reward comment (MTTQ’s), no answer to a difficulty', async () => {
    const reward = (await vhxh.get('/api/rewards?status=nominated')).json().items[0];
    expect((await bxdd.post(`/api/rewards/${reward.id}/comment`, { comment: 'Nhất trí' })).statusCode).toBe(
      403,
    );
    const difficulty = (await vhxh.get('/api/difficulties')).json()[0];
    if (difficulty)
      expect((await bxdd.post(`/api/difficulties/${difficulty.id}/answer`, { answer: 'x' })).statusCode).toBe(
        403,
      );
  });

  it('adjusts the consolidated scores with a reason and finishes the supervision step, like MTTQ', async () => {
    const setId = (await vhxh.get('/api/criteria-sets')).json()[0].id;
    await vhxh.post('/api/level-registrations', { year: 2027, targetLevel: 3, justification: 'Mức 3.' });
    const opened = await vhxh.post('/api/assessments', { year: 2027, criteriaSetId: setId });
    expect(opened.statusCode, opened.body).toBe(201);
    const url = `/api/assessments/${opened.json().id}`;
    expect(
      (await vhxh.request('PUT', `${url}/scores/II.1.1`, { points: 10, note: 'Tự chấm' })).statusCode,
    ).toBe(200);
    // before consolidation it is not the supervisors' turn
    expect((await bxdd.post(`${url}/actions`, { action: 'finish_review' })).statusCode).toBe(409);
    expect((await vhxh.post(`${url}/actions`, { action: 'consolidate' })).statusCode).toBe(200);
    refused(await bxdd.request('PUT', `${url}/scores/II.1.1`, { points: 8 }), 400, /lý do/i);
    const adjusted = await bxdd.request('PUT', `${url}/scores/II.1.1`, {
      points: 8,
      note: 'Ban XDĐ: 3 hồ sơ trễ hạn chưa tính',
    });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    expect(adjusted.json().indicators.find((i: { code: string }) => i.code === 'II.1.1')).toMatchObject({
      points: 8,
      review: { points: 8, reason: 'Ban XDĐ: 3 hồ sơ trễ hạn chưa tính' },
    });
    const reviewed = await bxdd.post(`${url}/actions`, { action: 'finish_review' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().status).toBe('reviewed');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_name'])
      .where('entity_id', '=', opened.json().id)
      .execute();
    expect(audit.map((a) => a.actor_name)).toContain('bxdd.binhgiang');
  });

  it('is a role only a commune’s user holds; nobody grants it to himself', async () => {
    const second = await staff({
      username: 'bxdd2.binhgiang',
      fullName: 'Trần Văn Đảng',
      roles: ['party'],
      unitId: units.BXDD,
    });
    expect(second.me.user.roles).toEqual(['party']);
    const city = await login(t.app, 'snv.haiphong');
    const refusedForCity = await city.post('/api/users', {
      username: 'bxdd.city',
      fullName: 'Không được',
      password: 'Mat-khau-2026!',
      roles: ['party'],
    });
    expect(refusedForCity.statusCode).toBeGreaterThanOrEqual(400);
    expect(refusedForCity.statusCode).toBeLessThan(500);
  });
});

describe('supervision and social critique', () => {
  it('lists the demo’s entries of 2026 by kind, body, answer; found without diacritics; as XLSX', async () => {
    const all = (await vhxh.get(`${URL}?year=2026`)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((e: { heldOn: string }) => e.heldOn)).toEqual([
      '2026-11-20',
      '2026-06-18',
      '2026-04-02',
    ]);
    expect(all.items[1]).toMatchObject({
      body: 'front',
      bodyLabel: 'Ủy ban MTTQ xã',
      kind: 'supervision',
      kindLabel: 'Giám sát',
      unit: { code: 'TTPVHCC' },
      answeredOn: '2026-06-26',
      answeredBy: { fullName: 'Vũ Đăng Chương' },
      createdBy: { fullName: 'Lê Văn Bình' },
    });
    expect((await vhxh.get(`${URL}?year=2026&kind=critique`)).json().total).toBe(1);
    expect((await vhxh.get(`${URL}?year=2026&body=party`)).json().items[0]).toMatchObject({
      bodyLabel: 'Ban Xây dựng Đảng',
      answer: '',
      answeredOn: null,
    });
    expect((await vhxh.get(`${URL}?year=2026&answered=false`)).json().total).toBe(1);
    expect((await vhxh.get(`${URL}?year=2026&answered=true`)).json().total).toBe(2);
    const found = (await vhxh.get(`${URL}?q=${encodeURIComponent('quat treo tuong')}`)).json();
    expect(found.items.map((e: { heldOn: string }) => e.heldOn)).toEqual(['2026-06-18']);
    // every user of the commune reads them; the city names the commune
    expect((await (await login(t.app, 'thon1.binhgiang')).get(`${URL}?year=2026`)).json().total).toBe(3);
    expect((await hongBang.get(`${URL}?year=2026`)).json().total).toBe(0);
    const xlsx = await vhxh.get(`${URL}/export.xlsx?year=2026`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const texts = book.worksheets[0]!.getColumn(5).values.map(String);
    expect(texts).toContain('Giám sát việc tiếp đón, hướng dẫn người dân tại bộ phận một cửa');
  });

  let id: string;
  it('MTTQ records an entry as the Front; Ban XDĐ as itself; nobody else records one', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await mttq.post(URL, { ...entry(), unitId: units.VHXH });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ body: 'front', unit: { code: 'VHXH' }, answer: '', answeredOn: null });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const party = await bxdd.post(URL, entry({ kind: 'critique', subject: 'Phản biện dự thảo báo cáo năm' }));
    expect(party.statusCode, party.body).toBe(201);
    expect(party.json()).toMatchObject({ body: 'party', kindLabel: 'Phản biện xã hội' });
    const before = await countRows(t.database, 'supervision_entries');
    for (const who of [
      'vhxh.binhgiang',
      'chutich.binhgiang',
      'admin',
      'ttpvhcc.binhgiang',
      'thon1.binhgiang',
    ]) {
      const c = await login(t.app, who);
      expect((await c.post(URL, entry())).statusCode, who).toBe(403);
    }
    expect(await countRows(t.database, 'supervision_entries')).toBe(before);
  });

  it('refuses bad input in Vietnamese and writes nothing', async () => {
    const rows = await countRows(t.database, 'supervision_entries');
    const audits = await countRows(t.database, 'audit_log');
    expect((await mttq.post(URL, entry({ findings: '   ' }))).statusCode).toBe(400);
    expect((await mttq.post(URL, entry({ kind: 'kiem-tra' }))).statusCode).toBe(400);
    expect((await mttq.post(URL, entry({ heldOn: '2026-02-30' }))).statusCode).toBe(400);
    expect((await mttq.post(URL, entry({ body: 'party' }))).statusCode).toBe(400);
    refused(await mttq.post(URL, entry({ heldOn: '2025-12-31' })), 400, /trước năm 2026/);
    refused(await mttq.post(URL, entry({ year: 2099, heldOn: '2099-01-02' })), 400, /sau hôm nay/);
    refused(await mttq.post(URL, entry({ year: 2024 })), 400, /quá xa/);
    const foreignUnit = (await hongBang.get('/api/units')).json()[0].id;
    const foreign = await mttq.post(URL, entry({ unitId: foreignUnit }));
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect(foreign.json().error.message).toMatch(VIETNAMESE);
    refused(await mttq.patch(`${URL}/${id}`, { year: 2024 }), 400, /quá xa/);
    expect(await countRows(t.database, 'supervision_entries')).toBe(rows);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('each body edits only its own entries', async () => {
    const own = await mttq.patch(`${URL}/${id}`, { recommendations: 'Cập nhật trước 15/10/2026.' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().recommendations).toBe('Cập nhật trước 15/10/2026.');
    refused(await bxdd.patch(`${URL}/${id}`, { findings: 'Sửa hộ' }), 403, /Ủy ban MTTQ xã/);
    refused(await bxdd.request('DELETE', `${URL}/${id}`), 403, /Ủy ban MTTQ xã/);
    expect((await vhxh.patch(`${URL}/${id}`, { findings: 'Sửa hộ' })).statusCode).toBe(403);
  });

  it('the commune answers, dated neither before the entry nor in the future; answering again replaces it', async () => {
    refused(
      await vhxh.post(`${URL}/${id}/answer`, { answer: 'Đã cập nhật', answeredOn: '2026-09-09' }),
      400,
      /trước ngày giám sát/,
    );
    refused(
      await vhxh.post(`${URL}/${id}/answer`, { answer: 'Đã cập nhật', answeredOn: '2099-01-01' }),
      400,
      /sau hôm nay/,
    );
    expect((await vhxh.post(`${URL}/${id}/answer`, { answer: '  ' })).statusCode).toBe(400);
    expect((await mttq.post(`${URL}/${id}/answer`, { answer: 'Tự trả lời' })).statusCode).toBe(403);
    expect((await bxdd.post(`${URL}/${id}/answer`, { answer: 'Tự trả lời' })).statusCode).toBe(403);
    expect((await vhxh.get(`${URL}/${id}`)).json().answeredOn).toBeNull();
    const audits = await countRows(t.database, 'audit_log');
    const answered = await vhxh.post(`${URL}/${id}/answer`, {
      answer: 'Thôn Cậy, Thôn Hoàng Xá đã niêm yết ngày 20/9/2026.',
      answeredOn: '2026-09-21',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      answeredOn: '2026-09-21',
      answeredBy: { fullName: 'Nguyễn Thị Thu Hà' },
    });
    // an answered entry keeps its date before the answer, and is no longer removed
    refused(await mttq.patch(`${URL}/${id}`, { heldOn: '2026-10-01' }), 400, /sau ngày xã đã trả lời/);
    const again = await leader.post(`${URL}/${id}/answer`, { answer: 'Đã kiểm tra lại: đủ 6/6 thôn.' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      answer: 'Đã kiểm tra lại: đủ 6/6 thôn.',
      answeredBy: { fullName: 'Vũ Đăng Chương' },
    });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'supervision.answer')
      .execute();
    expect(rows).toHaveLength(2);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 2);

    refused(await mttq.request('DELETE', `${URL}/${id}`), 400, /đã được xã trả lời/);
    expect((await vhxh.get(`${URL}/${id}`)).statusCode).toBe(200);
  });

  it('another commune’s entry does not exist for its users; nothing changes', async () => {
    const otherMttq = await login(t.app, 'vhxh.hongbang');
    expect((await otherMttq.get(`${URL}/${id}`)).statusCode).toBe(404);
    expect((await otherMttq.post(`${URL}/${id}/answer`, { answer: 'x' })).statusCode).toBe(404);
    const foreign = (
      await t.database.db
        .insertInto('supervision_entries')
        .values({
          commune_id: (await hongBang.get('/api/me')).json().commune.id,
          body: 'front',
          kind: 'supervision',
          year: 2026,
          subject: 'Giám sát ở Hồng Bàng',
          held_on: '2026-05-01',
          findings: 'Kết quả',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const snapshot = JSON.stringify(
      await t.database.db.selectFrom('supervision_entries').selectAll().where('id', '=', foreign).execute(),
    );
    expect((await mttq.get(`${URL}/${foreign}`)).statusCode).toBe(404);
    expect((await mttq.patch(`${URL}/${foreign}`, { findings: 'Sửa' })).statusCode).toBe(404);
    expect((await mttq.request('DELETE', `${URL}/${foreign}`)).statusCode).toBe(404);
    expect((await vhxh.post(`${URL}/${foreign}/answer`, { answer: 'x' })).statusCode).toBe(404);
    expect(
      (await bxdd.get(`${URL}?communeId=${(await hongBang.get('/api/me')).json().commune.id}`)).statusCode,
    ).toBe(404);
    expect(
      JSON.stringify(
        await t.database.db.selectFrom('supervision_entries').selectAll().where('id', '=', foreign).execute(),
      ),
    ).toBe(snapshot);
  });

  it('a wrong entry not yet answered is removed by its body, audited', async () => {
    const made = await bxdd.post(URL, entry({ subject: 'Ghi nhầm' }));
    const audits = await countRows(t.database, 'audit_log');
    expect((await bxdd.request('DELETE', `${URL}/${made.json().id}`)).statusCode).toBe(204);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect((await bxdd.get(`${URL}/${made.json().id}`)).statusCode).toBe(404);
  });
});

describe('the socio-political organisations are units', () => {
  it('the demo holds them, each with its kind', async () => {
    const list = (await vhxh.get('/api/units')).json() as { code: string; kind: string }[];
    const kind = Object.fromEntries(list.map((u) => [u.code, u.kind]));
    expect(kind).toMatchObject({
      VHXH: 'office',
      MTTQ: 'front',
      BXDD: 'party',
      HPN: 'organisation',
      DTN: 'organisation',
      HND: 'organisation',
      HCCB: 'organisation',
    });
  });

  it('the coordinator adds one with its kind; a kind not on the list is refused, nothing written', async () => {
    const rows = await countRows(t.database, 'units');
    expect(
      (await vhxh.post('/api/units', { code: 'CTD', name: 'Hội Chữ thập đỏ xã', kind: 'hoi' })).statusCode,
    ).toBe(400);
    expect(await countRows(t.database, 'units')).toBe(rows);
    const made = await vhxh.post('/api/units', {
      code: 'CTD',
      name: 'Hội Chữ thập đỏ xã',
      kind: 'organisation',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().kind).toBe('organisation');
    // a unit without a kind is an office, and its kind can be changed
    const plain = await vhxh.post('/api/units', { code: 'TYT', name: 'Trạm Y tế xã' });
    expect(plain.json().kind).toBe('office');
    expect((await vhxh.patch(`/api/units/${plain.json().id}`, { kind: 'organisation' })).json().kind).toBe(
      'organisation',
    );
  });

  it('an organisation leads a task and reports its progress and difficulties like any unit', async () => {
    const hpn = await staff({
      username: 'hpn.binhgiang',
      fullName: 'Phạm Thị Nhung',
      roles: ['focal'],
      unitId: units.HPN,
    });
    const moved = await vhxh.patch(`/api/tasks/${tasks[9]}`, { coordinatingUnitIds: [units.HPN, units.DTN] });
    expect(moved.statusCode, moved.body).toBe(200);
    const note = await hpn.post(`/api/tasks/${tasks[9]}/notes`, {
      year: 2026,
      note: 'Hội Phụ nữ tuyên truyền tại 12 chi hội',
      progress: 60,
    });
    expect(note.statusCode, note.body).toBe(201);
    const difficulty = await hpn.post('/api/difficulties', {
      taskId: tasks[9],
      year: 2026,
      content: 'Chi hội Thôn Cậy thiếu tài liệu tuyên truyền',
    });
    expect(difficulty.statusCode, difficulty.body).toBe(201);
    expect(difficulty.json()).toMatchObject({ unit: { code: 'HPN' }, village: null });
  });
});

describe('villages report difficulties like units', () => {
  let thon: Client;
  beforeAll(async () => {
    thon = await login(t.app, 'thon1.binhgiang');
  });

  it('the village head reports for his village; it waits in the queue; the leader answers it', async () => {
    const feedbackRows = await countRows(t.database, 'feedback_items');
    const audits = await countRows(t.database, 'audit_log');
    const res = await thon.post('/api/difficulties', {
      taskId: tasks[4],
      year: 2026,
      content: 'Nhà văn hóa thôn chưa có bảng niêm yết thủ tục hành chính',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      unit: null,
      village: { name: 'Thôn Ngọc Quán' },
      author: { fullName: 'Nguyễn Văn Hùng' },
      answer: null,
    });
    expect(await countRows(t.database, 'feedback_items')).toBe(feedbackRows + 1);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const queue = (await vhxh.get('/api/feedback?kind=difficulty')).json();
    const item = (queue.items ?? queue).find(
      (i: { content: string }) => i.content === 'Nhà văn hóa thôn chưa có bảng niêm yết thủ tục hành chính',
    );
    expect(item).toMatchObject({ source: 'village', village: { name: 'Thôn Ngọc Quán' }, unit: null });
    const answered = await leader.post(`/api/difficulties/${res.json().id}/answer`, {
      answer: 'Văn phòng in bảng niêm yết gửi các thôn trong tháng 12.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      village: { name: 'Thôn Ngọc Quán' },
      answeredBy: { fullName: 'Vũ Đăng Chương' },
    });
    const after = (await vhxh.get(`/api/feedback/${item.id}`)).json();
    expect(after).toMatchObject({ status: 'published', answer: expect.stringMatching(/bảng niêm yết/) });
  });

  it('a village head linked to no village is told why; bad input is refused; nothing written', async () => {
    const unlinked = await staff({
      username: 'thon9.binhgiang',
      fullName: 'Trưởng thôn chưa gắn',
      roles: ['village'],
    });
    const rows = await countRows(t.database, 'difficulties');
    refused(
      await unlinked.post('/api/difficulties', { taskId: tasks[4], year: 2026, content: 'Vướng mắc' }),
      403,
      /chưa được gắn với thôn/,
    );
    expect(
      (await thon.post('/api/difficulties', { taskId: tasks[4], year: 2026, content: '  ' })).statusCode,
    ).toBe(400);
    refused(
      await thon.post('/api/difficulties', { taskId: tasks[10], year: 2028, content: 'Vướng mắc' }),
      400,
      /không có kỳ/,
    );
    const foreignTask = (
      await t.database.db
        .selectFrom('plan_tasks')
        .select('id')
        .where('commune_id', '=', (await hongBang.get('/api/me')).json().commune.id)
        .executeTakeFirst()
    )?.id;
    if (foreignTask)
      expect(
        (await thon.post('/api/difficulties', { taskId: foreignTask, year: 2026, content: 'x' })).statusCode,
      ).toBe(404);
    expect(await countRows(t.database, 'difficulties')).toBe(rows);
  });
});
