/**
 * The city's workspace (issue 13): every figure of the side-by-side view equals what the commune
 * sees on its own routes; a city sees only its communes, a national account all; the appraisal
 * rounds; bad input refused in Vietnamese with nothing written; the official indices' import.
 */
import { vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../src/db/query-count.ts';
import { taskFigures } from '../src/plans/figures.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let city: Client;
const today = vietnamDate(new Date());
const YEAR = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  city = await login(t.app, 'snv.haiphong');
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: the answers are read freely
type Json = any;

async function view(client: Client, query = `year=${YEAR}`): Promise<Json> {
  const res = await client.get(`/api/city/communes?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function hongBangAssessment(): Promise<string> {
  const id = await communeIdOf(t.database, 'HP-HONGBANG');
  const row = await t.database.db
    .selectFrom('assessments')
    .select('id')
    .where('commune_id', '=', id)
    .where('year', '=', 2026)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sends one file as multipart/form-data, field "file". */
function multipart(client: Client, url: string, bytes: Buffer) {
  const boundary = `----cqtt${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chi-so.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: client.cookie!,
      'x-csrf-token': client.csrfToken!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

async function indicesXlsx(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Chi so');
  sheet.addRow(['KẾT QUẢ CHỈ SỐ']);
  sheet.addRow([
    'Mã xã',
    'Tên',
    'Năm',
    'SIPAS (%)',
    'Xếp hạng SIPAS',
    'PAR INDEX (%)',
    'Xếp hạng PAR INDEX',
    'Quyết định công bố',
    'Ngày quyết định',
  ]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('every figure of the side-by-side view is the commune’s own', () => {
  it('for each demo commune of Hải Phòng, as its coordinator sees it on its own routes', async () => {
    const v = await view(city);
    const pairs: [string, string][] = [
      ['HP-BINHGIANG', 'vhxh.binhgiang'],
      ['HP-HONGBANG', 'vhxh.hongbang'],
      ['HP-CATHAI', 'vhxh.cathai'],
    ];
    const linked: string[] = [];
    for (const [code, username] of pairs) {
      const row = v.items.find((r: Json) => r.communeCode === code);
      expect(row, code).toBeDefined();
      const own = await login(t.app, username);
      // satisfaction: the officials' dashboard over the year so far
      const dash = (await own.get(`/api/satisfaction/dashboard?from=${YEAR}-01-01&to=${today}`)).json();
      expect(row.satisfaction.index, code).toBe(dash.questionnaire.overall);
      expect(row.satisfaction.responses, code).toBe(dash.questionnaire.responses);
      expect(
        row.satisfaction.elements.map((e: Json) => [e.key, e.index, e.answers]),
        code,
      ).toEqual(dash.questionnaire.elements.map((e: Json) => [e.key, e.index, e.answers]));
      expect(row.satisfaction.answers, code).toBe(
        dash.questionnaire.elements.reduce((n: number, e: Json) => n + e.answers, 0),
      );
      expect([row.counter.index, row.counter.ratings], code).toEqual([
        dash.counter.index,
        dash.counter.ratings,
      ]);
      // feedback: the year's statistics of the feedback queue
      const stats = (await own.get(`/api/feedback/stats?year=${YEAR}`)).json();
      const feedback = stats.byStatus.filter((s: Json) => s.kind === 'feedback');
      const count = (statuses: string[]) =>
        feedback
          .filter((s: Json) => statuses.includes(s.status))
          .reduce((n: number, s: Json) => n + s.count, 0);
      expect(row.feedback.received, code).toBe(count(feedback.map((s: Json) => s.status)));
      expect(row.feedback.answered, code).toBe(count(['published', 'rated', 'rejected']));
      const onTime = stats.measures.find((m: Json) => m.key === 'feedback.answeredOnTimeShare');
      expect(row.feedback.onTimeShare, code).toBe(onTime.value);
      expect(row.feedback.answeredOnTime, code).toBe(
        onTime.figures.find((f: Json) => f.label === 'Trả lời đúng hạn').value,
      );
      expect(row.feedback.overdue, code).toBe(
        onTime.figures.find((f: Json) => f.label === 'Chưa trả lời, đã quá hạn').value,
      );
      // plan tasks: the year's occurrences of the commune's plans
      // (tasks carried by the work that fulfils them included: read for the whole set at once)
      const plans = (await own.get('/api/plans')).json();
      let due = 0;
      let done = 0;
      let overdue = 0;
      for (const p of plans.items ?? plans) {
        const list = (await own.get(`/api/plans/${p.id}/occurrences?year=${YEAR}`)).json();
        for (const o of list) {
          if (o.fulfilment !== null) linked.push(`${code} ${o.fulfilment.kind} ${o.source}`);
          if (o.dueDate === null || o.dueDate > today) continue;
          due++;
          if (o.completedOn !== null && o.completedOn <= o.dueDate) done++;
          if (o.status === 'overdue') overdue++;
        }
      }
      expect([row.tasks.due, row.tasks.onTime, row.tasks.overdue], code).toEqual([due, done, overdue]);
      expect(row.tasksOnTimeShare, code).toBe(due === 0 ? null : done / due);
      // outreach: the coverage page
      const coverage = (await own.get(`/api/outreach-coverage?year=${YEAR}`)).json();
      expect(
        [
          row.outreach.activities,
          row.outreach.coveredVillages,
          row.outreach.activeVillages,
          row.outreach.villageShare,
        ],
        code,
      ).toEqual([coverage.activities, coverage.coveredVillages, coverage.activeVillages, coverage.share]);
      // budget: the estimate's totals
      const budgets = (await own.get(`/api/budgets?year=${YEAR}`)).json().items;
      const approved = budgets.filter((b: Json) => b.status === 'approved');
      expect(row.budget.approved, code).toBe(
        approved.reduce((n: number, b: Json) => n + b.totals.approved, 0),
      );
      // registration, assessment: the commune's own pages
      const regs = (await own.get(`/api/level-registrations?year=${YEAR}`)).json();
      expect(row.registeredLevel, code).toBe(regs[0]?.targetLevel ?? null);
      if (row.assessmentId) {
        const a = (await own.get(`/api/assessments/${row.assessmentId}`)).json();
        expect([row.total, row.selfLevel, row.maxTotal], code).toEqual([a.total, a.level, a.maxTotal]);
        expect(row.groups, code).toEqual(
          a.groups.map((g: Json) => ({
            code: g.code,
            name: g.name,
            points: g.points,
            maxPoints: g.maxPoints,
          })),
        );
        expect(row.recognisedLevel, code).toBe(a.recognition?.level ?? null);
      } else expect(row.total, code).toBeNull();
    }
    // the comparison covers tasks that follow their work, some of them done by it
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.some((l) => l.endsWith(' work'))).toBe(true);
  });

  it('reads the work that fulfils linked tasks for a set of communes in as many queries as for one', async () => {
    const ids = await Promise.all(
      ['HP-BINHGIANG', 'HP-HONGBANG', 'HP-CATHAI'].map((c) => communeIdOf(t.database, c)),
    );
    const tasks = await t.database.db
      .selectFrom('plan_tasks')
      .select(['commune_id', 'fulfilment'])
      .where('fulfilment', 'is not', null)
      .execute();
    // Bình Giang's plan has tasks carried by their work; the three communes cost what it costs alone
    expect(tasks.some((x) => x.commune_id === ids[0])).toBe(true);
    const scope = (communeIds: string[]) => ({ communeIds, years: [YEAR - 1, YEAR], today });
    const one = await countQueries(() => taskFigures(t.database.db, scope([ids[0]!])));
    const all = await countQueries(() => taskFigures(t.database.db, scope(ids)));
    // one read per kind of linked work, whatever the number of communes (no query per commune)
    const kindsOfFirst = new Set(tasks.filter((x) => x.commune_id === ids[0]).map((x) => x.fulfilment));
    const kindsOfAll = new Set(tasks.filter((x) => ids.includes(x.commune_id)).map((x) => x.fulfilment));
    expect(all.queries).toBeLessThanOrEqual(one.queries + 2 * (kindsOfAll.size - kindsOfFirst.size));
    // the set's cell of a commune is that commune's own
    for (const id of ids) {
      const own = await taskFigures(t.database.db, scope([id]));
      for (const y of [YEAR - 1, YEAR])
        expect(all.result.get(`${id}|${y}`), id).toEqual(own.get(`${id}|${y}`));
    }
  });

  it('answers the contract’s fields, sorts by satisfaction, ranks ties, filters without diacritics, and says its query count', async () => {
    const res = await city.get(`/api/city/communes?year=${YEAR}&sort=satisfaction`);
    expect(Number(res.headers['x-query-count'])).toBeGreaterThan(0);
    const v = res.json();
    expect(v.items.map((r: Json) => r.communeCode).sort()).toEqual([
      'HP-BINHGIANG',
      'HP-CATHAI',
      'HP-HONGBANG',
    ]);
    const values = v.items.map((r: Json) => r.satisfaction.index);
    const present = values.filter((x: number | null) => x !== null);
    expect(present).toEqual([...present].sort((a: number, b: number) => b - a));
    expect(values.slice(present.length).every((x: null) => x === null)).toBe(true);
    for (const r of v.items) {
      expect(r.rank === null).toBe(r.satisfaction.index === null);
      for (const key of [
        'communeCode',
        'communeName',
        'kind',
        'registeredLevel',
        'registeredOnTime',
        'selfLevel',
        'recognisedLevel',
        'total',
        'tasksOnTimeShare',
        'stage',
      ])
        expect(r).toHaveProperty(key);
    }
    const found = await view(city, `year=${YEAR}&q=${encodeURIComponent('cat hai')}`);
    expect(found.items.map((r: Json) => r.communeName)).toEqual(['Đặc khu Cát Hải']);
    const kind = await view(city, `year=${YEAR}&kind=phuong`);
    expect(kind.items.map((r: Json) => r.communeCode)).toEqual(['HP-HONGBANG']);
    const notRegistered = await view(city, `year=${YEAR}&stage=not_registered`);
    expect(notRegistered.items.map((r: Json) => r.communeCode)).toEqual(['HP-CATHAI']);
    // the trend: a range gives every year, oldest first, and the last year's figures on the row
    const range = await view(city, `from=${YEAR - 1}&to=${YEAR}`);
    expect(range.items[0].years.map((y: Json) => y.year)).toEqual([YEAR - 1, YEAR]);
    expect(range.items[0].year).toBe(YEAR);
  });
});

describe('tenancy: a city sees only its communes, a national account all', () => {
  it('Hà Nội sees Ba Đình only; the ministry sees every commune and changes nothing', async () => {
    const haNoi = await login(t.app, 'snv.hanoi');
    expect((await view(haNoi)).items.map((r: Json) => r.communeCode)).toEqual(['HN-BADINH']);
    const hongBang = await communeIdOf(t.database, 'HP-HONGBANG');
    expect((await haNoi.get(`/api/city/communes/${hongBang}`)).statusCode).toBe(404);
    const assessment = await hongBangAssessment();
    const refused = await haNoi.post(`/api/assessments/${assessment}/return`, { request: 'Bổ sung' });
    expect(refused.statusCode).toBe(404);
    expect((await haNoi.get(`/api/assessments/${assessment}/rounds`)).statusCode).toBe(404);
    const home = (await haNoi.get(`/api/city/home?year=${YEAR}`)).json();
    expect(home.alerts.every((a: Json) => a.communeCode === 'HN-BADINH')).toBe(true);

    const ministry = await login(t.app, 'bnv.quocgia');
    const all = await view(ministry);
    expect(all.items.map((r: Json) => r.communeCode).sort()).toEqual([
      'HN-BADINH',
      'HP-BINHGIANG',
      'HP-CATHAI',
      'HP-HONGBANG',
    ]);
    expect((await ministry.get(`/api/city/communes/${hongBang}`)).statusCode).toBe(200);
    const write = await ministry.post(`/api/assessments/${assessment}/return`, { request: 'Bổ sung' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toMatch(/quyền/);
    const commune = await login(t.app, 'vhxh.binhgiang');
    expect((await commune.get('/api/city/communes')).statusCode).toBe(403);
  });
});

describe('home: stages, levels against targets, alerts naming who is behind', () => {
  it('names Cát Hải, which did not register, and shows the gap to 100% at level 3', async () => {
    const res = await city.get(`/api/city/home?year=${YEAR}`);
    const home = res.json();
    expect(Number(res.headers['x-query-count'])).toBeGreaterThan(0);
    expect(home.stages.communes).toBe(3);
    expect(home.stages.notRegistered).toBe(1);
    const alert = home.alerts.find((a: Json) => a.kind === 'not_registered');
    expect(alert.communeCode).toBe('HP-CATHAI');
    expect(alert.text).toContain('Đặc khu Cát Hải chưa đăng ký mức độ');
    const level3 = home.gaps.find((g: Json) => g.level === 3);
    expect(level3.target).toBe(1);
    expect(level3.missing).toBe(3 - level3.reached);
  });
});

describe('appraisal: return for more material, resubmit, recognise', () => {
  it('keeps every round; the commune sees the request, answers and resubmits; the decision date is checked', async () => {
    const id = await hongBangAssessment();
    const queue = (await city.get(`/api/city/appraisals?year=2026&status=submitted`)).json();
    expect(queue.map((q: Json) => q.communeCode)).toContain('HP-HONGBANG');
    const item = queue.find((q: Json) => q.communeCode === 'HP-HONGBANG');
    expect(item.submittedOnTime).toBe(true);

    // bad input writes nothing
    const before = await t.database.db
      .selectFrom('assessments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const empty = await city.post(`/api/assessments/${id}/return`, { request: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/[Tt]rường|bắt buộc|ký tự|yêu cầu/);
    const future = await city.post(`/api/assessments/${id}/recognition`, {
      level: 2,
      decisionNumber: '45/QĐ-UBND',
      decisionDate: '2099-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('tương lai');
    const early = await city.post(`/api/assessments/${id}/recognition`, {
      level: 2,
      decisionNumber: '45/QĐ-UBND',
      decisionDate: '2026-11-09',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('trước ngày xã gửi hồ sơ');
    const after = await t.database.db
      .selectFrom('assessments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);

    const returned = await city.post(`/api/assessments/${id}/return`, {
      request: 'Đề nghị bổ sung biên bản họp xét của Hội đồng.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().rounds).toHaveLength(1);
    // returned twice is refused: the file is with the commune now
    expect((await city.post(`/api/assessments/${id}/return`, { request: 'Lần nữa' })).statusCode).toBe(409);

    const commune = await login(t.app, 'vhxh.hongbang');
    const seen = (await commune.get(`/api/assessments/${id}/rounds`)).json();
    expect(seen[0].request).toBe('Đề nghị bổ sung biên bản họp xét của Hội đồng.');
    expect((await commune.get(`/api/assessments/${id}`)).json().status).toBe('returned');
    expect((await commune.post(`/api/assessments/${id}/resubmit`, { answer: '' })).statusCode).toBe(400);
    const again = await commune.post(`/api/assessments/${id}/resubmit`, {
      answer: 'Phường đã bổ sung biên bản họp xét ngày 05/11.',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().rounds[0].answer).toBe('Phường đã bổ sung biên bản họp xét ngày 05/11.');

    // the submission is now today's: a decision dated before it is refused, today's is recorded
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    if (yesterday >= '2026-11-10') {
      const stale = await city.post(`/api/assessments/${id}/recognition`, {
        level: 2,
        decisionNumber: '45/QĐ-UBND',
        decisionDate: yesterday,
      });
      expect(stale.statusCode).toBe(400);
    }
    const ok = await city.post(`/api/assessments/${id}/recognition`, {
      level: 2,
      decisionNumber: '45/QĐ-UBND',
      decisionDate: today,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const history = (await city.get(`/api/assessments/${id}/rounds`)).json();
    expect(history).toHaveLength(1);
    const events = (await city.get(`/api/assessments/${id}`)).json().events.map((e: Json) => e.action);
    expect(events).toEqual(expect.arrayContaining(['city_return', 'resubmit', 'recognise']));

    // the public page of the city shows the recognised level, nothing personal
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/cities/HP?year=2026` });
    expect(pub.statusCode).toBe(200);
    const hb = pub.json().communes.find((c: Json) => c.code === 'HP-HONGBANG');
    expect(hb.recognisedLevel).toBe(2);
    expect(pub.body).not.toMatch(/vhxh|snv\.|@demo|Cán bộ/);
  });
});

describe('the city’s targets and publishing', () => {
  it('refuses a share outside 0-100 % and writes nothing; saves a valid year', async () => {
    const bad = await city.request('PUT', '/api/city/years/2027', {
      targets: [{ level: 3, share: 120 }],
      satisfactionAlert: 90,
      overdueFeedbackAlert: 0,
      overdueTasksAlert: 0,
      publish: { levels: true, sipas: true, parIndex: false, satisfaction: false },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/100/);
    expect((await city.get('/api/city/years/2027')).json().updatedAt).toBeNull();
    const inverted = await city.request('PUT', '/api/city/years/2027', {
      targets: [
        { level: 3, share: 50 },
        { level: 4, share: 80 },
      ],
      satisfactionAlert: null,
      overdueFeedbackAlert: 0,
      overdueTasksAlert: 0,
      publish: { levels: true, sipas: false, parIndex: false, satisfaction: false },
    });
    expect(inverted.statusCode).toBe(400);
    const good = await city.request('PUT', '/api/city/years/2027', {
      targets: [{ level: 3, share: 100 }],
      satisfactionAlert: 90,
      overdueFeedbackAlert: 2,
      overdueTasksAlert: 1,
      publish: { levels: true, sipas: true, parIndex: true, satisfaction: false },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().targets).toEqual([{ level: 3, share: 100 }]);
    const commune = await login(t.app, 'vhxh.binhgiang');
    expect((await commune.request('PUT', '/api/city/years/2027', good.json())).statusCode).toBe(403);
  });
});

describe('official indices from XLSX: all or nothing, every bad row listed', () => {
  it('refuses unknown commune codes and bad values, storing nothing; imports a clean file', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('official_indices')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await multipart(
      city,
      '/api/official-indices/import.xlsx',
      await indicesXlsx([
        ['HP-HONGBANG', 'Phường Hồng Bàng', 2026, 88.5, 3, null, null, 'QĐ 1/QĐ-UBND', '20/11/2026'],
        ['HP-KHONGCO', 'Không có', 2026, 80, null, null, null, 'QĐ 1/QĐ-UBND', null],
        ['HN-BADINH', 'Ba Đình', 2026, 80, null, null, null, 'QĐ 1/QĐ-UBND', null],
        ['HP-CATHAI', 'Cát Hải', 2026, 180, null, null, null, 'QĐ 1/QĐ-UBND', null],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    const problems = bad.json().error.details.map((d: Json) => d.message);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('Dòng 4');
    expect(problems[0]).toContain('HP-KHONGCO');
    expect(problems[1]).toContain('HN-BADINH');
    expect(problems[2]).toContain('SIPAS');
    expect(await count()).toBe(before);

    const good = await multipart(
      city,
      '/api/official-indices/import.xlsx',
      await indicesXlsx([
        [
          'HP-HONGBANG',
          'Phường Hồng Bàng',
          2026,
          88.5,
          3,
          79.25,
          5,
          'Quyết định số 3120/QĐ-UBND',
          '25/11/2026',
        ],
      ]),
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().saved).toBe(2);
    // stored as if typed: one audit row per result, in the commune's history, as the indices page writes
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'commune_id'])
      .where('entity_type', '=', 'official_index')
      .where('commune_id', '=', await communeIdOf(t.database, 'HP-HONGBANG'))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['official_indices.create', 'official_indices.create']);
    const listed = (await city.get('/api/official-indices?year=2026')).json();
    expect(listed.find((i: Json) => i.communeCode === 'HP-HONGBANG' && i.kind === 'par_index').value).toBe(
      79.25,
    );
    const row = (await view(city, 'year=2026&q=hong bang')).items[0];
    expect(row.official).toEqual({ sipas: 88.5, parIndex: 79.25 });
    // not a spreadsheet: refused
    const text = await multipart(city, '/api/official-indices/import.xlsx', Buffer.from('Mã xã;SIPAS'));
    expect(text.statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('the view as XLSX and the city’s summary report as DOCX', async () => {
    const xlsx = await city.get(`/api/city/communes.xlsx?year=${YEAR}&sort=name`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    for (const name of ['Xã Bình Giang', 'Phường Hồng Bàng', 'Đặc khu Cát Hải']) expect(text).toContain(name);
    expect(text).not.toContain('Ba Đình');
    const docx = await city.get(`/api/city/report.docx?year=${YEAR}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
