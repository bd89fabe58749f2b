import { vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SET } from '../src/demo/criteria.ts';
import { type Client, createTestApp, login, type TestApp, uploadFile } from './harness.ts';

/**
 * A criteria set with a deduction criterion ("trừ tối đa 10 điểm") and five levels, as a city's
 * decision may define them: imported, exported and imported back, registered for, scored, reported.
 */
let t: TestApp;
let city: Client;
let coordinator: Client;
const TODAY = vietnamDate(new Date());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function fiveLevelSet() {
  const set = clone(SAMPLE_SET) as unknown as {
    code: string;
    name: string;
    groups: Array<{ code: string; name: string; criteria: Array<Record<string, unknown>> }>;
    levels: Array<Record<string, unknown>>;
  };
  set.code = 'HP-5MUC';
  set.name = 'Bộ tiêu chí năm mức, có điểm trừ';
  set.groups.push({
    code: 'VII',
    name: 'Điểm trừ',
    criteria: [
      {
        code: 'VII.1',
        name: 'Vi phạm kỷ luật, kỷ cương hành chính (trừ tối đa 10 điểm)',
        maxPoints: 10,
        deduction: true,
        indicators: [
          { code: 'VII.1.1', name: 'Cán bộ bị kỷ luật trong năm', maxPoints: 6 },
          { code: 'VII.1.2', name: 'Để xảy ra khiếu nại đông người', maxPoints: 8 },
        ],
      },
    ],
  });
  set.levels = [
    { level: 1, minTotal: 50 },
    { level: 2, minTotal: 60 },
    { level: 3, minTotal: 70 },
    { level: 4, minTotal: 80 },
    { level: 5, minTotal: 95 },
  ];
  return set;
}

let setId: string;
let assessmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  city = await login(t.app, 'snv.haiphong');
  coordinator = await login(t.app, 'vhxh.cathai');
});
afterAll(() => t.close());

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body as Record<string, unknown>);

describe('a set with deductions and five levels', () => {
  it('is imported and listed with its five levels and its deduction; its maximum stays 100', async () => {
    const res = await city.post('/api/criteria-sets', fiveLevelSet());
    expect(res.statusCode, res.body).toBe(201);
    setId = res.json().id;
    const listed = (await city.get('/api/criteria-sets')).json().find((s: { id: string }) => s.id === setId);
    expect(listed).toMatchObject({ code: 'HP-5MUC', maxTotal: 100, levelCount: 5, deductions: 1 });
    const sample = (await city.get('/api/criteria-sets'))
      .json()
      .find((s: { code: string }) => s.code === 'MAU-CQTT');
    expect(sample).toMatchObject({ levelCount: 4, deductions: 0 });
    const detail = (await city.get(`/api/criteria-sets/${setId}`)).json();
    expect(detail.groups.at(-1).criteria[0]).toMatchObject({
      code: 'VII.1',
      deduction: true,
      maxPoints: 10,
      passPoints: 0,
    });
  });

  it('goes out to XLSX with its deduction marked and comes back in as the same set (version 2)', async () => {
    const xlsx = await city.get(`/api/criteria-sets/${setId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('Chỉ tiêu')!.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows[0]!;
    const col = header.indexOf('deduction');
    expect(col).toBeGreaterThan(0);
    expect(rows.filter((r) => r[col] === 'x').map((r) => r[header.indexOf('indicatorCode')])).toEqual([
      'VII.1.1',
      'VII.1.2',
    ]);
    expect(wb.getWorksheet('Mức')!.rowCount).toBe(6);
    const back = await uploadFile(
      t.app,
      city,
      '/api/criteria-sets/import.xlsx',
      xlsx.rawPayload,
      'bo-5-muc.xlsx',
      XLSX,
    );
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ code: 'HP-5MUC', version: 2 });
    const [a, b] = await Promise.all([
      city.get(`/api/criteria-sets/${setId}`),
      city.get(`/api/criteria-sets/${back.json().id}`),
    ]);
    expect(b.json().groups).toEqual(a.json().groups);
    expect(b.json().levels).toEqual(a.json().levels);
  });

  it('a deduction that names a measure or asks a pass mark is refused, nothing stored', async () => {
    const bad = fiveLevelSet();
    const d = bad.groups.at(-1)!.criteria[0]! as {
      passPoints?: number;
      indicators: Array<Record<string, unknown>>;
    };
    d.passPoints = 5;
    d.indicators[0]!.measure = 'plans.tasksOnTimeShare';
    const res = await city.post('/api/criteria-sets', bad);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((p: { path: string }) => p.path)
        .sort(),
    ).toEqual(['groups.6.criteria.0.indicators.0.measure', 'groups.6.criteria.0.passPoints']);
  });

  it('a commune registers any level the set in effect defines, and not one beyond', async () => {
    const six = await coordinator.post('/api/level-registrations', {
      year: 2027,
      targetLevel: 6,
      justification: 'Mức 6.',
    });
    expect(six.statusCode).toBe(400);
    expect(six.json().error.message).toContain('chỉ có 5 mức');
    const five = await coordinator.post('/api/level-registrations', {
      year: 2027,
      targetLevel: 5,
      justification: 'Mức 5: cao nhất của bộ tiêu chí.',
    });
    expect(five.statusCode, five.body).toBe(201);
  });

  it('scores: full marks reach level 5; deductions come off, within their cap, shown apart', async () => {
    const opened = await coordinator.post('/api/assessments', { year: 2027, criteriaSetId: setId });
    expect(opened.statusCode, opened.body).toBe(201);
    assessmentId = opened.json().id;
    const url = `/api/assessments/${assessmentId}`;
    const view = (await coordinator.get(url)).json();
    expect(view).toMatchObject({ total: 0, earned: 0, deducted: 0, maxTotal: 100, level: 0 });
    expect(view.levels.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4, 5]);
    for (const i of view.indicators.filter((x: { deduction: boolean }) => !x.deduction)) {
      const r = await put(coordinator, `${url}/scores/${i.code}`, { points: i.maxPoints, note: 'Đủ điểm' });
      expect(r.statusCode, `${i.code} ${r.body}`).toBe(200);
    }
    const full = (await coordinator.get(url)).json();
    expect(full).toMatchObject({ total: 100, earned: 100, deducted: 0, level: 5, levelLabel: 'Mức 5' });

    // one deduction of 6: 94, level 4
    const one = await put(coordinator, `${url}/scores/VII.1.1`, { points: 6, note: 'Một cán bộ bị kỷ luật' });
    expect(one.json()).toMatchObject({ total: 94, earned: 100, deducted: 6, level: 4 });
    // a deduction indicator takes no more than its own maximum
    expect((await put(coordinator, `${url}/scores/VII.1.2`, { points: 8.01 })).statusCode).toBe(400);
    // both: 14 asked, the cap 10 counts
    const both = (
      await put(coordinator, `${url}/scores/VII.1.2`, { points: 8, note: 'Khiếu nại đông người' })
    ).json();
    expect(both).toMatchObject({ total: 90, earned: 100, deducted: 10, level: 4 });
    expect(both.criteria.find((c: { code: string }) => c.code === 'VII.1')).toMatchObject({
      deduction: true,
      points: 10,
      uncapped: 14,
      maxPoints: 10,
      met: true,
    });
    expect(both.groups.find((g: { code: string }) => g.code === 'VII')).toEqual({
      code: 'VII',
      name: 'Điểm trừ',
      points: -10,
      maxPoints: 0,
      deducted: 10,
    });
    expect(both.indicators.find((i: { code: string }) => i.code === 'VII.1.2')).toMatchObject({
      deduction: true,
      points: 8,
    });
  });

  it('the report and the scoring table show the deductions apart, as negative points', async () => {
    const url = `/api/assessments/${assessmentId}`;
    const docx = await coordinator.get(`${url}/report.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Điểm đạt được: 100 điểm; điểm trừ: 10 điểm.');
    expect(text).toContain('Tổng điểm: 90/100 điểm');
    expect(text).toContain('tự đánh giá đạt: mức 4');
    expect(text).toContain('TỔNG ĐIỂM TRỪ');
    expect(text).toContain('các chỉ tiêu trừ 14 điểm, chỉ tính 10');
    const xlsx = await coordinator.get(`${url}/scores.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((r) => r[1] === 'VII.1.2')!.slice(1, 8)).toEqual([
      'VII.1.2',
      'Để xảy ra khiếu nại đông người',
      -8,
      -8,
      undefined,
      undefined,
      -8,
    ]);
    expect(rows.find((r) => r[1] === 'VII.1')![7]).toBe(-10);
    expect(rows.find((r) => r[2] === 'Tổng điểm trừ')![7]).toBe(-10);
    expect(rows.at(-1)!.slice(2, 10)).toEqual([
      'Tổng cộng',
      100,
      undefined,
      undefined,
      undefined,
      90,
      undefined,
      'Mức 4',
    ]);
  });

  it('the city recognises a level the set defines (5), not one beyond it', async () => {
    await t.database.db
      .updateTable('assessments')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', assessmentId)
      .execute();
    const url = `/api/assessments/${assessmentId}/recognition`;
    const six = await city.post(url, { level: 6, decisionNumber: '9/QĐ-UBND', decisionDate: TODAY });
    expect(six.statusCode).toBe(400);
    expect(six.json().error.message).toContain('chỉ có 5 mức');
    const five = await city.post(url, { level: 5, decisionNumber: '9/QĐ-UBND', decisionDate: TODAY });
    expect(five.statusCode, five.body).toBe(200);
    const view = (await city.get(`/api/assessments/${assessmentId}`)).json();
    expect(view.recognition).toMatchObject({ level: 5 });
  });
});
