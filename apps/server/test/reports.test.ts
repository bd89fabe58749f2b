/**
 * The yearly report and the review reports (issue 12): every section's figures equal what the
 * console's own routes show for the same year; the sơ kết of 2027 works with two years of data
 * and the tổng kết of 2030 with five (this file seeds 2027-2030, moving the clock forward); a review
 * in a year the plan schedules none is refused. The self-assessment report is frozen when it is
 * sent to the city. The year at a glance, the official indices and the targets as data.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';
import { convertWithLibreOffice, docxText, ISO_DATE } from './office.ts';

let t: TestApp;
let filesDir: string;
let communeId: string;
let planId: string;
const realToday = vietnamDate(new Date());
/** The review reports issued below, converted by LibreOffice at the end. */
const reviewFiles: Record<string, Buffer> = {};

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-reports-'));
  t = await createTestApp({ filesDir });
  communeId = await communeIdOf(t.database, 'HP-BINHGIANG');
  planId = (
    await t.database.db
      .selectFrom('plans')
      .select('id')
      .where('commune_id', '=', communeId)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

/** Moves the clock of this process (the server's "today") to a moment in Việt Nam. */
function clock(isoLocal: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${isoLocal}+07:00`));
}

describe('the yearly report of 2026: every section equals the console’s figures', () => {
  let vhxh: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the report is read freely
  let report: Record<string, any>;
  beforeAll(async () => {
    vhxh = await login(t.app, 'vhxh.binhgiang');
    const res = await vhxh.get('/api/reports/yearly?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
  });
  const get = async (url: string) => {
    const res = await vhxh.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('tasks: the plan’s occurrences and their counts', async () => {
    const summary = await get(`/api/plans/${planId}/summary?year=2026`);
    expect(report.tasks.totals).toEqual(summary.totals);
    const occurrences = await get(`/api/plans/${planId}/occurrences?year=2026`);
    const pick = (o: Record<string, unknown>) => [
      o.taskNumber,
      o.status,
      o.progress,
      o.completedOn,
      o.fulfilledText,
    ];
    expect(report.tasks.occurrences.map(pick)).toEqual(occurrences.map(pick));
  });

  it('outreach by channel and village coverage', async () => {
    const c = await get('/api/outreach-coverage?year=2026');
    expect(report.outreach).toMatchObject({
      activities: c.activities,
      audience: c.audience,
      activeVillages: c.activeVillages,
      coveredVillages: c.coveredVillages,
      share: c.share,
    });
    expect(report.outreach.channels).toEqual(
      c.channels.map((x: Record<string, unknown>) => ({
        kind: x.kind,
        label: x.label,
        activities: x.activities,
        audience: x.audience,
      })),
    );
  });

  it('the villages’ cultural titles', async () => {
    const v = await get('/api/village-assessments?year=2026');
    expect(report.villages).toMatchObject({
      activeVillages: v.activeVillages,
      recognised: v.recognised,
      cultureTitleShare: v.cultureTitleShare,
    });
  });

  it('satisfaction by the five elements and by counter, against the year’s target; the dossiers', async () => {
    const to = realToday < '2026-12-31' ? realToday : '2026-12-31';
    const d = await get(`/api/satisfaction/dashboard?from=2026-01-01&to=${to}`);
    expect(report.satisfaction.questionnaire).toEqual(d.questionnaire);
    expect(report.satisfaction.counter).toEqual({
      ratings: d.counter.ratings,
      satisfied: d.counter.satisfied,
      index: d.counter.index,
    });
    expect(report.satisfaction.byCounter).toEqual(
      d.byCounter.map((c: Record<string, unknown>) => ({
        label: c.label,
        ratings: c.ratings,
        satisfied: c.satisfied,
        index: c.index,
      })),
    );
    // the target is the plan's, as data: the same on the dashboard
    expect(report.satisfaction.target).toBe(0.9);
    expect(d.target).toBe(0.9);
    const dossiers = await get('/api/satisfaction/dossiers/on-time?year=2026');
    expect(report.satisfaction.dossiers).toEqual({
      counted: dossiers.counted,
      onTime: dossiers.onTime,
      late: dossiers.late,
      pending: dossiers.pending,
      share: dossiers.share,
    });
  });

  it('feedback received, answered, on time', async () => {
    const s = await get('/api/feedback/stats?year=2026');
    expect(report.feedback.byStatus).toEqual(s.byStatus);
    expect(report.feedback.overdue).toBe(s.overdue);
    expect(report.feedback.measures.map((m: { value: unknown }) => m.value)).toEqual(
      s.measures.map((m: { value: unknown }) => m.value),
    );
    expect(report.feedback.received).toBe(
      s.byStatus
        .filter((r: { kind: string }) => r.kind === 'feedback')
        .reduce((a: number, r: { count: number }) => a + r.count, 0),
    );
  });

  it('the level registered, self-assessed and recognised', async () => {
    const history = await get('/api/level-history');
    const y = history.years.find((x: { year: number }) => x.year === 2026);
    expect(report.level).toMatchObject({
      planTarget: y.planTarget,
      registeredLevel: y.registeredLevel,
      selfLevel: y.selfLevel,
      total: y.total,
      recognisedLevel: y.recognisedLevel,
    });
    const [assessment] = await get('/api/assessments?year=2026');
    expect(report.level.statusLabel).toBe(assessment.statusLabel);
  });

  it('rewards, budget, difficulties and good examples', async () => {
    const rewards = (await get('/api/rewards?year=2026&status=awarded&pageSize=100')).items;
    expect(report.rewards.items.map((r: { nomineeName: string }) => r.nomineeName)).toEqual(
      rewards.map((r: { nomineeName: string }) => r.nomineeName),
    );
    const [estimate] = (await get('/api/budgets?year=2026')).items;
    expect(report.budget).toMatchObject({
      estimated: estimate.totals.estimated,
      approved: estimate.totals.approved,
      spent: estimate.totals.spent,
    });
    const difficulties = await get('/api/difficulties?year=2026');
    expect(report.difficulties.reported).toBe(difficulties.length);
    const examples = (await get('/api/good-examples?year=2026&pageSize=100')).items;
    expect(report.examples.good.length + report.examples.shortcomings.length).toBe(examples.length);
  });

  it('only those who follow every unit read it; another commune’s is 404', async () => {
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await focal.get('/api/reports/yearly?year=2026')).statusCode).toBe(403);
    const city = await login(t.app, 'snv.haiphong');
    expect((await city.get(`/api/reports/yearly?year=2026&communeId=${communeId}`)).statusCode).toBe(200);
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.get(`/api/reports/yearly?year=2026&communeId=${communeId}`)).statusCode).toBe(404);
  });
});

describe('objectives as data, the official indices and the year at a glance', () => {
  it('the plan holds its yearly targets: level, raising it, satisfaction and feedback targets', async () => {
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const plan = (await vhxh.get(`/api/plans/${planId}`)).json();
    expect(plan.targets[0]).toEqual({
      year: 2026,
      level: 3,
      raiseLevel: false,
      satisfaction: 0.9,
      feedbackOnTime: 1,
    });
    expect(plan.targets[1]).toMatchObject({ year: 2027, raiseLevel: true });
    const bad = await vhxh.patch(`/api/plans/${planId}`, {
      targets: [{ year: 2026, level: 3, satisfaction: 1.5 }],
    });
    expect(bad.statusCode).toBe(400);
    const outside = await vhxh.patch(`/api/plans/${planId}`, { targets: [{ year: 2035, level: 3 }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/ngoài thời gian/);
  });

  it('the city enters SIPAS and PAR INDEX results with their decision; communes read their own', async () => {
    const city = await login(t.app, 'snv.haiphong');
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const body = {
      communeId,
      year: 2026,
      kind: 'sipas',
      value: 86.45,
      rank: 12,
      decision: 'Quyết định số 512/QĐ-UBND của Ủy ban nhân dân thành phố',
      // a decision is dated today at the latest (the import's rule too)
      decisionDate: vietnamDate(new Date()),
    };
    expect((await vhxh.request('PUT', '/api/official-indices', body)).statusCode).toBe(403);
    const admin = await login(t.app, 'admin');
    expect((await admin.request('PUT', '/api/official-indices', body)).statusCode).toBe(403);
    const bad = await city.request('PUT', '/api/official-indices', { ...body, value: 120 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/0 đến 100/);
    // the rules of the XLSX import hold for a typed result too (decision 0031)
    const future = await city.request('PUT', '/api/official-indices', {
      ...body,
      decisionDate: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toMatch(/tương lai/);
    const early = await city.request('PUT', '/api/official-indices', { ...body, decisionDate: '2025-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toMatch(/trước năm/);
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.request('PUT', '/api/official-indices', body)).statusCode).toBe(404);
    const saved = await city.request('PUT', '/api/official-indices', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      value: 86.45,
      kind: 'sipas',
      rank: 12,
      communeName: 'Xã Bình Giang',
    });
    const again = await city.request('PUT', '/api/official-indices', { ...body, value: 87.1 });
    expect(again.json().id).toBe(saved.json().id);
    expect((await vhxh.get('/api/official-indices')).json()).toEqual([
      expect.objectContaining({ value: 87.1 }),
    ]);
    expect((await login(t.app, 'vhxh.hongbang')).get('/api/official-indices')).toBeTruthy();
    const theirs = await (await login(t.app, 'vhxh.hongbang')).get('/api/official-indices');
    expect(theirs.json()).toEqual([]);
    const publicPage = await t.app.inject({
      method: 'GET',
      url: '/api/public/communes/HP-BINHGIANG/results',
    });
    expect(publicPage.json().indices).toEqual([expect.objectContaining({ kind: 'sipas', value: 87.1 })]);
  });

  it('the commune’s home: tasks due and overdue, the level and the assessment, figures against targets, 2026-2030', async () => {
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const g = (await vhxh.get('/api/reports/glance?year=2026')).json();
    expect(g.level.registration).toMatchObject({ level: 3, sentOn: '2026-02-10', onTime: true });
    expect(g.level.assessment).toMatchObject({
      status: 'submitted',
      submittedOn: '2026-11-05',
      submissionOnTime: true,
    });
    expect(g.satisfaction.target).toBe(0.9);
    expect(g.feedback.target).toBe(1);
    expect(g.objectives.map((o: { year: number }) => o.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(g.objectives[4]).toMatchObject({ targetLevel: 4 });
    expect(g.tasks.totals.done).toBeGreaterThanOrEqual(3);
    const publicPage = (
      await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG/results' })
    ).json();
    expect(publicPage.levels.map((l: { year: number }) => l.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(publicPage.satisfaction.target).toBe(0.9);
    expect(JSON.stringify(publicPage)).not.toMatch(/@|password|phone/);
  });
});

// ---------------------------------------------------------------- seeding later years

async function copySurveys(year: number, n: number) {
  const { db } = t.database;
  const source = await db
    .selectFrom('survey_responses')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('hidden_at', 'is', null)
    .limit(n)
    .execute();
  for (const r of source) {
    const answers = await db
      .selectFrom('survey_answers')
      .selectAll()
      .where('response_id', '=', r.id)
      .execute();
    const id = randomUUID();
    const day = `${year}-03-0${(source.indexOf(r) % 9) + 1}`;
    await db
      .insertInto('survey_responses')
      .values({
        commune_id: communeId,
        id,
        questionnaire_id: r.questionnaire_id,
        client_id: randomUUID(),
        dossier_code: null,
        answers: JSON.stringify(r.answers),
        responded_on: day,
        hidden_at: null,
        hidden_by: null,
        hidden_reason: null,
      })
      .execute();
    if (answers.length)
      await db
        .insertInto('survey_answers')
        .values(answers.map((a) => ({ ...a, response_id: id, responded_on: day })))
        .execute();
  }
}

async function seedYear(year: number, level: number, recognised: number | null) {
  const { db } = t.database;
  const coordinator = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'vhxh.binhgiang')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('level_registrations')
    .values({
      commune_id: communeId,
      year,
      target_level: level,
      justification: `Mức ${level} năm ${year}.`,
      sent_at: new Date(`${year}-02-05T03:00:00Z`),
      sent_by: coordinator.id,
      on_time: true,
    })
    .execute();
  const set = await db.selectFrom('criteria_sets').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('assessments')
    .values({
      commune_id: communeId,
      year,
      criteria_set_id: set.id,
      status: recognised === null ? 'submitted' : 'recognised',
      recognised_level: recognised,
      decision_number: recognised === null ? null : `${100 + year - 2026}/QĐ-UBND`,
      decision_date: recognised === null ? null : `${year}-12-20`,
      submitted_at: new Date(`${year}-11-05T03:00:00Z`),
      created_by: coordinator.id,
      updated_at: new Date(),
    })
    .execute();
  await copySurveys(year, 10 + year - 2026);
}

describe('sơ kết 2027 with two years of data, tổng kết 2030 with five', () => {
  afterEach(() => vi.useRealTimers());

  it('a review in a year the plan schedules none is refused in Vietnamese and writes nothing', async () => {
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const before = await t.database.db.selectFrom('documents').select('id').execute();
    for (const year of [2026, 2028, 2029]) {
      const res = await vhxh.post('/api/documents', { kind: 'review-report', year });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(
        /Kế hoạch không có sơ kết, tổng kết vào năm \d{4}; .*2027 và năm 2030/,
      );
      expect((await vhxh.get(`/api/reports/review?year=${year}`)).statusCode).toBe(400);
    }
    // after the plan's period there is no plan to review
    const after = await vhxh.post('/api/documents', { kind: 'review-report', year: 2031 });
    expect(after.statusCode).toBe(400);
    expect(after.json().error.message).toBe('Xã chưa có kế hoạch thực hiện mô hình trong năm 2031.');
    expect(await t.database.db.selectFrom('documents').select('id').execute()).toEqual(before);
  });

  it('2027: the self-assessment report is frozen when sent to the city (before 12/11)', async () => {
    clock('2027-01-20T09:00:00');
    let vhxh = await login(t.app, 'vhxh.binhgiang');
    expect(
      (
        await vhxh.post('/api/level-registrations', {
          year: 2027,
          targetLevel: 3,
          justification: 'Giữ mức 3, nâng chất lượng.',
        })
      ).statusCode,
    ).toBe(201);
    await copySurveys(2027, 12);
    clock('2027-10-01T09:00:00');
    vhxh = await login(t.app, 'vhxh.binhgiang');
    const set = (await vhxh.get('/api/criteria-sets')).json()[0];
    const opened = await vhxh.post('/api/assessments', { year: 2027, criteriaSetId: set.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    for (const [code, points] of [
      ['I.1.1', 4],
      ['II.1.2', 5],
      ['III.1.1', 8],
    ] as const) {
      const res = await vhxh.request('PUT', `/api/assessments/${id}/scores/${code}`, {
        points,
        note: 'Theo minh chứng.',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const draft = await vhxh.post('/api/documents', { kind: 'self-assessment-report', year: 2027 });
    expect(draft.statusCode, draft.body).toBe(201);
    await vhxh.patch(`/api/documents/${draft.json().id}`, {
      sections: {
        results: 'Duy trì mức 3.',
        shortcomings: 'Hồ sơ trực tuyến còn ít.',
        proposals: 'Đề nghị công nhận mức 3.',
      },
    });
    await vhxh.post(`/api/assessments/${id}/actions`, { action: 'consolidate' });
    const mttq = await login(t.app, 'mttq.binhgiang');
    await mttq.post(`/api/assessments/${id}/actions`, { action: 'finish_review' });
    const leader = await login(t.app, 'chutich.binhgiang');
    await leader.post(`/api/assessments/${id}/actions`, { action: 'approve' });
    clock('2027-11-05T09:00:00');
    vhxh = await login(t.app, 'vhxh.binhgiang');
    // without a signer (the plan names none here) the submission is refused and nothing changes
    await t.database.db.updateTable('plans').set({ signer_name: '' }).where('id', '=', planId).execute();
    const refused = await vhxh.post(`/api/assessments/${id}/actions`, { action: 'submit' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/họ tên người ký/);
    expect((await vhxh.get(`/api/assessments/${id}`)).json().status).toBe('approved');
    await t.database.db
      .updateTable('plans')
      .set({ signer_name: 'Vũ Đăng Chương' })
      .where('id', '=', planId)
      .execute();
    const sent = await vhxh.post(`/api/assessments/${id}/actions`, { action: 'submit' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('submitted');
    const doc = (await vhxh.get(`/api/documents/${draft.json().id}`)).json();
    expect(doc).toMatchObject({
      status: 'issued',
      issuedOn: '2027-11-05',
      signerName: 'Vũ Đăng Chương',
      symbol: 'BC-UBND',
    });
    const frozen = (await vhxh.get(`/api/assessments/${id}/report.docx`)).rawPayload;
    expect(createHash('sha256').update(frozen).digest('hex')).toBe(doc.sha256);
    const text = await docxText(frozen);
    expect(text).toContain(`Số: ${doc.fullNumber}`);
    for (const column of ['Tự chấm', 'Sau rà soát', 'Thẩm định', 'Điểm tính', 'Số liệu hệ thống đo'])
      expect(text).toContain(column);
    expect(text).toContain(
      `(Kèm theo Báo cáo số ${doc.fullNumber} ngày 05/11/2027 của Ủy ban nhân dân xã Bình Giang)`,
    );
    expect(text).toMatch(/Căn cứ Kế hoạch( số \S+)? ngày 15\/04\/2026 của Ủy ban nhân dân xã về/);
    expect(text).toContain('Duy trì mức 3.');
    expect(text).toContain('Hồ sơ trực tuyến còn ít.');
    expect(text).not.toMatch(ISO_DATE);
    // the city appraises and changes a score: the report sent stays as it was sent
    clock('2027-12-10T09:00:00');
    const city = await login(t.app, 'snv.haiphong');
    const score = await city.request('PUT', `/api/assessments/${id}/scores/III.1.1`, {
      points: 6,
      note: 'Thẩm định lại.',
    });
    expect(score.statusCode, score.body).toBe(200);
    const recognised = await city.post(`/api/assessments/${id}/recognition`, {
      level: 3,
      decisionNumber: '900/QĐ-UBND',
      decisionDate: '2027-12-10',
    });
    expect(recognised.statusCode, recognised.body).toBe(200);
    vhxh = await login(t.app, 'vhxh.binhgiang');
    const after = (await vhxh.get(`/api/assessments/${id}/report.docx`)).rawPayload;
    expect(createHash('sha256').update(after).digest('hex')).toBe(doc.sha256);
    expect(Buffer.compare(after, frozen)).toBe(0);
    // the city's table: sent before 12/11; 2026 too (05/11)
    const overview = (await city.get('/api/level-overview?year=2027')).json();
    expect(overview.find((r: { communeName: string }) => r.communeName === 'Xã Bình Giang')).toMatchObject({
      submissionOnTime: true,
    });
    const xlsx = await city.get('/api/level-overview.xlsx?year=2027');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[1]!).toContain('Gửi báo cáo tự đánh giá (trước 12/11)');
    expect(rows.at(-1)!).toContain('Đúng hạn (05/11/2027)');
  });

  it('2027: the sơ kết report sets 2026 and 2027 against the plan’s objectives', async () => {
    clock('2027-12-15T09:00:00');
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const res = await vhxh.get('/api/reports/review?year=2027');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ kind: 'so_ket', fromYear: 2026, toYear: 2027 });
    expect(r.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027]);
    const today = '2027-12-15';
    for (const row of r.years) {
      for (const [field, key] of [
        ['satisfactionIndex', 'satisfaction.index'],
        ['feedbackOnTime', 'feedback.answeredOnTimeShare'],
        ['tasksOnTime', 'plans.tasksOnTimeShare'],
      ] as const) {
        const m = await findMeasure(key)!.compute(t.database.db, { communeId, year: row.year, today });
        expect(row[field], `${row.year} ${key}`).toBe(m.value);
      }
    }
    expect(r.years[0]).toMatchObject({
      targetLevel: 3,
      raiseLevel: false,
      registeredLevel: 3,
      selfLevel: 3,
      satisfactionTarget: 0.9,
    });
    expect(r.years[1]).toMatchObject({
      targetLevel: 3,
      raiseLevel: true,
      registeredLevel: 3,
      recognisedLevel: 3,
    });
    expect(r.years[1].satisfactionIndex).not.toBeNull();
    const draft = await vhxh.post('/api/documents', { kind: 'review-report', year: 2027 });
    expect(draft.statusCode, draft.body).toBe(201);
    const office = await login(t.app, 'vpub.binhgiang');
    const issued = await office.post(`/api/documents/${draft.json().id}/issue`, {
      signerName: 'Vũ Đăng Chương',
      signerTitle: 'Chủ tịch',
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const bytes = (await vhxh.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    const text = await docxText(bytes);
    expect(text).toContain(
      'Sơ kết 2 năm (2026-2027) triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã',
    );
    expect(text).toContain('PHỤ LỤC KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2026-2027 SO VỚI MỤC TIÊU');
    expect(text).toContain('Năm 2026, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 3');
    expect(text).toContain('Năm 2030, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 4');
    expect(text).toMatch(
      /năm 2027: mục tiêu nâng mức độ \(tối thiểu mức độ 3\), được công nhận mức độ 3 \(đạt\)/,
    );
    expect(text).not.toMatch(ISO_DATE);
    // task 10 of 2027 is fulfilled by it
    const task10 = (await vhxh.get(`/api/plans/${planId}/occurrences?year=2027`))
      .json()
      .find((o: { taskNumber: number }) => o.taskNumber === 10);
    expect(task10).toMatchObject({
      status: 'done',
      completedOn: '2027-12-15',
      fulfilledBy: { kind: 'review_report' },
    });
    reviewFiles.soKet = bytes;
  });

  it('2030: the tổng kết report covers the five years', async () => {
    await seedYear(2028, 3, 3);
    await seedYear(2029, 3, 4);
    await seedYear(2030, 4, null);
    clock('2030-12-10T09:00:00');
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const r = (await vhxh.get('/api/reports/review?year=2030')).json();
    expect(r).toMatchObject({ kind: 'tong_ket', fromYear: 2026, toYear: 2030 });
    expect(
      r.years.map(
        (y: { year: number; targetLevel: number; registeredLevel: number; recognisedLevel: number }) => [
          y.year,
          y.targetLevel,
          y.registeredLevel,
          y.recognisedLevel,
        ],
      ),
    ).toEqual([
      [2026, 3, 3, null],
      [2027, 3, 3, 3],
      [2028, 3, 3, 3],
      [2029, 3, 3, 4],
      [2030, 4, 4, null],
    ]);
    for (const row of r.years) {
      const m = await findMeasure('satisfaction.index')!.compute(t.database.db, {
        communeId,
        year: row.year,
        today: '2030-12-10',
      });
      expect(row.satisfactionIndex).toBe(m.value);
    }
    const draft = await vhxh.post('/api/documents', { kind: 'review-report', year: 2030 });
    expect(draft.statusCode, draft.body).toBe(201);
    const leader = await login(t.app, 'chutich.binhgiang');
    const issued = await leader.post(`/api/documents/${draft.json().id}/issue`, {
      signerName: 'Vũ Đăng Chương',
      signerTitle: 'Chủ tịch',
    });
    expect(issued.json()).toMatchObject({ number: 1, issuedOn: '2030-12-10' });
    const bytes = (await vhxh.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    const text = await docxText(bytes);
    expect(text).toContain('Tổng kết 5 năm (2026-2030)');
    expect(text).toContain('Bình Giang, ngày 10 tháng 12 năm 2030');
    for (const y of [2026, 2027, 2028, 2029, 2030]) expect(text).toContain(`năm ${y}:`);
    expect(text).not.toMatch(ISO_DATE);
    reviewFiles.tongKet = bytes;
    // a second review of 2030 while one is issued: refused
    const again = await vhxh.post('/api/documents', { kind: 'review-report', year: 2030 });
    expect(again.statusCode).toBe(409);
  });

  it('the review reports open in LibreOffice', () => {
    const converted = convertWithLibreOffice(reviewFiles);
    if (!converted) return;
    expect(converted.soKet).toContain('BÁO CÁO');
    expect(converted.tongKet).toContain('Tổng kết 5 năm');
  }, 300_000);
});
