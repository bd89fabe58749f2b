/**
 * Budget (kinh phí): Phòng Kinh tế drafts the yearly estimate by line, the
 * leader approves line by line, spending is recorded against approved lines
 * with documents; bad input is a Vietnamese 400 that leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let filesDir: string;
let kinhTe: Client;
let leader: Client;
let vhxh: Client;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-budget-'));
  t = await createTestApp({ filesDir });
  kinhTe = await login(t.app, 'kinhte.binhgiang');
  leader = await login(t.app, 'chutich.binhgiang');
  vhxh = await login(t.app, 'vhxh.binhgiang');
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

async function upload(client: Client, name: string) {
  const boundary = `----cqtt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: {
      cookie: client.cookie!,
      'x-csrf-token': client.csrfToken!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function expect400(res: { statusCode: number; body: string }, pattern: RegExp) {
  expect(res.statusCode, res.body).toBe(400);
  const message = JSON.parse(res.body).error.message as string;
  expect(message).toMatch(VIETNAMESE);
  expect(message).toMatch(pattern);
}

type Detail = {
  id: string;
  status: string;
  totals: { estimated: number; approved: number; spent: number; remaining: number };
  lines: Array<{
    id: string;
    number: number;
    amount: number;
    approvedAmount: number | null;
    spent: number;
    remaining: number;
    spendings: Array<{ amount: number; overReason: string | null; files: Array<{ name: string }> }>;
  }>;
};

describe('the demo estimate of 2026', () => {
  it('is listed with exact totals and found without diacritics', async () => {
    const list = (await vhxh.get('/api/budgets?year=2026')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      year: 2026,
      status: 'approved',
      unit: expect.objectContaining({ code: 'KT' }),
      totals: { estimated: 144_000_000, approved: 135_500_000, spent: 25_300_000, remaining: 110_200_000 },
    });
    const found = (await vhxh.get(`/api/budgets?q=${encodeURIComponent('MAY LAY SO')}`)).json().items;
    expect(found.map((e: { id: string }) => e.id)).toEqual([list[0].id]);
    expect((await vhxh.get('/api/budgets?q=khong-co-gi-nhu-the')).json().items).toEqual([]);
    expect((await vhxh.get('/api/budgets?year=2025')).json().items).toEqual([]);
    const unit = list[0].unit.id;
    expect((await vhxh.get(`/api/budgets?unitId=${unit}`)).json().items).toHaveLength(1);
  });
});

describe('an estimate from draft to spending', () => {
  let id: string;
  let lines: Detail['lines'];

  it('Phòng Kinh tế drafts the estimate by line, for its own unit', async () => {
    const res = await kinhTe.post('/api/budgets', { year: 2025, title: 'Dự toán kinh phí năm 2025' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    id = created.id;
    expect(created).toMatchObject({ status: 'draft', unit: expect.objectContaining({ code: 'KT' }) });
    for (const line of [
      { content: 'Hội nghị quán triệt năm 2025', amount: 10_000_000, source: 'commune' },
      // the commune's own sources: a line the city funds is the city's to approve (city-funds.test.ts)
      { content: 'Pano, khẩu hiệu', amount: 20_000_000, source: 'other' },
      { content: 'Tập huấn kỹ năng giao tiếp', amount: 1_250_000, source: 'other' },
    ]) {
      const added = await kinhTe.post(`/api/budgets/${id}/lines`, line);
      expect(added.statusCode, added.body).toBe(201);
    }
    const detail: Detail = (await kinhTe.get(`/api/budgets/${id}`)).json();
    expect(detail.lines.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(detail.totals.estimated).toBe(31_250_000);
    lines = detail.lines;
    const edited = await kinhTe.patch(`/api/budget-lines/${lines[2]!.id}`, { amount: 1_500_000 });
    expect(edited.json().totals.estimated).toBe(31_500_000);
  });

  it('refuses a negative amount, a fraction and an unknown source in Vietnamese, writing nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    await expect400(
      await kinhTe.post(`/api/budgets/${id}/lines`, { content: 'Âm', amount: -1000, source: 'commune' }),
      /không được âm/,
    );
    await expect400(await kinhTe.patch(`/api/budget-lines/${lines[0]!.id}`, { amount: -5 }), /không được âm/);
    await expect400(
      await kinhTe.post(`/api/budgets/${id}/lines`, { content: 'Lẻ', amount: 10.5, source: 'commune' }),
      /đồng nguyên/,
    );
    await expect400(
      await kinhTe.post(`/api/budgets/${id}/lines`, { content: 'Nguồn lạ', amount: 10, source: 'vay' }),
      /Ngân sách xã/,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect((await kinhTe.get(`/api/budgets/${id}`)).json().lines).toHaveLength(3);
  });

  it('only the drafting unit, the coordinator and the admin write; others are refused', async () => {
    const ttpvhcc = await login(t.app, 'ttpvhcc.binhgiang');
    expect(
      (await ttpvhcc.post(`/api/budgets/${id}/lines`, { content: 'x', amount: 1, source: 'commune' }))
        .statusCode,
    ).toBe(403);
    const kt = (await kinhTe.get(`/api/budgets/${id}`)).json().unit.id;
    expect((await ttpvhcc.post('/api/budgets', { year: 2028, title: 'x', unitId: kt })).statusCode).toBe(403);
    expect(
      (await ttpvhcc.post('/api/budgets', { year: 2028, title: 'x', unitId: lines[0]!.id })).statusCode,
    ).toBe(400);
    const mttq = await login(t.app, 'mttq.binhgiang');
    expect((await mttq.post(`/api/budgets/${id}/submit`)).statusCode).toBe(403);
    expect(
      (await leader.post(`/api/budgets/${id}/lines`, { content: 'x', amount: 1, source: 'commune' }))
        .statusCode,
    ).toBe(403);
    const thon = await login(t.app, 'thon1.binhgiang');
    expect((await thon.get(`/api/budgets/${id}`)).statusCode).toBe(200);
    expect((await thon.delete(`/api/budget-lines/${lines[0]!.id}`)).statusCode).toBe(403);
    // one estimate per year
    expect((await vhxh.post('/api/budgets', { year: 2025, title: 'Lần hai' })).statusCode).toBe(409);
  });

  it('the leader cannot approve a draft; after submitting, the leader approves line by line', async () => {
    await expect400(
      await leader.post(`/api/budgets/${id}/approve`, {
        lines: [{ lineId: lines[0]!.id, approvedAmount: 1 }],
      }),
      /chờ phê duyệt/,
    );
    expect((await kinhTe.post(`/api/budgets/${id}/approve`, { lines: [] })).statusCode).toBe(403);
    const submitted = await kinhTe.post(`/api/budgets/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    // nothing to change while it waits
    expect(
      (await kinhTe.post(`/api/budgets/${id}/lines`, { content: 'Muộn', amount: 1, source: 'commune' }))
        .statusCode,
    ).toBe(400);
    // every line needs an approved amount, never negative
    await expect400(
      await leader.post(`/api/budgets/${id}/approve`, {
        lines: [{ lineId: lines[0]!.id, approvedAmount: 1 }],
      }),
      /dòng số 2/,
    );
    await expect400(
      await leader.post(`/api/budgets/${id}/approve`, {
        lines: lines.map((l) => ({ lineId: l.id, approvedAmount: -1 })),
      }),
      /không được âm/,
    );
    const approved = await leader.post(`/api/budgets/${id}/approve`, {
      lines: [
        { lineId: lines[0]!.id, approvedAmount: 10_000_000 },
        { lineId: lines[1]!.id, approvedAmount: 18_000_000 },
        { lineId: lines[2]!.id, approvedAmount: 1_500_000 },
      ],
      note: 'Đồng ý',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      totals: { approved: 29_500_000 },
      decidedBy: { fullName: 'Vũ Đăng Chương' },
    });
  });

  it('records spending with documents; over the approved line only with a reason', async () => {
    const fileId = await upload(kinhTe, 'Hoa don pano.pdf');
    const line = lines[1]!; // approved 18.000.000
    const first = await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
      spentOn: '2025-04-10',
      amount: 12_000_000,
      content: 'In 4 pano tại các thôn',
      fileIds: [fileId],
    });
    expect(first.statusCode, first.body).toBe(201);
    const after: Detail = first.json();
    expect(after.lines[1]).toMatchObject({ spent: 12_000_000, remaining: 6_000_000 });
    expect(after.lines[1]!.spendings[0]!.files.map((f) => f.name)).toEqual(['Hoa don pano.pdf']);

    const before = await countRows(t.database, 'audit_log');
    await expect400(
      await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
        spentOn: '2025-05-10',
        amount: 6_000_001,
        content: 'In thêm khẩu hiệu',
      }),
      /vượt số còn lại.*6\.000\.000 đ.*lý do/,
    );
    await expect400(
      await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
        spentOn: '2025-05-10',
        amount: -100,
        content: 'Âm',
        overReason: 'Có lý do',
      }),
      /không được âm/,
    );
    await expect400(
      await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
        spentOn: '2024-12-31',
        amount: 100,
        content: 'Năm khác',
      }),
      /năm 2025/,
    );
    await expect400(
      await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
        spentOn: '2025-05-10',
        amount: 100,
        content: 'Tệp lạ',
        fileIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      /tệp/,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect((await kinhTe.get(`/api/budgets/${id}`)).json().lines[1].spent).toBe(12_000_000);

    const over = await kinhTe.post(`/api/budget-lines/${line.id}/spendings`, {
      spentOn: '2025-05-10',
      amount: 6_500_000,
      content: 'In thêm khẩu hiệu',
      overReason: 'Giá in tăng so với báo giá đầu năm',
    });
    expect(over.statusCode, over.body).toBe(201);
    const detail: Detail = over.json();
    expect(detail.lines[1]).toMatchObject({ spent: 18_500_000, remaining: -500_000, overspent: true });
    expect(detail.lines[1]!.spendings[1]!.overReason).toBe('Giá in tăng so với báo giá đầu năm');
    expect(detail.totals).toEqual({
      estimated: 31_500_000,
      approved: 29_500_000,
      spent: 18_500_000,
      remaining: 11_000_000,
    });
  });

  it('a spending before approval or on a line of a draft is refused', async () => {
    const draft = (await vhxh.post('/api/budgets', { year: 2024, title: 'Dự toán 2024' })).json();
    const withLine: Detail = (
      await vhxh.post(`/api/budgets/${draft.id}/lines`, {
        content: 'Hội nghị',
        amount: 100,
        source: 'commune',
      })
    ).json();
    await expect400(
      await vhxh.post(`/api/budget-lines/${withLine.lines[0]!.id}/spendings`, {
        spentOn: '2024-03-01',
        amount: 10,
        content: 'Chi sớm',
      }),
      /đã được phê duyệt/,
    );
    // the leader may return a submitted estimate for changes
    expect((await vhxh.post(`/api/budgets/${draft.id}/submit`)).statusCode).toBe(200);
    const returned = await leader.post(`/api/budgets/${draft.id}/return`, { reason: 'Bổ sung báo giá' });
    expect(returned.json()).toMatchObject({ status: 'draft', decisionNote: 'Bổ sung báo giá' });
  });

  it('exports the year as XLSX with the lines, spendings and totals', async () => {
    const res = await vhxh.get(`/api/budgets/${id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toBe('DỰ TOÁN VÀ TÌNH HÌNH SỬ DỤNG KINH PHÍ NĂM 2025');
    const values = Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    const total = values.find((r) => r[1] === 'Tổng cộng')!;
    expect(total.slice(3, 7)).toEqual([31_500_000, 29_500_000, 18_500_000, 11_000_000]);
    expect(values.some((r) => r[1] === 'Pano, khẩu hiệu' && r[2] === 'Nguồn hợp pháp khác')).toBe(true);
    expect(sheet.getCell('D5').numFmt).toBe('#,##0');
  });

  it('budget.spentShare is what was spent over what was approved', async () => {
    const measure = findMeasure('budget.spentShare')!;
    const communeId = kinhTe.me.commune.id;
    const value = await measure.compute(t.database.db, { communeId, year: 2025, today: '2026-11-01' });
    expect(value.value).toBeCloseTo(18_500_000 / 29_500_000, 10);
    const early = await measure.compute(t.database.db, { communeId, year: 2025, today: '2025-04-30' });
    expect(early.value).toBeCloseTo(12_000_000 / 29_500_000, 10);
    expect(
      (await measure.compute(t.database.db, { communeId, year: 2024, today: '2026-11-01' })).value,
    ).toBeNull();
    const demo = await measure.compute(t.database.db, { communeId, year: 2026, today: '2026-12-31' });
    expect(demo.value).toBeCloseTo(25_300_000 / 135_500_000, 10);
  });
});

describe('another commune', () => {
  it('sees only its own estimate and gets 404 for ours', async () => {
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const list = (await hongBang.get('/api/budgets')).json().items;
    expect(list.map((e: { title: string }) => e.title)).toEqual([
      'Dự toán kinh phí năm 2026 của phường Hồng Bàng',
    ]);
    const ours = (await vhxh.get('/api/budgets?year=2026')).json().items[0];
    expect((await hongBang.get(`/api/budgets/${ours.id}`)).statusCode).toBe(404);
    expect((await hongBang.get(`/api/budgets/${ours.id}/export.xlsx`)).statusCode).toBe(404);
  });
});
