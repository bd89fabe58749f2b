/**
 * Rewards (khen thưởng): units nominate with achievements and evidence, MTTQ comments,
 * the leader decides (form, decision number and date); yearly list, XLSX, decision DOCX.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let mttq: Client;
let leader: Client;
let foreignVillage: string;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  mttq = await login(t.app, 'mttq.binhgiang');
  leader = await login(t.app, 'chutich.binhgiang');
  foreignVillage = (await (await login(t.app, 'vhxh.hongbang')).get('/api/villages')).json()[0].id;
});
afterAll(() => t.close());

async function refused(res: { statusCode: number; body: string }, pattern: RegExp) {
  expect(res.statusCode, res.body).toBe(400);
  const message = JSON.parse(res.body).error.message as string;
  expect(message).toMatch(VIETNAMESE);
  expect(message).toMatch(pattern);
}

describe('the yearly list', () => {
  it('lists by year and status; found without diacritics', async () => {
    const y2025 = (await vhxh.get('/api/rewards?year=2025')).json().items;
    expect(y2025.map((r: { nomineeName: string }) => r.nomineeName)).toEqual([
      'Nguyễn Văn Hùng',
      'Trung tâm Phục vụ hành chính công xã',
    ]);
    expect((await vhxh.get('/api/rewards?status=nominated')).json().items).toHaveLength(1);
    const found = (await vhxh.get(`/api/rewards?q=${encodeURIComponent('truong thon ngoc quan')}`)).json()
      .items;
    expect(found.map((r: { nomineeName: string }) => r.nomineeName)).toEqual(['Nguyễn Văn Hùng']);
    const res = await vhxh.get('/api/rewards/export.xlsx?year=2025');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getCell('I5').value).toBe('312/QĐ-UBND');
  });
});

describe('nominate, comment, decide', () => {
  let id: string;
  it('a unit nominates; the leader and MTTQ may not nominate', async () => {
    const focal = await login(t.app, 'ttdvsnc.binhgiang');
    const res = await focal.post('/api/rewards', {
      year: 2026,
      nomineeKind: 'collective',
      nomineeName: 'Thôn Kẻ Sặt',
      achievements: 'Tổ chức đêm văn nghệ tuyên truyền mô hình với 600 người dân tham dự.',
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'nominated', nominatingUnit: { code: 'TTDVSNC' } });
    expect(
      (
        await leader.post('/api/rewards', {
          year: 2026,
          nomineeKind: 'individual',
          nomineeName: 'X',
          achievements: 'Y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await mttq.post('/api/rewards', {
          year: 2026,
          nomineeKind: 'individual',
          nomineeName: 'X',
          achievements: 'Y',
        })
      ).statusCode,
    ).toBe(403);
    await refused(
      await vhxh.post('/api/rewards', {
        year: 2026,
        nomineeKind: 'collective',
        nomineeName: 'X',
        achievements: 'Y',
        villageId: foreignVillage,
      }),
      /Thôn không thuộc xã này/,
    );
  });

  it('MTTQ comments; only the leader decides, with a proper number and date', async () => {
    expect((await vhxh.post(`/api/rewards/${id}/comment`, { comment: 'x' })).statusCode).toBe(403);
    const commented = await mttq.post(`/api/rewards/${id}/comment`, {
      comment: 'Nhất trí, đề nghị biểu dương.',
    });
    expect(commented.json()).toMatchObject({
      mttqComment: 'Nhất trí, đề nghị biểu dương.',
      commentedBy: { fullName: 'Lê Văn Bình' },
    });
    expect((await vhxh.post(`/api/rewards/${id}/decide`, { award: true })).statusCode).toBe(403);
    const before = await countRows(t.database, 'audit_log');
    await refused(
      await leader.post(`/api/rewards/${id}/decide`, {
        award: true,
        form: 'Giấy khen',
        decisionNumber: '12/KH-UBND',
        decisionDate: '2026-11-20',
      }),
      /125\/QĐ-UBND/,
    );
    await refused(
      await leader.post(`/api/rewards/${id}/decide`, {
        award: true,
        form: 'Giấy khen',
        decisionNumber: '12/QĐ-UBND',
        decisionDate: '2099-01-01',
      }),
      /hôm nay/,
    );
    await refused(
      await leader.post(`/api/rewards/${id}/decide`, {
        award: true,
        decisionNumber: '12/QĐ-UBND',
        decisionDate: '2026-11-20',
      }),
      /hình thức/,
    );
    await refused(await leader.post(`/api/rewards/${id}/decide`, { award: false }), /lý do/);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    const decided = await leader.post(`/api/rewards/${id}/decide`, {
      award: true,
      form: 'Giấy khen của Chủ tịch UBND xã',
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2026-11-20',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'awarded', decidedBy: { fullName: 'Vũ Đăng Chương' } });
    await refused(
      await leader.post(`/api/rewards/${id}/decide`, { award: false, note: 'x' }),
      /đã có quyết định/,
    );
    await refused(await vhxh.patch(`/api/rewards/${id}`, { achievements: 'sửa' }), /không sửa được/);
  });

  it('the decision DOCX follows Nghị định 30', async () => {
    const res = await vhxh.get(`/api/rewards/${id}/decision.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('125/QĐ-UBND');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Tặng Giấy khen của Chủ tịch UBND xã cho Thôn Kẻ Sặt');
    expect(text).toContain('Vũ Đăng Chương');
    expect(xml).toContain('Times New Roman');
    const pending = (await vhxh.get('/api/rewards?status=nominated')).json().items[0];
    await refused(await vhxh.get(`/api/rewards/${pending.id}/decision.docx`), /chưa có quyết định/);
  });

  it('rewards.given counts the year’s rewards decided up to today', async () => {
    const measure = findMeasure('rewards.given')!;
    const communeId = vhxh.me.commune.id;
    expect((await measure.compute(t.database.db, { communeId, year: 2025, today: '2026-01-01' })).value).toBe(
      2,
    );
    expect((await measure.compute(t.database.db, { communeId, year: 2025, today: '2025-12-19' })).value).toBe(
      0,
    );
    // 2026: the demo's collective rewarded on 01/12 (task 6 of the plan) and the one decided above
    expect((await measure.compute(t.database.db, { communeId, year: 2026, today: '2026-12-31' })).value).toBe(
      2,
    );
    expect((await measure.compute(t.database.db, { communeId, year: 2026, today: '2026-11-30' })).value).toBe(
      1,
    );
  });

  it('another commune sees none of ours', async () => {
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get('/api/rewards')).json().items).toEqual([]);
    expect((await hongBang.get(`/api/rewards/${id}/decision.docx`)).statusCode).toBe(404);
  });
});
