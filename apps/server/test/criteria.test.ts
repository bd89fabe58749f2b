import { vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SET } from '../src/demo/criteria.ts';
import { type Client, createTestApp, login, type TestApp, uploadFile } from './harness.ts';

/** A recognition is dated neither in the future nor before the submission (made today here). */
const TODAY = vietnamDate(new Date());

let t: TestApp;
let coordinator: Client;
let city: Client;
let sampleId: string;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await login(t.app, 'vhxh.binhgiang');
  city = await login(t.app, 'snv.haiphong');
  sampleId = (await coordinator.get('/api/criteria-sets')).json()[0].id;
});
afterAll(() => t.close());

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body as Record<string, unknown>);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

async function setCount() {
  const rows = await t.database.db.selectFrom('criteria_sets').select('id').execute();
  return rows.length;
}

/** Sends one file as multipart/form-data, field "file". */
const upload = (c: Client, url: string, bytes: Buffer, filename: string, type: string) =>
  uploadFile(t.app, c, url, bytes, filename, type);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('criteria sets', () => {
  it('the demo ships the sample set, 100 points, named as a sample', async () => {
    const list = (await coordinator.get('/api/criteria-sets')).json();
    expect(list).toEqual([expect.objectContaining({ code: 'MAU-CQTT', version: 1, maxTotal: 100 })]);
    expect(list[0].name).toMatch(/mẫu/);
    const set = (await coordinator.get(`/api/criteria-sets/${sampleId}`)).json();
    expect(set.groups).toHaveLength(6);
    expect(set.levels.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('the city imports a set; the same code again makes version 2; a commune coordinator may not', async () => {
    const body = { ...clone(SAMPLE_SET), code: 'HP-2027', name: 'Bộ tiêu chí 2027' };
    const first = await city.post('/api/criteria-sets', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ code: 'HP-2027', version: 1 });
    const second = await city.post('/api/criteria-sets', body);
    expect(second.json()).toMatchObject({ code: 'HP-2027', version: 2 });
    expect((await coordinator.post('/api/criteria-sets', body)).statusCode).toBe(403);
    // nor the commune's administrator: the set belongs to the city (test/city-scope.test.ts)
    const admin = await login(t.app, 'admin');
    expect((await admin.post('/api/criteria-sets', { ...body, code: 'ADMIN-1' })).statusCode).toBe(403);
    // another city sees none of them
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.get('/api/criteria-sets')).json()).toEqual([]);
    expect((await hanoi.get(`/api/criteria-sets/${first.json().id}`)).statusCode).toBe(404);
  });

  it('a broken set is refused with every problem listed, and nothing is stored', async () => {
    const body = clone(SAMPLE_SET);
    body.groups[0]!.criteria[0]!.maxPoints = 9; // indicators sum to 8
    body.groups[1]!.criteria[1]!.code = 'II.1'; // duplicate
    body.groups[0]!.criteria[0]!.indicators[0]!.maxPoints = 3.999;
    body.levels[1]!.mandatory = ['KHONG-CO'];
    body.levels[2]!.minGroupShare = 2;
    body.levels[3]!.minIndex = { 'khong.co': 1 };
    const before = await setCount();
    const res = await city.post('/api/criteria-sets', body as unknown as Record<string, unknown>);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((p: { path: string }) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'groups.0.criteria.0.indicators.0.maxPoints',
        'groups.1.criteria.1.code',
        'levels.1.mandatory',
        'levels.2.minGroupShare',
        'levels.3.minIndex.khong.co',
      ]),
    );
    expect(res.json().error.message).toMatch(/lỗi, chưa lưu gì/);
    expect(await setCount()).toBe(before);
  });

  it('XLSX: export, then import the same columns back as a new version', async () => {
    const xlsx = await city.get(`/api/criteria-sets/${sampleId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // the date the set takes effect is a date Excel shows dd/mm/yyyy, not the text 2026-01-01
    const effective = workbook.getWorksheet('Thông tin')!.getCell('B6');
    expect(workbook.getWorksheet('Thông tin')!.getCell('A6').value).toBe('effectiveFrom');
    expect(effective.value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(effective.numFmt).toBe('dd/mm/yyyy');
    const res = await upload(city, '/api/criteria-sets/import.xlsx', xlsx.rawPayload, 'bo.xlsx', XLSX);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'MAU-CQTT', version: 2 });
    const again = (await city.get(`/api/criteria-sets/${res.json().id}`)).json();
    const original = (await city.get(`/api/criteria-sets/${sampleId}`)).json();
    expect(again.groups).toEqual(original.groups);
    expect(again.levels).toEqual(original.levels);
    expect([again.effectiveFrom, original.effectiveFrom]).toEqual(['2026-01-01', '2026-01-01']);
  });
});

describe('level registration', () => {
  it('the coordinator registers; the city sees every commune of its city with the on-time flag', async () => {
    const res = await coordinator.post('/api/level-registrations', {
      year: 2027,
      targetLevel: 3,
      justification: 'Đủ điều kiện đăng ký mức 3.',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      year: 2027,
      targetLevel: 3,
      onTime: true,
      communeName: 'Xã Bình Giang',
    });
    const late = await coordinator.post('/api/level-registrations', {
      year: 2026,
      targetLevel: 3,
      justification: 'Gửi lại.',
    });
    expect(late.json().onTime).toBe(false); // today is after 15/02/2026
    const all = (await city.get('/api/level-registrations?year=2026')).json();
    expect(all.map((r: { communeName: string }) => r.communeName).sort()).toEqual([
      'Phường Hồng Bàng',
      'Xã Bình Giang',
    ]);
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.get('/api/level-registrations')).json()).toEqual([]);
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    expect(
      (await focal.post('/api/level-registrations', { year: 2027, targetLevel: 1, justification: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await focal.get('/api/level-registrations'))
        .json()
        .every((r: { communeName: string }) => r.communeName === 'Xã Bình Giang'),
    ).toBe(true);
  });
});

describe('the assessment workflow', () => {
  let id: string;
  let focal: Client;
  let supervisor: Client;
  let leader: Client;
  const url = () => `/api/assessments/${id}`;

  beforeAll(async () => {
    focal = await login(t.app, 'ttpvhcc.binhgiang');
    supervisor = await login(t.app, 'mttq.binhgiang');
    leader = await login(t.app, 'chutich.binhgiang');
    await coordinator.post('/api/level-registrations', {
      year: 2027,
      targetLevel: 3,
      justification: 'Mức 3.',
    });
  });

  it('the coordinator opens the year once; others may not', async () => {
    expect((await focal.post('/api/assessments', { year: 2027, criteriaSetId: sampleId })).statusCode).toBe(
      403,
    );
    const res = await coordinator.post('/api/assessments', { year: 2027, criteriaSetId: sampleId });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(
      (await coordinator.post('/api/assessments', { year: 2027, criteriaSetId: sampleId })).statusCode,
    ).toBe(409);
    const view = (await coordinator.get(url())).json();
    expect(view).toMatchObject({
      year: 2027,
      status: 'self_scoring',
      total: 0,
      level: 0,
      registeredLevel: 3,
    });
    expect(view.groups[0]).toEqual({
      code: 'I',
      name: expect.any(String),
      points: 0,
      maxPoints: 15,
      deducted: 0,
    });
    expect(view.criteria[0]).toMatchObject({ code: 'I.1', points: 0, met: false });
    expect(view.missing).toMatchObject({ level: 3, reached: false, pointsShort: 80 });
  });

  it('a unit scores its own indicators, with evidence, and not another unit’s', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = await upload(focal, '/api/files', pdf, 'so-lieu.pdf', 'application/pdf');
    expect(file.statusCode, file.body).toBe(201);
    const ok = await put(focal, `${url()}/scores/II.1.1`, {
      points: 9.5,
      note: 'Tỷ lệ đúng hạn 98,2%',
      fileIds: [file.json().id],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const ind = ok.json().indicators.find((i: { code: string }) => i.code === 'II.1.1');
    expect(ind.self).toMatchObject({
      points: 9.5,
      note: 'Tỷ lệ đúng hạn 98,2%',
      files: [expect.objectContaining({ name: 'so-lieu.pdf' })],
    });
    expect(ind.canScore).toBe(true);
    expect((await put(focal, `${url()}/scores/I.1.1`, { points: 4 })).statusCode).toBe(403);
    expect((await put(supervisor, `${url()}/scores/II.1.1`, { points: 4, note: 'x' })).statusCode).toBe(403);
    expect((await put(focal, `${url()}/scores/KHONG-CO`, { points: 1 })).statusCode).toBe(404);
  });

  it('points outside 0..max or with three decimals are refused', async () => {
    for (const points of [-0.01, 10.01, 9.999, 1e9]) {
      const res = await put(coordinator, `${url()}/scores/II.1.1`, { points });
      expect(res.statusCode, `${points}`).toBe(400);
      expect(res.json().error.details[0].path).toBe('points');
    }
    expect((await put(coordinator, `${url()}/scores/II.1.1`, { points: 10 })).statusCode).toBe(200);
    expect((await put(coordinator, `${url()}/scores/II.1.1`, { points: 0 })).statusCode).toBe(200);
  });

  it('a measured indicator proposes a score with its figures; overriding it needs a reason', async () => {
    const view = (await coordinator.get(url())).json();
    const reg = view.indicators.find((i: { code: string }) => i.code === 'I.1.2');
    expect(reg.measure).toMatchObject({ key: 'criteria.registrationOnTime', value: 1, proposedPoints: 4 });
    expect(reg.measure.figures.length).toBeGreaterThan(0);
    const noReason = await put(coordinator, `${url()}/scores/I.1.2`, { points: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/lý do/);
    expect((await put(coordinator, `${url()}/scores/I.1.2`, { points: 4 })).statusCode).toBe(200);
    expect(
      (await put(coordinator, `${url()}/scores/I.1.2`, { points: 3, note: 'Văn bản thiếu chữ ký' }))
        .statusCode,
    ).toBe(200);
  });

  it('sums exactly, shows the level reached and what is missing for the registered level', async () => {
    const scores: Record<string, number> = {
      'I.1.1': 4,
      'I.1.2': 4,
      'I.2.1': 3.1,
      'I.2.2': 2.2,
      'II.1.1': 10,
      'II.1.2': 5,
      'II.2.1': 4,
      'II.2.2': 5.5,
      'III.1.1': 8,
      'III.1.2': 7,
      'IV.1.1': 9,
      'IV.1.2': 5,
      'V.1.1': 0.1,
      'V.1.2': 0.2,
      'VI.1.1': 8,
      'VI.1.2': 7,
    };
    for (const [code, points] of Object.entries(scores)) {
      const res = await put(coordinator, `${url()}/scores/${code}`, { points, note: 'Tự chấm' });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
    }
    const view = (await coordinator.get(url())).json();
    expect(view.total).toBe(82.1);
    expect(view.groups.find((g: { code: string }) => g.code === 'V')).toMatchObject({
      points: 0.3,
      maxPoints: 15,
    });
    // group V is at 2% of its points: level 3 asks every group at 60%
    expect(view.level).toBe(2);
    expect(view.missing).toMatchObject({
      level: 3,
      reached: false,
      pointsShort: 0,
      unmetMandatory: [],
      groupsBelow: [{ code: 'V', points: 0.3, maxPoints: 15, requiredShare: 0.6 }],
    });
    await put(coordinator, `${url()}/scores/V.1.1`, { points: 9 });
    const after = (await coordinator.get(url())).json();
    expect(after.total).toBe(91);
    expect(after.level).toBe(3);
    expect(after.missing.reached).toBe(true);
  });

  it('supervisors adjust only with a reason; the leader approves; the coordinator submits', async () => {
    expect((await focal.request('POST', `${url()}/actions`, { action: 'consolidate' })).statusCode).toBe(403);
    const consolidated = await coordinator.post(`${url()}/actions`, { action: 'consolidate' });
    expect(consolidated.statusCode, consolidated.body).toBe(200);
    expect(consolidated.json().status).toBe('consolidated');
    expect((await put(focal, `${url()}/scores/II.1.1`, { points: 1 })).statusCode).toBe(409);
    const noReason = await put(supervisor, `${url()}/scores/II.1.1`, { points: 8 });
    expect(noReason.statusCode).toBe(400);
    const adjusted = await put(supervisor, `${url()}/scores/II.1.1`, {
      points: 8,
      note: 'Có 3 hồ sơ trễ hạn chưa tính',
    });
    expect(adjusted.statusCode).toBe(200);
    const ind = adjusted.json().indicators.find((i: { code: string }) => i.code === 'II.1.1');
    expect(ind).toMatchObject({
      points: 8,
      self: { points: 10 },
      review: { points: 8, reason: 'Có 3 hồ sơ trễ hạn chưa tính' },
    });
    expect(adjusted.json().total).toBe(89);
    expect((await leader.post(`${url()}/actions`, { action: 'approve' })).statusCode).toBe(409);
    expect((await supervisor.post(`${url()}/actions`, { action: 'finish_review' })).statusCode).toBe(200);
    expect((await coordinator.post(`${url()}/actions`, { action: 'approve' })).statusCode).toBe(403);
    expect((await leader.post(`${url()}/actions`, { action: 'approve' })).json().status).toBe('approved');
    const submitted = await coordinator.post(`${url()}/actions`, { action: 'submit' });
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().events.map((e: { action: string }) => e.action)).toEqual([
      'open',
      'consolidate',
      'finish_review',
      'approve',
      'submit',
    ]);
  });

  it('nobody in the commune can change a submitted assessment; another city sees nothing', async () => {
    for (const c of [coordinator, focal, supervisor, leader, await login(t.app, 'admin')]) {
      const res = await put(c, `${url()}/scores/II.1.1`, { points: 1, note: 'sửa' });
      expect(res.statusCode, c.username).toBe(403);
      expect([403, 409]).toContain(
        (await c.post(`${url()}/actions`, { action: 'return', note: 'x' })).statusCode,
      );
    }
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.get(url())).statusCode).toBe(404);
    expect((await put(hanoi, `${url()}/scores/II.1.1`, { points: 1, note: 'x' })).statusCode).toBe(404);
    expect((await hanoi.get('/api/assessments')).json()).toEqual([]);
    const other = await login(t.app, 'vhxh.hongbang');
    expect((await other.get(url())).statusCode).toBe(404);
  });

  it('the city appraises per indicator with reasons and records the recognised level', async () => {
    const same = await put(city, `${url()}/scores/II.1.1`, { points: 8 });
    expect(same.statusCode, same.body).toBe(200);
    expect((await put(city, `${url()}/scores/III.1.2`, { points: 5 })).statusCode).toBe(400);
    const lowered = await put(city, `${url()}/scores/III.1.2`, {
      points: 5,
      note: 'Có 2 phản ánh vi phạm đã xác minh',
    });
    expect(lowered.json()).toMatchObject({ total: 87 });
    const recognised = await city.post(`${url()}/recognition`, {
      level: 3,
      decisionNumber: '1234/QĐ-UBND',
      decisionDate: TODAY,
    });
    expect(recognised.statusCode, recognised.body).toBe(200);
    expect(recognised.json()).toMatchObject({
      status: 'recognised',
      recognition: { level: 3, decisionNumber: '1234/QĐ-UBND', decisionDate: TODAY },
    });
    expect(
      (
        await coordinator.post(`${url()}/recognition`, {
          level: 4,
          decisionNumber: 'x',
          decisionDate: TODAY,
        })
      ).statusCode,
    ).toBe(403);
    const history = (await coordinator.get(`${url()}/scores/II.1.1/history`)).json();
    expect(history.map((h: { stage: string; points: number }) => [h.stage, h.points])).toEqual([
      ['self', 9.5],
      ['self', 10],
      ['self', 0],
      ['self', 10], // the exact-sum test
      ['review', 8],
      ['city', 8],
    ]);
    // each step told the people whose turn it was
    const titles = async (c: Client) =>
      (await c.get('/api/notifications?page=1&pageSize=50'))
        .json()
        .items.map((n: { title: string }) => n.title);
    expect(await titles(supervisor)).toContainEqual(expect.stringMatching(/năm 2027 .*chờ giám sát/));
    expect(await titles(leader)).toContainEqual(expect.stringMatching(/năm 2027 .*chờ lãnh đạo duyệt/));
    expect(await titles(city)).toContainEqual(expect.stringMatching(/năm 2027 .*đã gửi thành phố/));
    expect(await titles(city)).toContainEqual('Xã Bình Giang đăng ký mức 3 năm 2027');
    expect(await titles(coordinator)).toContainEqual(
      'Thành phố công nhận mức 3 năm 2027 (Quyết định số 1234/QĐ-UBND)',
    );
    expect(await titles(await login(t.app, 'snv.hanoi'))).toEqual([]);
    const list = (await city.get('/api/assessments?year=2027')).json();
    expect(list).toEqual([expect.objectContaining({ communeName: 'Xã Bình Giang', recognisedLevel: 3 })]);
  });

  it('exports the report (DOCX with the scoring table and the level) and the scoring table (XLSX)', async () => {
    const docx = await coordinator.get(`${url()}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm 2027');
    expect(text).toContain('PHỤ LỤC BẢNG CHẤM ĐIỂM');
    expect(text).toContain('Tỷ lệ hồ sơ giải quyết đúng và trước hạn');
    // the report is the one issued when the file was sent (#12): numbered, frozen, its total the
    // commune's own (89), without what the city did afterwards
    expect(text).toContain('Số: 01/BC-UBND');
    expect(text).toContain('Tổng điểm: 89/100 điểm');
    expect(text).toContain('tự đánh giá đạt: mức 3');
    expect(text).not.toContain('Quyết định số 1234/QĐ-UBND');
    const xlsx = await coordinator.get(`${url()}/scores.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const ii11 = rows.find((r) => r[1] === 'II.1.1')!;
    expect(ii11.slice(1, 8)).toEqual(['II.1.1', 'Tỷ lệ hồ sơ giải quyết đúng và trước hạn', 10, 10, 8, 8, 8]);
    expect(rows.at(-1)!.slice(2, 10)).toEqual([
      'Tổng cộng',
      100,
      undefined,
      undefined,
      undefined,
      87,
      undefined,
      'Mức 3',
    ]);
  });

  it('the city exports every commune’s registered and recognised levels; the history compares with the plan', async () => {
    const overview = (await city.get('/api/level-overview?year=2027')).json();
    expect(overview.map((r: { communeName: string }) => r.communeName)).toEqual([
      'Đặc khu Cát Hải',
      'Phường Hồng Bàng',
      'Xã Bình Giang',
    ]);
    expect(overview[2]).toMatchObject({
      registeredLevel: 3,
      registrationOnTime: true,
      recognisedLevel: 3,
      decisionNumber: '1234/QĐ-UBND',
    });
    const xlsx = await city.get('/api/level-overview.xlsx?year=2027');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.at(-1)!.slice(1, 11)).toEqual([
      3,
      'Xã Bình Giang',
      3,
      'Đúng hạn',
      'Thành phố đã công nhận',
      `Đúng hạn (${TODAY.split('-').reverse().join('/')})`,
      87,
      'Mức 3',
      'Mức 3',
      '1234/QĐ-UBND',
    ]);
    const history = (await coordinator.get('/api/level-history')).json();
    expect(history.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(history.years[0]).toMatchObject({ planTarget: 3, registeredLevel: 3 });
    expect(history.years[1]).toMatchObject({ year: 2027, registeredLevel: 3, recognisedLevel: 3 });
    const hanoi = await login(t.app, 'snv.hanoi');
    expect(
      (await hanoi.get('/api/level-overview?year=2027'))
        .json()
        .map((r: { communeName: string }) => r.communeName),
    ).toEqual(['Phường Ba Đình']);
    expect((await hanoi.get(`${url()}/report.docx`)).statusCode).toBe(404);
  });
});

describe('measured figures', () => {
  it('plans.tasksOnTimeShare: of the occurrences due up to today, the share done by their due date', async () => {
    const { tasksOnTimeShare } = await import('../src/plans/measures.ts');
    const { db } = t.database;
    const communeId = coordinator.me.commune.id as string;
    const none = await tasksOnTimeShare.compute(db, { communeId, year: 2026, today: '2026-01-01' });
    expect(none.value).toBeNull();
    const before = await tasksOnTimeShare.compute(db, { communeId, year: 2026, today: '2026-12-31' });
    const due = before.figures[0]!.value as number;
    expect(due).toBeGreaterThan(1);
    // the demo's tasks carried by work already done on time (the registration of 10/02, …) count
    const onTimeBefore = before.figures[1]!.value as number;
    expect(before.value).toBe(onTimeBefore / due);
    // complete two due occurrences: one on time, one late
    const plan = (await coordinator.get('/api/plans')).json()[0];
    const occ = (await coordinator.get(`/api/plans/${plan.id}/occurrences?year=2026`)).json();
    const dated = occ.filter(
      (o: { dueDate: string | null }) => o.dueDate !== null && o.dueDate <= '2026-12-31',
    );
    expect(dated.length).toBe(due);
    // two occurrences not done yet, completed by hand: their tasks no longer name the work
    // that fulfils them (a task carried by its work is tested in fulfilment.test.ts)
    const [a, b] = dated.filter((o: { status: string }) => o.status !== 'done');
    await db
      .updateTable('plan_tasks')
      .set({ fulfilment: null })
      .where('commune_id', '=', communeId)
      .where('id', 'in', [a.taskId, b.taskId])
      .execute();
    await db
      .insertInto('task_years')
      .values({
        commune_id: communeId,
        task_id: a.taskId,
        year: 2026,
        progress: 100,
        completed_on: a.dueDate,
        updated_at: new Date(),
      })
      .execute();
    const late = new Date(`${b.dueDate}T00:00:00Z`);
    late.setUTCDate(late.getUTCDate() + 1);
    await db
      .insertInto('task_years')
      .values({
        commune_id: communeId,
        task_id: b.taskId,
        year: 2026,
        progress: 100,
        completed_on: late.toISOString().slice(0, 10),
        updated_at: new Date(),
      })
      .execute();
    const after = await tasksOnTimeShare.compute(db, { communeId, year: 2026, today: '2026-12-31' });
    expect(after.value).toBe((onTimeBefore + 1) / due);
    expect(after.figures[1]).toEqual({ label: 'Hoàn thành đúng hạn', value: onTimeBefore + 1 });
  });

  it('criteria.registrationOnTime: 1 when sent by 15/02, 0 when late or missing', async () => {
    const { registrationOnTime } = await import('../src/criteria/measures.ts');
    const { db } = t.database;
    const hb = await db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HP-HONGBANG')
      .executeTakeFirstOrThrow();
    const bg = coordinator.me.commune.id as string;
    expect(
      (await registrationOnTime.compute(db, { communeId: hb.id, year: 2026, today: '2026-12-01' })).value,
    ).toBe(0);
    expect(
      (await registrationOnTime.compute(db, { communeId: bg, year: 2027, today: '2026-12-01' })).value,
    ).toBe(1);
    expect(
      (await registrationOnTime.compute(db, { communeId: bg, year: 2030, today: '2026-12-01' })).value,
    ).toBe(0);
  });
});

describe('imports that break the format, and the way back in the workflow', () => {
  it('an XLSX that is not a workbook, or whose rows break the rules, is refused with every problem', async () => {
    const before = await setCount();
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    const notXlsx = await upload(city, '/api/criteria-sets/import.xlsx', pdf, 'bo.xlsx', XLSX);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toMatch(/Excel/);

    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('Thông tin');
    info.addRows([
      ['key', 'value'],
      ['code', 'XLSX-LOI'],
      ['name', 'Bộ lỗi'],
      ['effectiveFrom', '2026-01-01'],
    ]);
    const rows = wb.addWorksheet('Chỉ tiêu');
    rows.addRow([
      'groupCode',
      'groupName',
      'criterionCode',
      'criterionName',
      'criterionMaxPoints',
      'passPoints',
      'responsibleUnit',
      'evidence',
      'guidance',
      'indicatorCode',
      'indicatorName',
      'indicatorMaxPoints',
      'measure',
    ]);
    rows.addRow(['A', 'Nhóm A', 'A1', 'Tiêu chí A1', 10, '', 'VHXH', '', '', 'A1.1', 'Chỉ tiêu 1', 4, '']);
    rows.addRow(['', '', '', '', '', '', '', '', '', 'A1.2', 'Chỉ tiêu 2', '5,5', 'khong.co']);
    const levels = wb.addWorksheet('Mức');
    levels.addRow(['level', 'minTotal', 'mandatory', 'minGroupShare', 'minIndex']);
    levels.addRow([1, 5, 'A1, Z9', '', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(city, '/api/criteria-sets/import.xlsx', bytes, 'loi.xlsx', XLSX);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'groups.0.criteria.0.indicators.1.measure',
      'groups.0.criteria.0.maxPoints',
      'levels.0.mandatory',
    ]);
    expect(await setCount()).toBe(before);
  });

  it('a city user cannot register or open for a commune; recognising before submission is refused', async () => {
    expect(
      (await city.post('/api/level-registrations', { year: 2030, targetLevel: 2, justification: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await city.post('/api/assessments', { year: 2030, criteriaSetId: sampleId })).statusCode).toBe(
      403,
    );
    const { id } = (
      await coordinator.post('/api/assessments', { year: 2030, criteriaSetId: sampleId })
    ).json();
    expect(
      (
        await city.post(`/api/assessments/${id}/recognition`, {
          level: 1,
          decisionNumber: '1/QĐ',
          decisionDate: '2030-12-01',
        })
      ).statusCode,
    ).toBe(409);
    // the leader may send it back from the review with a reason, and the units score again
    await coordinator.post(`/api/assessments/${id}/actions`, { action: 'consolidate' });
    const leader = await login(t.app, 'chutich.binhgiang');
    expect((await leader.post(`/api/assessments/${id}/actions`, { action: 'return' })).statusCode).toBe(400);
    const back = await leader.post(`/api/assessments/${id}/actions`, {
      action: 'return',
      note: 'Thiếu minh chứng nhóm II',
    });
    expect(back.json()).toMatchObject({ status: 'self_scoring' });
    expect(back.json().events.at(-1)).toMatchObject({ action: 'return', note: 'Thiếu minh chứng nhóm II' });
    expect((await put(coordinator, `/api/assessments/${id}/scores/I.1.1`, { points: 4 })).statusCode).toBe(
      200,
    );
  });
});
