import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let coordinator: Client;
let planId: string;
let units: Record<string, string>;
let tasks: Record<number, string>;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await login(t.app, 'vhxh.binhgiang');
  const plans = (await coordinator.get('/api/plans')).json();
  planId = plans[0].id;
  const plan = (await coordinator.get(`/api/plans/${planId}`)).json();
  tasks = Object.fromEntries(
    plan.tasks.map((task: { number: number; id: string }) => [task.number, task.id]),
  );
  units = Object.fromEntries(
    (await coordinator.get('/api/units')).json().map((u: { code: string; id: string }) => [u.code, u.id]),
  );
});
afterAll(() => t.close());

type Occurrence = {
  taskNumber: number;
  dueDate: string | null;
  scheduleText: string;
  status: string;
  progress: number;
};
const byNumber = (list: Occurrence[]) => Object.fromEntries(list.map((o) => [o.taskNumber, o]));

describe('the plan of xã Bình Giang', () => {
  it('is listed with its number, title and period, and holds the ten tasks of the seed', async () => {
    const plans = (await coordinator.get('/api/plans')).json();
    expect(plans).toEqual([
      expect.objectContaining({
        title: expect.stringMatching(
          /^Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã Bình Giang/,
        ),
        periodFrom: 2026,
        periodTo: 2030,
      }),
    ]);
    const plan = (await coordinator.get(`/api/plans/${planId}`)).json();
    expect(plan.tasks).toHaveLength(10);
    expect(plan.tasks[2]).toMatchObject({
      number: 3,
      scheduleText: 'Trước ngày 15/02 hằng năm',
      leadUnit: { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội' },
      coordinatingText: 'Các phòng, ban, đơn vị liên quan',
    });
    expect(plan.tasks[7]).toMatchObject({ number: 8, leadUnit: { code: 'KT' } });
    expect(plan.tasks[8]).toMatchObject({ number: 9, leadUnit: { code: 'TTPVHCC' } });
    expect(plan.targets).toContainEqual(expect.objectContaining({ year: 2026, level: 3 }));
    expect(plan.targets).toContainEqual(expect.objectContaining({ year: 2030, level: 4 }));
    expect(plan.recipients).toContain('Sở Nội vụ thành phố');
  });

  it('2026: task 3 due 14/02, task 5 due 11/11, tasks 6 and 7 in December, task 4 continuous, no task 10', async () => {
    const list = (await coordinator.get(`/api/plans/${planId}/occurrences?year=2026`)).json();
    const o = byNumber(list);
    expect(o[3]).toMatchObject({ dueDate: '2026-02-14', scheduleText: 'Trước ngày 15/02 hằng năm' });
    expect(o[5]).toMatchObject({ dueDate: '2026-11-11', scheduleText: 'Trước ngày 12/11 hằng năm' });
    expect(o[6]).toMatchObject({ dueDate: '2026-12-31', scheduleText: 'Tháng 12 hằng năm' });
    expect(o[7]?.dueDate).toBe('2026-12-31');
    expect(o[4]).toMatchObject({ dueDate: null, scheduleText: 'Thường xuyên' });
    expect(o[10]).toBeUndefined();
    expect(list).toHaveLength(9);
    // sorted by due date, continuous work last
    expect(list[0].taskNumber).toBe(3);
    expect(list.at(-1).taskNumber).toBe(4);
  });

  it('task 10 (sơ kết, tổng kết) falls only in 2027 and 2030', async () => {
    for (const [year, present] of [
      [2027, true],
      [2028, false],
      [2029, false],
      [2030, true],
    ] as const) {
      const list = (await coordinator.get(`/api/plans/${planId}/occurrences?year=${year}`)).json();
      expect(
        list.some((o: Occurrence) => o.taskNumber === 10),
        String(year),
      ).toBe(present);
    }
    expect((await coordinator.get(`/api/plans/${planId}/occurrences?year=2031`)).json()).toEqual([]);
  });
});

describe('progress, completion and difficulties', () => {
  it('the service centre sees its tasks: task 9 it leads, task 4 every unit leads, and those it helps with', async () => {
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    const mine = (await focal.get('/api/occurrences/mine?year=2027')).json();
    expect(mine.map((o: Occurrence) => o.taskNumber).sort((a: number, b: number) => a - b)).toEqual([
      1, 3, 4, 5, 6, 7, 9,
    ]);
    const village = await login(t.app, 'thon1.binhgiang');
    expect((await village.get('/api/occurrences/mine?year=2027')).json()).toEqual([]);
  });

  it('a unit reports progress with a note; the lead unit marks it done; anyone outside the task is refused', async () => {
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    const note = await focal.post(`/api/tasks/${tasks[9]}/notes`, {
      year: 2027,
      note: 'Rà soát, công khai 100% thủ tục hành chính tại Trung tâm',
      progress: 50,
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({
      progress: 50,
      unit: { code: 'TTPVHCC' },
      author: { fullName: 'Phạm Văn Đức' },
    });
    let o = byNumber((await focal.get(`/api/plans/${planId}/occurrences?year=2027`)).json());
    expect(o[9]).toMatchObject({ status: 'in_progress', progress: 50, noteCount: 1 });

    const village = await login(t.app, 'thon1.binhgiang');
    const refused = await village.post(`/api/tasks/${tasks[9]}/notes`, {
      year: 2027,
      note: 'Không phải việc của thôn',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/đơn vị chủ trì/);
    // coordinating, not leading: may report, may not complete
    expect(
      (await focal.post(`/api/tasks/${tasks[3]}/notes`, { year: 2027, note: 'Góp ý dự thảo kế hoạch' }))
        .statusCode,
    ).toBe(201);
    expect((await focal.post(`/api/tasks/${tasks[3]}/complete`, { year: 2027 })).statusCode).toBe(403);

    const done = await focal.post(`/api/tasks/${tasks[9]}/complete`, { year: 2027 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, daysLeft: null });
    o = byNumber((await focal.get(`/api/plans/${planId}/occurrences?year=2027`)).json());
    expect(o[9]?.status).toBe('done');
    const reopened = await coordinator.post(`/api/tasks/${tasks[9]}/reopen`, { year: 2027 });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', progress: 50 });
    const notes = (await coordinator.get(`/api/tasks/${tasks[9]}/notes?year=2027`)).json();
    expect(notes).toHaveLength(1);
  });

  it('a year in which the task has no occurrence is refused', async () => {
    const res = await coordinator.post(`/api/tasks/${tasks[10]}/notes`, { year: 2028, note: 'Chưa đến kỳ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Nhiệm vụ số 10 không có kỳ thực hiện trong năm 2028.');
  });

  it('a unit reports a difficulty; a supervisor may not answer it, the leader does', async () => {
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    const reported = await focal.post('/api/difficulties', {
      taskId: tasks[9],
      year: 2027,
      content: 'Thiếu máy tính tại bộ phận một cửa',
    });
    expect(reported.statusCode).toBe(201);
    const id = reported.json().id;
    const open = (await coordinator.get('/api/difficulties?answered=false')).json();
    expect(open.map((d: { id: string }) => d.id)).toContain(id);
    const supervisor = await login(t.app, 'mttq.binhgiang');
    expect(
      (await supervisor.post(`/api/difficulties/${id}/answer`, { answer: 'Không có quyền' })).statusCode,
    ).toBe(403);
    const leader = await login(t.app, 'chutich.binhgiang');
    const answered = await leader.post(`/api/difficulties/${id}/answer`, {
      answer: 'Phòng Kinh tế bố trí kinh phí mua sắm quý I.',
    });
    expect(answered.json()).toMatchObject({
      answer: expect.stringMatching(/Phòng Kinh tế/),
      answeredBy: { fullName: 'Vũ Đăng Chương' },
    });
    const o = byNumber((await coordinator.get(`/api/plans/${planId}/occurrences?year=2027`)).json());
    expect(o[9]).toMatchObject({ openDifficulties: 0 });
  });

  it("the leader's summary counts each lead unit's tasks by status", async () => {
    const leader = await login(t.app, 'chutich.binhgiang');
    // task 4 (lead: every unit, as the plan says) names no work that fulfils it: Phòng VH-XH
    // completes it by hand, on the commune's behalf (task 3,
    // carried by the level registration, refuses a manual completion without a reason: #12)
    const completed = await coordinator.post(`/api/tasks/${tasks[4]}/complete`, {
      year: 2027,
      completedOn: '2026-11-01',
    });
    expect(completed.statusCode, completed.body).toBe(200);
    const summary = (await leader.get(`/api/plans/${planId}/summary?year=2027`)).json();
    expect(summary.totals.total).toBe(10);
    const vhxh = summary.units.find((u: { unit: { code: string } }) => u.unit.code === 'VHXH');
    expect(vhxh).toMatchObject({ total: 7, done: 0 });
    // the tasks every unit leads are one row of their own
    const all = summary.units.find((u: { unit: { id: string } }) => u.unit.id === 'all');
    expect(all).toMatchObject({ unit: { name: 'Tất cả các đơn vị' }, total: 1, done: 1, doneOnTime: 1 });
    expect(summary.units.find((u: { unit: { code: string } }) => u.unit.code === 'KT')).toMatchObject({
      total: 1,
    });
  });
});

describe('writing plans and tasks', () => {
  it('the coordinator writes a plan and adds a task; its occurrences follow', async () => {
    const created = await coordinator.post('/api/plans', {
      number: '30/KH-UBND',
      title: 'Kế hoạch tuyên truyền năm 2027',
      periodFrom: 2027,
      periodTo: 2027,
      targets: [{ year: 2027, level: 3 }],
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    const task = await coordinator.post('/api/tasks', {
      planId: plan.id,
      number: 1,
      content: 'Hội nghị quán triệt',
      schedule: { kind: 'before_date', day: 1, month: 3 },
      leadUnitId: units.VHXH,
      coordinatingUnitIds: [units.MTTQ],
      addedOn: '2027-01-01',
    });
    expect(task.statusCode).toBe(201);
    expect(task.json()).toMatchObject({
      scheduleText: 'Trước ngày 01/03 hằng năm',
      coordinatingUnits: [{ code: 'MTTQ' }],
    });
    const list = (await coordinator.get(`/api/plans/${plan.id}/occurrences?year=2027`)).json();
    expect(list).toEqual([expect.objectContaining({ dueDate: '2027-02-28' })]);
  });

  it('refuses a 31 February, a date outside the period, a foreign unit and a period backwards, writing nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const base = { planId, number: 20, content: 'Nhiệm vụ thử', leadUnitId: units.VHXH };
    const feb31 = await coordinator.post('/api/tasks', {
      ...base,
      schedule: { kind: 'before_date', day: 31, month: 2 },
    });
    expect(feb31.statusCode).toBe(400);
    expect(feb31.json().error.message).toBe('Ngày 31/02 không có trong lịch.');
    expect(feb31.json().error.details[0].path).toBe('schedule');
    const outside = await coordinator.post('/api/tasks', {
      ...base,
      schedule: { kind: 'once', date: '2031-05-01' },
    });
    expect(outside.json().error.message).toMatch(/ngoài giai đoạn 2026-2030/);
    const hongBangUnit = await t.database.db
      .selectFrom('units')
      .innerJoin('communes', 'communes.id', 'units.commune_id')
      .select('units.id')
      .where('communes.code', '=', 'HP-HONGBANG')
      .executeTakeFirstOrThrow();
    const foreign = await coordinator.post('/api/tasks', {
      ...base,
      schedule: { kind: 'yearly' },
      leadUnitId: hongBangUnit.id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('leadUnitId');
    const backwards = await coordinator.post('/api/plans', {
      title: 'Ngược',
      periodFrom: 2030,
      periodTo: 2026,
    });
    expect(backwards.statusCode).toBe(400);
    const dupNumber = await coordinator.post('/api/tasks', {
      ...base,
      number: 3,
      schedule: { kind: 'yearly' },
    });
    expect(dupNumber.statusCode).toBe(409);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('a focal official cannot edit the plan; the city reads it by naming the commune', async () => {
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await focal.patch(`/api/plans/${planId}`, { number: '99/KH-UBND' })).statusCode).toBe(403);
    const city = await login(t.app, 'snv.haiphong');
    const communeId = coordinator.me.commune.id;
    expect((await city.get(`/api/plans?communeId=${communeId}`)).json()).toHaveLength(2);
    expect((await city.get(`/api/plans/${planId}`)).statusCode).toBe(200);
    expect((await city.patch(`/api/plans/${planId}`, { number: '99/KH-UBND' })).statusCode).toBe(403);
  });
});

describe('reminder days', () => {
  it('Phòng VH-XH changes how many days before the due date units are reminded; the job reads the same row', async () => {
    expect((await coordinator.get('/api/settings/reminders')).json()).toEqual({ offsets: [30, 7, 1] });
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    const audits = await countRows(t.database, 'audit_log');
    for (const bad of [[0], [7, 7], [1, 2, 3, 4, 5, 6], [400], [2.5]]) {
      const refused = await coordinator.request('PUT', '/api/settings/reminders', { offsets: bad });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().error.message).toMatch(/ngày nhắc|lần nhắc/);
    }
    expect((await focal.request('PUT', '/api/settings/reminders', { offsets: [3] })).statusCode).toBe(403);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);

    const saved = await coordinator.request('PUT', '/api/settings/reminders', { offsets: [3, 14] });
    expect(saved.json()).toEqual({ offsets: [14, 3] });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect((await focal.get('/api/settings/reminders')).json()).toEqual({ offsets: [14, 3] });
    const row = await t.database.db
      .selectFrom('commune_settings')
      .innerJoin('communes', 'communes.id', 'commune_settings.commune_id')
      .select('reminder_offsets')
      .where('communes.code', '=', 'HP-BINHGIANG')
      .executeTakeFirstOrThrow();
    expect(row.reminder_offsets).toEqual([14, 3]);
    // another commune keeps the default
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get('/api/settings/reminders')).json()).toEqual({ offsets: [30, 7, 1] });
  });
});
