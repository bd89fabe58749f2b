/**
 * Villages (thôn): each year each village's cultural title and family counts with the
 * model's items; the village head enters for his village only, Phòng VH-XH reviews.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let thon: Client;
let villages: Record<string, string>;
let foreignVillage: string;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const ALL = ['democracy', 'outreach', 'feedback', 'conduct', 'procedures'];

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  thon = await login(t.app, 'thon1.binhgiang');
  villages = Object.fromEntries(
    (await vhxh.get('/api/villages')).json().map((v: { name: string; id: string }) => [v.name, v.id]),
  );
  foreignVillage = (await (await login(t.app, 'vhxh.hongbang')).get('/api/villages')).json()[0].id;
});
afterAll(() => t.close());

async function refused(res: { statusCode: number; body: string }, pattern: RegExp) {
  expect(res.statusCode, res.body).toBe(400);
  const message = JSON.parse(res.body).error.message as string;
  expect(message).toMatch(VIETNAMESE);
  expect(message).toMatch(pattern);
}

describe('the yearly table', () => {
  it('shows every village with its result; 2025 has four "Thôn văn hóa"', async () => {
    const table = (await vhxh.get('/api/village-assessments?year=2025')).json();
    expect(table).toMatchObject({ activeVillages: 6, recognised: 4 });
    expect(table.cultureTitleShare).toBeCloseTo(4 / 6, 10);
    const hoangXa = table.villages.find(
      (v: { village: { name: string } }) => v.village.name === 'Thôn Hoàng Xá',
    );
    expect(hoangXa.assessment).toMatchObject({ titleAchieved: false, meetsTitle: false, status: 'reviewed' });
    const y2026 = (await vhxh.get('/api/village-assessments?year=2026')).json();
    expect(y2026.villages.filter((v: { assessment: unknown }) => v.assessment !== null)).toHaveLength(1);
  });

  it('"thon van hoa" finds the recognised villages; a village name is found without diacritics', async () => {
    const recognised = (await vhxh.get('/api/village-assessments?year=2025&q=thon%20van%20hoa')).json();
    expect(recognised.villages.map((v: { village: { name: string } }) => v.village.name).sort()).toEqual([
      'Thôn Cậy',
      'Thôn Kẻ Sặt',
      'Thôn Ngọc Quán',
      'Thôn Tráng Liệt',
    ]);
    const byName = (await vhxh.get('/api/village-assessments?year=2025&q=KE%20SAT')).json();
    expect(byName.villages.map((v: { village: { name: string } }) => v.village.name)).toEqual([
      'Thôn Kẻ Sặt',
    ]);
  });

  it('exports the table as XLSX', async () => {
    const res = await vhxh.get('/api/village-assessments/export.xlsx?year=2025');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toBe('KẾT QUẢ BÌNH XÉT DANH HIỆU VĂN HÓA CÁC THÔN NĂM 2025');
    const rows = Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows.find((r) => r[1] === 'Thôn Cậy')?.at(-2)).toBe('Thôn văn hóa');
  });
});

describe('the village head enters, Phòng VH-XH reviews', () => {
  let id: string;

  it('the head of Thôn Ngọc Quán enters his village, not another', async () => {
    const res = await thon.post('/api/village-assessments', {
      villageId: villages['Thôn Ngọc Quán'],
      year: 2026,
      households: 412,
      culturalFamilies: 372,
      modelItems: ALL,
      proposeTitle: true,
      note: 'Đề nghị công nhận Thôn văn hóa năm 2026',
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ meetsTitle: true, status: 'draft', culturalFamilyShare: 372 / 412 });
    const other = await thon.post('/api/village-assessments', {
      villageId: villages['Thôn Cậy'],
      year: 2026,
      households: 276,
      culturalFamilies: 200,
    });
    expect(other.statusCode).toBe(403);
    expect(
      (await thon.post(`/api/village-assessments/${id}/review`, { titleAchieved: true })).statusCode,
    ).toBe(403);
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await focal.patch(`/api/village-assessments/${id}`, { note: 'x' })).statusCode).toBe(403);
  });

  it('the table tells each user which villages they may enter: the head his own, Phòng VH-XH all', async () => {
    const mayEnter = async (client: typeof thon) =>
      Object.fromEntries(
        (await client.get('/api/village-assessments?year=2026'))
          .json()
          .villages.map((r: { village: { name: string }; mayEnter: boolean }) => [
            r.village.name,
            r.mayEnter,
          ]),
      );
    const head = await mayEnter(thon);
    expect(Object.entries(head).filter(([, may]) => may)).toEqual([['Thôn Ngọc Quán', true]]);
    expect(Object.values(await mayEnter(vhxh)).every(Boolean)).toBe(true);
    const mttq = await login(t.app, 'mttq.binhgiang');
    expect(Object.values(await mayEnter(mttq)).some(Boolean)).toBe(false);
  });

  it('refuses bad counts and a village of another commune with a Vietnamese 400, writing nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const base = { villageId: villages['Thôn Cậy'], year: 2026, households: 276, culturalFamilies: 200 };
    await refused(
      await vhxh.post('/api/village-assessments', { ...base, culturalFamilies: 300 }),
      /lớn hơn tổng số hộ/,
    );
    await refused(await vhxh.post('/api/village-assessments', { ...base, households: -1 }), /không được âm/);
    await refused(
      await vhxh.post('/api/village-assessments', { ...base, villageId: foreignVillage }),
      /Thôn không thuộc xã này/,
    );
    await refused(
      await vhxh.post('/api/village-assessments', { ...base, modelItems: ['bay-dat'] }),
      /không có trong danh mục/,
    );
    await refused(
      await thon.patch(`/api/village-assessments/${id}`, { culturalFamilies: 500 }),
      /lớn hơn tổng số hộ/,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect(
      (await vhxh.post('/api/village-assessments', { ...base, villageId: villages['Thôn Tráng Liệt'] }))
        .statusCode,
    ).toBe(409);
  });

  it('submits, is reviewed, and is then closed to the head; the measure follows', async () => {
    expect((await thon.post(`/api/village-assessments/${id}/submit`)).json().status).toBe('submitted');
    const reviewed = await vhxh.post(`/api/village-assessments/${id}/review`, { titleAchieved: true });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({
      status: 'reviewed',
      titleAchieved: true,
      reviewedBy: { fullName: 'Nguyễn Thị Thu Hà' },
    });
    await refused(await thon.patch(`/api/village-assessments/${id}`, { note: 'sửa muộn' }), /không sửa được/);
    // a village that does not meet the bar needs a written reason to be recognised
    const trangLiet = (await vhxh.get('/api/village-assessments?year=2026'))
      .json()
      .villages.find((v: { village: { name: string } }) => v.village.name === 'Thôn Tráng Liệt').assessment;
    await vhxh.patch(`/api/village-assessments/${trangLiet.id}`, { modelItems: ALL.slice(0, 3) });
    await refused(
      await vhxh.post(`/api/village-assessments/${trangLiet.id}/review`, { titleAchieved: true }),
      /lý do/,
    );
    const measure = findMeasure('villages.cultureTitleShare')!;
    const communeId = vhxh.me.commune.id;
    expect(
      (await measure.compute(t.database.db, { communeId, year: 2026, today: '2026-12-31' })).value,
    ).toBeCloseTo(1 / 6, 10);
    expect(
      (await measure.compute(t.database.db, { communeId, year: 2025, today: '2026-12-31' })).value,
    ).toBeCloseTo(4 / 6, 10);
    expect((await measure.compute(t.database.db, { communeId, year: 2025, today: '2025-11-30' })).value).toBe(
      0,
    );
  });

  it('another commune sees none of ours', async () => {
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get(`/api/village-assessments/${id}`)).statusCode).toBe(404);
    const table = (await hongBang.get('/api/village-assessments?year=2026')).json();
    expect(table.villages.every((v: { assessment: unknown }) => v.assessment === null)).toBe(true);
  });
});
