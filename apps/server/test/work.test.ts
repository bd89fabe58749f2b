/**
 * The home's work list (issue 18): what waits for each role of xã Bình Giang's demo, from the
 * data each may read: a unit's focal point sees only its unit's share, another commune's items
 * never appear, the city's accounts have their own home. Items come and go with the work: a
 * file's step, the city's return, a difficulty answered, a nomination commented.
 */
import type { WorkItem, WorkList } from '@cqtt/contract/work';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let binhGiang: string;
const clients: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestApp();
  binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
  for (const u of [
    'admin',
    'vhxh.binhgiang',
    'ttpvhcc.binhgiang',
    'kinhte.binhgiang',
    'vpub.binhgiang',
    'mttq.binhgiang',
    'chutich.binhgiang',
    'thon1.binhgiang',
    'vhxh.hongbang',
    'snv.haiphong',
  ])
    clients[u] = await login(t.app, u);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

async function work(username: string): Promise<WorkList> {
  const res = await clients[username]!.get('/api/work');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const keys = (list: WorkList, kind?: WorkItem['kind']) =>
  list.items.filter((i) => !kind || i.kind === kind).map((i) => i.key);
const byTitle = (list: WorkList, text: string) => list.items.filter((i) => i.title.includes(text));

async function feedbackId(code: string) {
  return (
    await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('tracking_code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;
}

describe('each role finds its own waiting items in the demo', () => {
  it('the coordinator: feedback to take in and the late one of a unit, a village’s result to review', async () => {
    const list = await work('vhxh.binhgiang');
    expect(list.weekEnd >= list.today).toBe(true);
    const fresh = list.items.find((i) => i.key === `feedback:${await1.fresh}`);
    expect(fresh?.detail).toContain('PA-D8XY3-HT7WM');
    const late = list.items.find((i) => i.key === `feedback:${await1.late}`)!;
    expect(late.urgency).toBe('overdue');
    expect(late.link).toEqual({ page: 'feedback', feedbackId: await1.late });
    expect(late.detail).toContain('Phòng Kinh tế');
    const village = byTitle(list, 'Thôn Tráng Liệt')[0]!;
    expect(village.kind).toBe('village');
    expect(village.link).toMatchObject({ page: 'villageAssessments', village: 'Thôn Tráng Liệt' });
    // most pressing first within a kind
    const feedback = list.items.filter((i) => i.kind === 'feedback');
    expect(feedback[0]!.urgency).toBe('overdue');
  });

  it('the leader: the draft answer to approve, the nomination to decide, the late feedback he follows', async () => {
    const list = await work('chutich.binhgiang');
    expect(keys(list, 'feedback')).toContain(`feedback:${await1.drafted}`);
    expect(list.items.find((i) => i.key === `feedback:${await1.drafted}`)!.detail).toContain(
      'chờ lãnh đạo duyệt',
    );
    expect(keys(list, 'feedback')).toContain(`feedback:${await1.late}`);
    const reward = byTitle(list, 'Phạm Văn Đức')[0]!;
    expect(reward).toMatchObject({ kind: 'reward', detail: 'Chờ lãnh đạo quyết định khen thưởng' });
    // triage is not the leader's step: the item received yesterday, not late, is not his
    expect(keys(list)).not.toContain(`feedback:${await1.fresh}`);
  });

  it('the supervisor (MTTQ) follows what is late, without acting on the queue', async () => {
    const list = await work('mttq.binhgiang');
    expect(keys(list)).toEqual([`feedback:${await1.late}`]);
  });

  it('the administrator: the queue’s triage and the villages’ review', async () => {
    const list = await work('admin');
    expect(keys(list, 'feedback')).toContain(`feedback:${await1.fresh}`);
    expect(byTitle(list, 'Thôn Tráng Liệt')).toHaveLength(1);
  });

  it('the village head: his own village’s result of the year, not yet entered', async () => {
    const list = await work('thon1.binhgiang');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'village', detail: 'Chưa nhập kết quả' });
    expect(list.items[0]!.title).toContain('Thôn Ngọc Quán');
  });

  it('a unit’s focal point sees its unit’s share only', async () => {
    const kt = await work('kinhte.binhgiang');
    expect(keys(kt)).toEqual([`feedback:${await1.late}`]);
    // the service centre's draft waits for the leader, not for the centre; Phòng Kinh tế's late item is not the centre's
    const centre = await work('ttpvhcc.binhgiang');
    expect(keys(centre)).not.toContain(`feedback:${await1.late}`);
    expect(keys(centre)).not.toContain(`feedback:${await1.drafted}`);
    expect(centre.items.filter((i) => i.kind === 'feedback')).toEqual([]);
  });

  it('another commune’s items never appear; the city’s accounts have their own home', async () => {
    const hongBang = await work('vhxh.hongbang');
    const theirs = await feedbackId('PA-B3NX6-MQ4TZ');
    expect(keys(hongBang)).toEqual([`feedback:${theirs}`]);
    for (const u of ['admin', 'vhxh.binhgiang', 'chutich.binhgiang', 'mttq.binhgiang', 'kinhte.binhgiang'])
      expect(keys(await work(u))).not.toContain(`feedback:${theirs}`);
    expect((await work('snv.haiphong')).items).toEqual([]);
  });
});

/** Ids of the demo's feedback items, read once. */
const await1 = { fresh: '', late: '', drafted: '' };
beforeAll(async () => {
  await1.fresh = await feedbackId('PA-D8XY3-HT7WM');
  await1.late = await feedbackId('PA-9MRT4-BC6XE');
  await1.drafted = await feedbackId('PA-K4P7Z-N2GSA');
});

describe('items come and go with the work', () => {
  it('an assessment: units’ unscored indicators, then supervision, approval, sending', async () => {
    const set = await t.database.db.selectFrom('criteria_sets').select('id').executeTakeFirstOrThrow();
    const opened = await clients['vhxh.binhgiang']!.post('/api/assessments', {
      year: 2027,
      criteriaSetId: set.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id: string = opened.json().id;
    const scoreOf = async (u: string) => (await work(u)).items.find((i) => i.key === `score:${id}`);
    const fileOf = async (u: string) => (await work(u)).items.find((i) => i.key === `assessment:${id}`);
    const view = (await clients['vhxh.binhgiang']!.get(`/api/assessments/${id}`)).json();
    // biome-ignore lint/suspicious/noExplicitAny: the assessment's view is read freely
    const indicators: any[] = view.indicators;
    const centreCodes = indicators.filter((i) => i.responsibleUnit?.code === 'TTPVHCC').map((i) => i.code);
    expect(centreCodes.length).toBeGreaterThan(0);

    expect((await scoreOf('vhxh.binhgiang'))!.detail).toContain(`${indicators.length} chỉ tiêu chưa chấm`);
    const centre = (await scoreOf('ttpvhcc.binhgiang'))!;
    expect(centre.detail).toContain(`${centreCodes.length} chỉ tiêu chưa chấm: ${centreCodes[0]}`);
    expect(centre.link).toEqual({ page: 'assessment', assessmentId: id });
    // MTTQ scores its own indicators as a unit does; another commune never sees the file
    const mttqCodes = indicators.filter((i) => i.responsibleUnit?.code === 'MTTQ').map((i) => i.code);
    expect((await scoreOf('mttq.binhgiang'))?.detail).toContain(`${mttqCodes.length} chỉ tiêu chưa chấm`);
    expect(keys(await work('vhxh.hongbang'))).not.toContain(`score:${id}`);

    // the centre scores one of its indicators: one fewer waits
    const code = centreCodes[0];
    const max = indicators.find((i) => i.code === code).maxPoints;
    const scored = await clients['ttpvhcc.binhgiang']!.request(
      'PUT',
      `/api/assessments/${id}/scores/${code}`,
      {
        points: max,
        note: 'Đạt',
      },
    );
    expect(scored.statusCode, scored.body).toBeLessThan(300);
    const after = await scoreOf('ttpvhcc.binhgiang');
    if (centreCodes.length === 1) expect(after).toBeUndefined();
    else expect(after!.detail).toContain(`${centreCodes.length - 1} chỉ tiêu chưa chấm`);

    const act = async (u: string, action: string) => {
      const res = await clients[u]!.post(`/api/assessments/${id}/actions`, { action });
      expect(res.statusCode, res.body).toBe(200);
    };
    // the coordinator scores the rest: nothing left unscored, the file waits for its consolidation
    for (const i of indicators) {
      if (i.code === code) continue;
      const res = await clients['vhxh.binhgiang']!.request('PUT', `/api/assessments/${id}/scores/${i.code}`, {
        points: i.maxPoints,
        note: 'Đạt',
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    expect(await scoreOf('vhxh.binhgiang')).toBeUndefined();
    expect((await fileOf('vhxh.binhgiang'))!.detail).toBe('Các đơn vị đã chấm đủ, chờ tổng hợp');
    expect(await fileOf('ttpvhcc.binhgiang')).toBeUndefined();
    await act('vhxh.binhgiang', 'consolidate');
    expect(await scoreOf('ttpvhcc.binhgiang')).toBeUndefined();
    expect((await fileOf('mttq.binhgiang'))!.detail).toBe('Đã tổng hợp, chờ giám sát');
    expect(await fileOf('chutich.binhgiang')).toBeUndefined();
    await act('mttq.binhgiang', 'finish_review');
    expect(await fileOf('mttq.binhgiang')).toBeUndefined();
    expect((await fileOf('chutich.binhgiang'))!.detail).toBe('Đã giám sát, chờ lãnh đạo duyệt');
    await act('chutich.binhgiang', 'approve');
    expect((await fileOf('vhxh.binhgiang'))!.detail).toBe('Lãnh đạo đã duyệt, chờ gửi thành phố');
    expect(await fileOf('ttpvhcc.binhgiang')).toBeUndefined();
    // another commune never sees it
    expect(keys(await work('vhxh.hongbang'))).not.toContain(`assessment:${id}`);
  });

  it('what the city returned waits for the coordinator and the leader, with the city’s request', async () => {
    const file = await t.database.db
      .selectFrom('assessments')
      .select('id')
      .where('commune_id', '=', binhGiang)
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const request = 'Đề nghị bổ sung biên bản họp xét của Hội đồng thi đua xã.';
    const res = await clients['snv.haiphong']!.post(`/api/assessments/${file.id}/return`, { request });
    expect(res.statusCode, res.body).toBe(200);
    for (const u of ['vhxh.binhgiang', 'chutich.binhgiang']) {
      const item = (await work(u)).items.find((i) => i.key === `cityReturn:${file.id}`)!;
      expect(item.detail).toContain(request);
      expect(item.detail).toMatch(/\(\d{2}\/\d{2}\/\d{4}\)/);
      expect(item.link).toEqual({ page: 'assessment', assessmentId: file.id });
    }
    for (const u of ['ttpvhcc.binhgiang', 'mttq.binhgiang', 'vhxh.hongbang'])
      expect(keys(await work(u))).not.toContain(`cityReturn:${file.id}`);
  });

  it('a difficulty a unit reports waits for an answer, then leaves the list', async () => {
    const task = await t.database.db
      .selectFrom('plan_tasks')
      .select(['id', 'plan_id'])
      .where('commune_id', '=', binhGiang)
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const reported = await clients['ttpvhcc.binhgiang']!.post('/api/difficulties', {
      taskId: task.id,
      year: 2026,
      content: 'Thiếu màn hình hiển thị số thứ tự tại quầy',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const id = reported.json().id;
    for (const u of ['vhxh.binhgiang', 'chutich.binhgiang']) {
      const item = (await work(u)).items.find((i) => i.key === `difficulty:${id}`)!;
      expect(item.link).toEqual({ page: 'difficulties', planId: task.plan_id, year: 2026 });
      expect(item.detail).toContain('Trung tâm Phục vụ hành chính công');
    }
    expect(keys(await work('mttq.binhgiang'))).not.toContain(`difficulty:${id}`);
    expect(keys(await work('vhxh.hongbang'))).not.toContain(`difficulty:${id}`);
    const answered = await clients['chutich.binhgiang']!.post(`/api/difficulties/${id}/answer`, {
      answer: 'Văn phòng bố trí trong quý I.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(keys(await work('vhxh.binhgiang'))).not.toContain(`difficulty:${id}`);
  });

  it('a kind with more than fifty items shows fifty and says how many wait in all', async () => {
    const task = await t.database.db
      .selectFrom('plan_tasks')
      .select(['id'])
      .where('commune_id', '=', binhGiang)
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const before = await work('vhxh.binhgiang');
    const open = before.items.filter((i) => i.kind === 'difficulty').length;
    expect(before.more.find((m) => m.kind === 'difficulty')).toBeUndefined();
    const added = 55 - open;
    const ids: string[] = [];
    for (let n = 1; n <= added; n++) {
      const res = await clients['ttpvhcc.binhgiang']!.post('/api/difficulties', {
        taskId: task.id,
        year: 2026,
        content: `Vướng mắc thử số ${n}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const list = await work('vhxh.binhgiang');
    expect(list.items.filter((i) => i.kind === 'difficulty')).toHaveLength(50);
    expect(list.more).toContainEqual({ kind: 'difficulty', total: 55 });
    // kinds that fit are not in `more`
    expect(list.more.map((m) => m.kind)).toEqual(['difficulty']);
    for (const id of ids) {
      const res = await clients['chutich.binhgiang']!.post(`/api/difficulties/${id}/answer`, {
        answer: 'Đã xử lý.',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await work('vhxh.binhgiang')).more).toEqual([]);
  });

  it('a nomination waits for MTTQ’s comment, then for the leader only', async () => {
    const created = await clients['ttpvhcc.binhgiang']!.post('/api/rewards', {
      communeId: binhGiang,
      year: 2026,
      nomineeKind: 'individual',
      nomineeName: 'Trần Văn Tâm',
      achievements: 'Hướng dẫn người cao tuổi nộp hồ sơ trực tuyến.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const key = `reward:${created.json().id}`;
    expect((await work('mttq.binhgiang')).items.find((i) => i.key === key)!.detail).toBe(
      'Chờ MTTQ cho ý kiến',
    );
    expect((await work('chutich.binhgiang')).items.find((i) => i.key === key)!.detail).toContain(
      'MTTQ chưa cho ý kiến',
    );
    const commented = await clients['mttq.binhgiang']!.post(`/api/rewards/${created.json().id}/comment`, {
      comment: 'Nhất trí.',
    });
    expect(commented.statusCode, commented.body).toBe(200);
    expect(keys(await work('mttq.binhgiang'))).not.toContain(key);
    expect((await work('chutich.binhgiang')).items.find((i) => i.key === key)!.detail).toBe(
      'Chờ lãnh đạo quyết định khen thưởng',
    );
  });

  it('tasks overdue or due by Sunday: the whole commune’s for the coordinator, the unit’s for its focal', async () => {
    // Monday 28/12/2026: the tasks of December fall due on Thursday 31/12
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-28T09:00:00+07:00'));
    for (const u of ['vhxh.binhgiang', 'kinhte.binhgiang', 'thon1.binhgiang'])
      clients[u] = await login(t.app, u);
    const coordinator = await work('vhxh.binhgiang');
    expect(coordinator.weekEnd).toBe('2027-01-03');
    const tasks = coordinator.items.filter((i) => i.kind === 'task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      expect(['overdue', 'week', 'today']).toContain(task.urgency);
      expect(task.link).toMatchObject({ page: 'task', year: 2026 });
    }
    const kt = (await work('kinhte.binhgiang')).items.filter((i) => i.kind === 'task');
    expect(kt.length).toBeGreaterThan(0);
    expect(kt.length).toBeLessThan(tasks.length);
    const ktTasks = await t.database.db
      .selectFrom('plan_tasks as t')
      .innerJoin('units as u', 'u.id', 't.lead_unit_id')
      .select(['t.id', 'u.code', 't.coordinating_unit_ids'])
      .where('t.commune_id', '=', binhGiang)
      .execute();
    const ktId = clients['kinhte.binhgiang']!.me.unit.id;
    for (const task of kt) {
      const row = ktTasks.find((r) => task.key === `task:${r.id}`)!;
      expect(row.code === 'KT' || row.coordinating_unit_ids.includes(ktId)).toBe(true);
    }
    // a village head has no unit's tasks
    expect((await work('thon1.binhgiang')).items.filter((i) => i.kind === 'task')).toEqual([]);
  });
});
