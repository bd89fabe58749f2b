/**
 * A task is carried by the work that fulfils it (issue 12): the demo's tasks 3, 5 and 6 of 2026 are
 * complete on the days their work happened (registration 10/02, self-assessment sent 05/11, reward
 * decision 01/12) and count as on time; linked work that has not happened leaves its occurrence
 * open and overdue as before; the coordinator may override with a reason (audited); figure kinds
 * show the year's figures; a plan without links works as before; reminders follow the same rule.
 */
import { vietnamDate } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOwed } from '../src/jobs/reminders.ts';
import { occurrences } from '../src/plans/occurrences.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let planId: string;
let communeId: string;

interface Occ {
  taskId: string;
  taskNumber: number;
  status: string;
  completedOn: string | null;
  dueDate: string | null;
  progress: number;
  fulfilment: { kind: string; label: string } | null;
  fulfilledBy: { kind: string; at: string; ref: string | null } | null;
  fulfilledText: string | null;
  figures: { label: string; value: number | string }[] | null;
  source: string | null;
  override: { state: string; on: string | null; reason: string; by: string } | null;
}

async function list(client: Client, year = 2026): Promise<Occ[]> {
  const res = await client.get(`/api/plans/${planId}/occurrences?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const byNumber = (all: Occ[], n: number) => all.find((o) => o.taskNumber === n)!;

/** The demo plan's occurrences computed for another day (the due dates' edges). */
async function onDay(today: string, year = 2026) {
  const tasks = await t.database.db
    .selectFrom('plan_tasks')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  return occurrences(
    t.database.db,
    communeId,
    tasks.map((task) => ({ ...task, period_from: 2026, period_to: 2030 })),
    year,
    today,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  communeId = await communeIdOf(t.database, 'HP-BINHGIANG');
  planId = (await vhxh.get('/api/plans')).json()[0].id;
});
afterAll(() => t.close());

describe('the demo of Bình Giang as of 02/12/2026', () => {
  it('tasks 3, 5 and 6 are complete on the days their work happened, with the link shown', async () => {
    const all = await list(vhxh);
    expect(byNumber(all, 3)).toMatchObject({
      status: 'done',
      completedOn: '2026-02-10',
      progress: 100,
      source: 'work',
      fulfilment: { kind: 'level_registration' },
      fulfilledBy: { kind: 'level_registration', at: '2026-02-10' },
      fulfilledText: 'Hoàn thành tự động: đăng ký mức độ gửi 10/02/2026',
    });
    expect(byNumber(all, 5)).toMatchObject({
      status: 'done',
      completedOn: '2026-11-05',
      fulfilledBy: { kind: 'self_assessment', at: '2026-11-05' },
      fulfilledText: 'Hoàn thành tự động: báo cáo tự đánh giá gửi thành phố 05/11/2026',
    });
    expect(byNumber(all, 6)).toMatchObject({
      status: 'done',
      completedOn: '2026-12-01',
      fulfilledBy: { kind: 'reward_decisions', at: '2026-12-01' },
    });
    // the ref names the record that did the work
    const registration = await t.database.db
      .selectFrom('level_registrations')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    expect(byNumber(all, 3).fulfilledBy!.ref).toBe(registration.id);
  });

  it('the summary and the measure of tasks on time count them', async () => {
    const summary = (await vhxh.get(`/api/plans/${planId}/summary?year=2026`)).json();
    expect(summary.totals).toMatchObject({ done: 3, doneOnTime: 3 });
    const { tasksOnTimeShare } = await import('../src/plans/measures.ts');
    // due by today: task 3 (14/02) and task 5 (11/11), both done on time
    const now = await tasksOnTimeShare.compute(t.database.db, { communeId, year: 2026, today: '2026-12-02' });
    expect(now.value).toBe(1);
    expect(now.figures.slice(0, 2)).toEqual([
      { label: 'Nhiệm vụ đến hạn tính đến hôm nay', value: 2 },
      { label: 'Hoàn thành đúng hạn', value: 2 },
    ]);
    // at the year's end: eight occurrences due, three done on time (3, 5, 6)
    const end = await tasksOnTimeShare.compute(t.database.db, { communeId, year: 2026, today: '2026-12-31' });
    expect(end.value).toBe(3 / 8);
  });

  it('linked work that has not happened leaves the occurrence open, overdue after its due date', async () => {
    const all = await list(vhxh);
    for (const n of [7, 8]) {
      expect(byNumber(all, n)).toMatchObject({ status: 'not_started', completedOn: null, fulfilledBy: null });
    }
    const january = await onDay('2027-01-05');
    for (const n of [7, 8]) expect(january.find((o) => o.taskNumber === n)!.status).toBe('overdue');
    // before the registration was sent, task 3 was open; on its deadline still on time to come
    const before = (await onDay('2026-02-09')).find((o) => o.taskNumber === 3)!;
    expect(before).toMatchObject({ status: 'not_started', completedOn: null });
    const sent = (await onDay('2026-02-10')).find((o) => o.taskNumber === 3)!;
    expect(sent).toMatchObject({ status: 'done', completedOn: '2026-02-10' });
  });

  it('tasks carried by outreach, villages and the service centre show the year’s figures as progress', async () => {
    const all = await list(vhxh);
    const outreach = byNumber(all, 1);
    const coverage = (await vhxh.get('/api/outreach-coverage?year=2026')).json();
    expect(outreach.figures).toContainEqual({ label: 'Hoạt động tuyên truyền', value: coverage.activities });
    expect(outreach.figures).toContainEqual({
      label: 'Thôn có hoạt động tuyên truyền',
      value: `${coverage.coveredVillages}/${coverage.activeVillages}`,
    });
    expect(outreach.progress).toBe(Math.round(coverage.share * 100));
    expect(outreach.status).toBe('in_progress');
    expect(byNumber(all, 2).figures?.map((f) => f.label)).toContain('Thôn đạt “Thôn văn hóa”');
    expect(byNumber(all, 9).figures?.map((f) => f.label)).toContain('Tỷ lệ hồ sơ đúng hạn');
    // task 4 names nothing: completed by hand as before
    expect(byNumber(all, 4)).toMatchObject({ fulfilment: null, figures: null, status: 'not_started' });
  });

  it('reminders follow the rule: none overdue for task 3 on 15/02, its registration was sent 10/02', async () => {
    const owed = await findOwed(t.database.db, '2026-02-15');
    expect(owed.filter((o) => o.task.number === 3)).toEqual([]);
    // before the registration day the 7-day reminder is still owed
    const early = await findOwed(t.database.db, '2026-02-07');
    expect(early.map((o) => `${o.task.number}/${o.key}`)).toContain('3/before_7');
    // on 01/01/2027 the yearly tasks whose work has not happened are overdue, task 6 is not
    const newYear = (await findOwed(t.database.db, '2027-01-01')).filter((o) => o.year === 2026);
    const numbers = newYear.map((o) => o.task.number);
    expect(numbers).toContain(7);
    expect(numbers).toContain(8);
    expect(numbers).not.toContain(6);
    expect(numbers).not.toContain(3);
  });
});

describe('the link is chosen per task; the coordinator may override, with a reason', () => {
  it('a task names its fulfilment from the list (not a task number); others are refused', async () => {
    const task7 = (await list(vhxh)).find((o) => o.taskNumber === 7)!;
    const wrong = await vhxh.patch(`/api/tasks/${task7.taskId}`, { fulfilment: 'task_3' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/[À-ỹ]/);
    const plan = (await vhxh.get(`/api/plans/${planId}`)).json();
    expect(plan.tasks.find((x: { number: number }) => x.number === 7)).toMatchObject({
      fulfilment: 'yearly_report',
      fulfilmentLabel: 'Báo cáo kết quả năm được ban hành',
    });
  });

  it('a linked task is not marked done by hand: the coordinator records it with a reason instead', async () => {
    const task8 = byNumber(await list(vhxh), 8);
    const kinhte = await login(t.app, 'kinhte.binhgiang');
    const byHand = await kinhte.post(`/api/tasks/${task8.taskId}/complete`, { year: 2026 });
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().error.message).toMatch(/ghi nhận thủ công kèm lý do/);
    // only the coordinator overrides
    expect(
      (
        await kinhte.post(`/api/tasks/${task8.taskId}/override`, {
          year: 2026,
          state: 'done',
          completedOn: '2026-11-30',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    // a reason, a day, not in the future
    const noReason = await vhxh.post(`/api/tasks/${task8.taskId}/override`, {
      year: 2026,
      state: 'done',
      completedOn: '2026-11-30',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'reason' });
    const future = await vhxh.post(`/api/tasks/${task8.taskId}/override`, {
      year: 2026,
      state: 'done',
      completedOn: '2099-01-01',
      reason: 'Tờ trình gửi bản giấy',
    });
    expect(future.statusCode).toBe(400);
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', 'like', 'tasks.override%')
      .executeTakeFirstOrThrow();
    expect(Number(auditBefore.n)).toBe(0);

    const done = await vhxh.post(`/api/tasks/${task8.taskId}/override`, {
      year: 2026,
      state: 'done',
      completedOn: '2026-11-30',
      reason: 'Tờ trình gửi bản giấy ngày 30/11, trước khi dùng sổ văn bản điện tử',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      completedOn: '2026-11-30',
      source: 'override',
      fulfilledBy: null,
      override: { state: 'done', on: '2026-11-30', by: 'Nguyễn Thị Thu Hà' },
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'tasks.override_done')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('Tờ trình gửi bản giấy');
    // back to following the work
    const auto = await vhxh.post(`/api/tasks/${task8.taskId}/override`, { year: 2026, state: 'auto' });
    expect(auto.json()).toMatchObject({ status: 'not_started', source: null, override: null });
  });

  it('"open" keeps an occurrence open although its work happened', async () => {
    const task3 = byNumber(await list(vhxh), 3);
    const open = await vhxh.post(`/api/tasks/${task3.taskId}/override`, {
      year: 2026,
      state: 'open',
      reason: 'Đăng ký nhầm mức; chờ gửi lại',
    });
    expect(open.json()).toMatchObject({ status: 'overdue', completedOn: null, fulfilledBy: null });
    await vhxh.post(`/api/tasks/${task3.taskId}/override`, { year: 2026, state: 'auto' });
    expect(byNumber(await list(vhxh), 3)).toMatchObject({ status: 'done', completedOn: '2026-02-10' });
  });

  it('a figure kind is still completed by the lead unit as continuous and yearly work always was', async () => {
    const task9 = byNumber(await list(vhxh), 9);
    const centre = await login(t.app, 'ttpvhcc.binhgiang');
    const done = await centre.post(`/api/tasks/${task9.taskId}/complete`, { year: 2026 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      source: 'manual',
      completedOn: vietnamDate(new Date()),
    });
  });

  it('a plan without links works as before', async () => {
    const created = await vhxh.post('/api/plans', {
      title: 'Kế hoạch cải cách hành chính năm 2026',
      periodFrom: 2026,
      periodTo: 2026,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = (await vhxh.get('/api/units')).json()[0];
    const task = await vhxh.post('/api/tasks', {
      planId: created.json().id,
      number: 1,
      content: 'Rà soát thủ tục hành chính',
      schedule: { kind: 'before_date', day: 1, month: 6 },
      leadUnitId: unit.id,
      addedOn: '2026-01-01',
    });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json().fulfilment).toBeNull();
    const occ = (await vhxh.get(`/api/plans/${created.json().id}/occurrences?year=2026`)).json()[0];
    expect(occ).toMatchObject({ status: 'overdue', fulfilment: null, fulfilledBy: null, source: null });
    const done = await vhxh.post(`/api/tasks/${task.json().id}/complete`, {
      year: 2026,
      completedOn: '2026-05-20',
    });
    expect(done.json()).toMatchObject({ status: 'done', completedOn: '2026-05-20', source: 'manual' });
  });
});
