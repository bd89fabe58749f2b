/**
 * Official documents issued, not just downloaded (issue 12): a draft from the data, issued by Văn
 * phòng HĐND và UBND (or the leader) with the next number of the commune's register, the DOCX
 * frozen once with its SHA-256; nobody changes it; a correction replaces it; the register is
 * searchable without diacritics and exported to XLSX; numbers stay unique and gap-free when several
 * are issued at once. Every kind is opened and converted by LibreOffice.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamDate } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeDateLine } from '../src/documents/official.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';
import { convertWithLibreOffice, documentXml, docxText, ISO_DATE } from './office.ts';

let t: TestApp;
let filesDir: string;
let vhxh: Client;
let office: Client;
let leader: Client;
let kinhte: Client;
let communeId: string;
const today = vietnamDate(new Date());
const year = Number(today.slice(0, 4));
/** Today as a document refers to it: dd/mm/yyyy, a day or month below 10 with its zero. */
const todayText = `${today.slice(8)}/${today.slice(5, 7)}/${year}`;
const signer = { signerName: 'Vũ Đăng Chương', signerTitle: 'Chủ tịch' };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Every issued DOCX, by a name, to be converted by LibreOffice at the end. */
const issued: Record<string, Buffer> = {};

async function count(table: 'documents' | 'files' | 'document_counters' | 'audit_log') {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
async function counts() {
  return {
    documents: await count('documents'),
    files: await count('files'),
    counters: await count('document_counters'),
    audit: await count('audit_log'),
  };
}
function refusedIn(
  res: { statusCode: number; json(): { error: { message: string } } },
  status: number,
  re: RegExp,
) {
  expect(res.statusCode).toBe(status);
  expect(res.json().error.message).toMatch(re);
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-documents-'));
  t = await createTestApp({ filesDir });
  vhxh = await login(t.app, 'vhxh.binhgiang');
  office = await login(t.app, 'vpub.binhgiang');
  leader = await login(t.app, 'chutich.binhgiang');
  kinhte = await login(t.app, 'kinhte.binhgiang');
  communeId = await communeIdOf(t.database, 'HP-BINHGIANG');
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('the yearly report: drafted, edited, issued, frozen', () => {
  let id = '';
  let bytes: Buffer;
  let hash = '';

  it('Phòng VH-XH drafts it from the data: 201 {id, status: "draft"}; the draft opens, unnumbered', async () => {
    const res = await vhxh.post('/api/documents', { kind: 'yearly-report', year: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), status: 'draft' });
    id = res.json().id;
    const draft = await vhxh.get(`/api/documents/${id}/file`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-type']).toMatch(/wordprocessingml/);
    const text = await docxText(draft.rawPayload);
    expect(text).toContain('DỰ THẢO');
    expect(text).toMatch(/Số:\s+\/BC-UBND/);
    expect(text).toContain('Kết quả triển khai thực hiện mô hình “Chính quyền thân thiện” năm 2026');
  });

  it('others may not draft it; the narrative sections are edited, unknown ones refused', async () => {
    expect((await kinhte.post('/api/documents', { kind: 'yearly-report', year: 2027 })).statusCode).toBe(403);
    const bad = await vhxh.patch(`/api/documents/${id}`, { sections: { loiChao: 'x' } });
    refusedIn(bad, 400, /không có phần/);
    const res = await vhxh.patch(`/api/documents/${id}`, {
      sections: {
        results: 'Các nhiệm vụ trọng tâm hoàn thành đúng hạn.',
        shortcomings: 'Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp.',
        nextTasks: 'Nâng mức độ đạt chuẩn năm 2027.',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sections.find((s: { key: string }) => s.key === 'results').text).toBe(
      'Các nhiệm vụ trọng tâm hoàn thành đúng hạn.',
    );
  });

  it('issuing without a signer is refused in Vietnamese and writes nothing', async () => {
    const before = await counts();
    refusedIn(await office.post(`/api/documents/${id}/issue`, {}), 400, /họ tên người ký/);
    refusedIn(
      await office.post(`/api/documents/${id}/issue`, { signerName: 'Vũ Đăng Chương' }),
      400,
      /chức vụ/,
    );
    refusedIn(
      await office.post(`/api/documents/${id}/issue`, { signerName: '   ', signerTitle: 'Chủ tịch' }),
      400,
      /họ tên người ký/,
    );
    expect(await counts()).toEqual(before);
    expect((await vhxh.get(`/api/documents/${id}`)).json().status).toBe('draft');
  });

  it('only Văn phòng HĐND và UBND or the leader give the number', async () => {
    expect((await vhxh.post(`/api/documents/${id}/issue`, signer)).statusCode).toBe(403);
    expect((await kinhte.post(`/api/documents/${id}/issue`, signer)).statusCode).toBe(403);
    const hongBang = await login(t.app, 'vhxh.hongbang');
    expect((await hongBang.get(`/api/documents/${id}`)).statusCode).toBe(404);
  });

  it('Văn phòng issues it: 200 {number, symbol, issuedOn, sha256}; the file is that DOCX, numbered', async () => {
    const res = await office.post(`/api/documents/${id}/issue`, signer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      number: 1,
      fullNumber: '01/BC-UBND',
      symbol: 'BC-UBND',
      issuedOn: today,
    });
    hash = res.json().sha256;
    const file = await vhxh.get(`/api/documents/${id}/file`);
    expect(file.statusCode).toBe(200);
    bytes = file.rawPayload;
    expect(sha(bytes)).toBe(hash);
    issued.yearly = bytes;
    const text = await docxText(bytes);
    expect(text).toContain('Số: 01/BC-UBND');
    expect(text).toContain(placeDateLine('Bình Giang', today));
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain('Các nhiệm vụ trọng tâm hoàn thành đúng hạn.');
    expect(text).toContain(`(Kèm theo Báo cáo số 01/BC-UBND ngày ${todayText}`);
    expect(text).toMatch(/TM\. ỦY BAN NHÂN DÂN\s*CHỦ TỊCH[\s\S]*Vũ Đăng Chương/);
    const row = await t.database.db
      .selectFrom('documents')
      .innerJoin('files', 'files.id', 'documents.file_id')
      .select(['documents.sha256', 'files.sha256 as file_sha', 'files.mime'])
      .where('documents.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sha256: hash, file_sha: hash });
    // task 7 of the plan ("Báo cáo kết quả … Tháng 12") is fulfilled by it
    const planId = (await vhxh.get('/api/plans')).json()[0].id;
    const task7 = (await vhxh.get(`/api/plans/${planId}/occurrences?year=2026`))
      .json()
      .find((o: { taskNumber: number }) => o.taskNumber === 7);
    expect(task7).toMatchObject({
      status: 'done',
      completedOn: today,
      fulfilledBy: { kind: 'yearly_report', ref: id },
    });
  });

  it('nobody can change it: the API refuses, the database refuses, the file stays byte for byte', async () => {
    refusedIn(await vhxh.patch(`/api/documents/${id}`, { subject: 'Sửa lại' }), 409, /không ai được sửa/);
    refusedIn(await vhxh.delete(`/api/documents/${id}`), 409, /không ai được sửa/);
    refusedIn(await leader.post(`/api/documents/${id}/issue`, signer), 409, /đã được ban hành/);
    await expect(
      sql`update documents set subject = 'x' where id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/đã ban hành/);
    await expect(sql`delete from documents where id = ${id}`.execute(t.database.db)).rejects.toThrow(
      /đã ban hành/,
    );
    // the year's data changes: an outreach activity, a difficulty answered, a score
    const village = (await vhxh.get('/api/villages')).json()[0];
    const added = await vhxh.post('/api/outreach-activities', {
      kind: 'conference',
      title: 'Hội nghị sau khi ban hành báo cáo',
      heldOn: today,
      villageId: village.id,
      audience: 120,
    });
    expect(added.statusCode, added.body).toBe(201);
    const again = await vhxh.get(`/api/documents/${id}/file`);
    expect(Buffer.compare(again.rawPayload, bytes)).toBe(0);
    expect(sha(again.rawPayload)).toBe(hash);
    // while the figures of a new draft would differ
    const data = (await vhxh.get('/api/reports/yearly?year=2026')).json();
    expect(data.outreach.activities).toBeGreaterThan(0);
  });

  it('a second yearly report of the year is refused while one is issued; a correction replaces it', async () => {
    const before = await counts();
    refusedIn(
      await vhxh.post('/api/documents', { kind: 'yearly-report', year: 2026 }),
      409,
      /đã được ban hành \(số 01\/BC-UBND\)/,
    );
    expect(await counts()).toEqual(before);
    const correction = await vhxh.post('/api/documents', {
      kind: 'yearly-report',
      year: 2026,
      replacesId: id,
    });
    expect(correction.statusCode, correction.body).toBe(201);
    // only one draft at a time
    refusedIn(
      await vhxh.post('/api/documents', { kind: 'yearly-report', year: 2026, replacesId: id }),
      409,
      /dự thảo thay thế/,
    );
    const res = await leader.post(`/api/documents/${correction.json().id}/issue`, signer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fullNumber).toBe('02/BC-UBND');
    const text = await docxText((await vhxh.get(`/api/documents/${correction.json().id}/file`)).rawPayload);
    expect(text).toContain(
      `Báo cáo này thay thế Báo cáo số 01/BC-UBND ngày ${today.slice(8)}/${today.slice(5, 7)}/${year} của Ủy ban nhân dân xã Bình Giang.`,
    );
    const first = (await vhxh.get(`/api/documents/${id}`)).json();
    expect(first).toMatchObject({ status: 'issued', replacedBy: '02/BC-UBND' });
    // a replaced document is not replaced twice; a draft is not "replaced"
    refusedIn(
      await vhxh.post('/api/documents', { kind: 'yearly-report', year: 2026, replacesId: id }),
      400,
      /đã được thay thế/,
    );
  });

  it('the register: the year’s documents, searchable without diacritics, and as XLSX', async () => {
    const register = (await vhxh.get(`/api/documents?year=${year}`)).json();
    expect(register.map((d: { fullNumber: string }) => d.fullNumber)).toEqual(
      expect.arrayContaining(['01/BC-UBND', '02/BC-UBND']),
    );
    const found = (
      await vhxh.get(`/api/documents?year=${year}&q=${encodeURIComponent('ket qua trien khai')}`)
    ).json();
    expect(found.length).toBe(2);
    const bySigner = (
      await vhxh.get(`/api/documents?year=${year}&q=${encodeURIComponent('vu dang chuong')}`)
    ).json();
    expect(bySigner.length).toBeGreaterThanOrEqual(2);
    expect((await vhxh.get(`/api/documents?year=${year}&q=khong+co+van+ban+nay`)).json()).toEqual([]);
    const xlsx = await vhxh.get(`/api/documents/export.xlsx?year=${year}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]![1]).toBe(`SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM ${year}`);
    const numbers = rows.map((r) => r[1]);
    expect(numbers).toContain('01/BC-UBND');
    expect(numbers).toContain('02/BC-UBND');
    const replaced = rows.find((r) => r[1] === '02/BC-UBND')!;
    expect(String(replaced[6])).toMatch(/^Thay thế văn bản số 01\/BC-UBND ngày /);
  });
});

describe('the registration letter, the budget proposal and the plan, issued the same way', () => {
  it('the registration letter is a letter (công văn) to Sở Nội vụ: V/v under its number, Kính gửi', async () => {
    const draft = await vhxh.post('/api/documents', { kind: 'registration-letter', year: 2026 });
    expect(draft.statusCode, draft.body).toBe(201);
    const res = await office.post(`/api/documents/${draft.json().id}/issue`, signer);
    expect(res.json()).toMatchObject({ fullNumber: '01/UBND-VHXH' });
    const bytes = (await vhxh.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    issued.registration = bytes;
    const text = await docxText(bytes);
    expect(text).toContain('Số: 01/UBND-VHXH');
    expect(text).toContain('V/v đăng ký mức độ đạt chuẩn mô hình “Chính quyền thân thiện” năm 2026');
    expect(text).toContain('Kính gửi: Sở Nội vụ thành phố Hải Phòng.');
    expect(text).toContain('đăng ký phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 3 năm 2026');
    // a year without a registration: refused, nothing written
    refusedIn(
      await vhxh.post('/api/documents', { kind: 'registration-letter', year: 2029 }),
      400,
      /chưa đăng ký mức độ năm 2029/,
    );
  });

  it('Phòng Kinh tế drafts the proposal of the lines funded by the city budget (tờ trình)', async () => {
    const village = await login(t.app, 'thon1.binhgiang');
    expect((await village.post('/api/documents', { kind: 'budget-proposal', year: 2026 })).statusCode).toBe(
      403,
    );
    refusedIn(
      await kinhte.post('/api/documents', { kind: 'budget-proposal', year: 2027 }),
      400,
      /chưa lập dự toán/,
    );
    const draft = await kinhte.post('/api/documents', { kind: 'budget-proposal', year: 2026 });
    expect(draft.statusCode, draft.body).toBe(201);
    await kinhte.patch(`/api/documents/${draft.json().id}`, {
      sections: { reason: 'Trang thiết bị của Trung tâm đã xuống cấp.' },
    });
    const res = await office.post(`/api/documents/${draft.json().id}/issue`, signer);
    expect(res.json()).toMatchObject({ fullNumber: '01/TTr-UBND' });
    const bytes = (await kinhte.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    issued.budget = bytes;
    const text = await docxText(bytes);
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.');
    expect(text).toContain(
      'Nâng cấp trang thiết bị Trung tâm Phục vụ hành chính công (ghế chờ, máy lấy số): 85.000.000 đ.',
    );
    expect(text).not.toContain('In pano'); // a line of the commune's own budget is not asked of the city
    expect(text).toContain(`(Kèm theo Tờ trình số 01/TTr-UBND ngày ${todayText} của`);
    const planId = (await vhxh.get('/api/plans')).json()[0].id;
    const task8 = (await vhxh.get(`/api/plans/${planId}/occurrences?year=2026`))
      .json()
      .find((o: { taskNumber: number }) => o.taskNumber === 8);
    expect(task8).toMatchObject({ status: 'done', fulfilledBy: { kind: 'budget_proposal', at: today } });
  });

  it('the plan is issued: it takes its number and date, and the commune’s public page offers it', async () => {
    const draft = await vhxh.post('/api/documents', { kind: 'plan', year: 2026 });
    expect(draft.statusCode, draft.body).toBe(201);
    const res = await leader.post(`/api/documents/${draft.json().id}/issue`, signer);
    expect(res.json()).toMatchObject({ fullNumber: '01/KH-UBND' });
    const plan = (await vhxh.get('/api/plans')).json()[0];
    expect(plan).toMatchObject({ number: '01/KH-UBND', issuedOn: today });
    const bytes = (await vhxh.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    issued.plan = bytes;
    expect(await docxText(bytes)).toContain(`(Kèm theo Kế hoạch số 01/KH-UBND ngày ${todayText} của`);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG/results' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().plan.document).toMatchObject({ fullNumber: '01/KH-UBND', issuedOn: today });
    const publicFile = await t.app.inject({
      method: 'GET',
      url: '/api/public/communes/HP-BINHGIANG/plan.docx',
    });
    expect(publicFile.statusCode).toBe(200);
    expect(sha(publicFile.rawPayload)).toBe(res.json().sha256);
    // a commune without an issued plan answers 404 in Vietnamese
    const none = await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-HONGBANG/plan.docx' });
    expect(none.statusCode).toBe(404);
  });

  it('a phường’s documents say phường in every fixed phrase', async () => {
    const hb = await communeIdOf(t.database, 'HP-HONGBANG');
    const coordinator = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'vhxh.hongbang')
      .executeTakeFirstOrThrow();
    const { id: _id, created_at: _c, last_login_at: _l, ...rest } = coordinator;
    await t.database.db
      .insertInto('users')
      .values({
        ...rest,
        username: 'chutich.hongbang',
        full_name: 'Trần Văn Phường',
        roles: ['leader'],
        updated_at: new Date(),
      })
      .execute();
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const chairman = await login(t.app, 'chutich.hongbang');
    const draft = await hongBang.post('/api/documents', { kind: 'registration-letter', year: 2026 });
    expect(draft.statusCode, draft.body).toBe(201);
    const res = await chairman.post(`/api/documents/${draft.json().id}/issue`, {
      signerName: 'Trần Văn Phường',
      signerTitle: 'Phó Chủ tịch',
    });
    // numbers are per commune: Hồng Bàng starts at 01 too
    expect(res.json()).toMatchObject({ fullNumber: '01/UBND-VHXH' });
    const bytes = (await hongBang.get(`/api/documents/${draft.json().id}/file`)).rawPayload;
    issued.phuong = bytes;
    const text = await docxText(bytes);
    expect(text).toContain('PHƯỜNG HỒNG BÀNG');
    expect(text).toContain('Hồng Bàng, ngày');
    expect(text).toContain('Ủy ban nhân dân phường đăng ký');
    expect(text).toMatch(/KT\. CHỦ TỊCH\s*PHÓ CHỦ TỊCH/);
    expect(text).not.toMatch(/\bxã\b/i);
    const yearly = await hongBang.post('/api/documents', { kind: 'yearly-report', year: 2026 });
    const draftText = await docxText(
      (await hongBang.get(`/api/documents/${yearly.json().id}/file`)).rawPayload,
    );
    expect(draftText).toContain('Ủy ban nhân dân phường');
    expect(draftText).toContain('tổ dân phố');
    expect(draftText).not.toMatch(/\bxã\b/i);
    expect(hb).toBeTruthy();
  });
});

describe('numbers of the register are unique and gap-free when issued at the same moment', () => {
  it('eight reports issued at once take eight consecutive numbers; one draft issued twice at once, once', async () => {
    const ids: string[] = [];
    for (let y = 2031; y <= 2038; y++) {
      const res = await vhxh.post('/api/documents', { kind: 'yearly-report', year: y });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const last = await t.database.db
      .selectFrom('document_counters')
      .select('last_number')
      .where('commune_id', '=', communeId)
      .where('register_year', '=', year)
      .where('symbol', '=', 'BC-UBND')
      .executeTakeFirstOrThrow();
    const results = await Promise.all(
      ids.map((id, i) => (i % 2 ? office : leader).post(`/api/documents/${id}/issue`, signer)),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => last.last_number + 1 + i));
    // the register holds each number once, from 1 without a gap
    const all = await t.database.db
      .selectFrom('documents')
      .select('number')
      .where('commune_id', '=', communeId)
      .where('register_year', '=', year)
      .where('symbol', '=', 'BC-UBND')
      .orderBy('number')
      .execute();
    expect(all.map((r) => r.number)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // one draft, two issuers at the same moment: one number, one refusal
    const one = await vhxh.post('/api/documents', { kind: 'yearly-report', year: 2039 });
    const twice = await Promise.all([
      office.post(`/api/documents/${one.json().id}/issue`, signer),
      leader.post(`/api/documents/${one.json().id}/issue`, signer),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await t.database.db
      .selectFrom('document_counters')
      .select('last_number')
      .where('commune_id', '=', communeId)
      .where('register_year', '=', year)
      .where('symbol', '=', 'BC-UBND')
      .executeTakeFirstOrThrow();
    expect(after.last_number).toBe(last.last_number + 9);
    // no file was left behind by the attempts that lost their number
    // (the store is the database's, decision 0021: every stored key is a files row's)
    const rows = await t.database.db.selectFrom('files').select('storage_key').execute();
    const keys = await t.database.db.selectFrom('file_keys').select('storage_key').execute();
    expect(keys.map((k) => k.storage_key).sort()).toEqual(rows.map((r) => r.storage_key).sort());
  }, 180_000);
});

describe('every document opens and converts with LibreOffice, in the format of Nghị định 30', () => {
  it('quốc hiệu, tiêu ngữ, the issuer bold, number, place and date in words, Nơi nhận, signature; no ISO date', async () => {
    for (const [name, bytes] of Object.entries(issued)) {
      const xml = await documentXml(bytes);
      // both lines of the issuing body are bold
      expect(xml, name).toMatch(/<w:b\/>(?:(?!<\/w:r>)[\s\S])*ỦY BAN NHÂN DÂN</);
      expect(xml, name).toMatch(/<w:b\/>(?:(?!<\/w:r>)[\s\S])*(XÃ BÌNH GIANG|PHƯỜNG HỒNG BÀNG)</);
      const text = await docxText(bytes);
      expect(text, name).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text, name).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text, name).toMatch(/Số: \d{2,}\/[A-Za-zĐ]+-[A-ZĐ]+/);
      expect(text, name).toMatch(/, ngày \d{2} tháng \d{2} năm \d{4}/);
      expect(text, name).toContain('Nơi nhận:');
      expect(text, name).not.toMatch(ISO_DATE);
    }
    const converted = convertWithLibreOffice(issued);
    if (!converted) {
      console.warn('documents: LibreOffice (soffice) is not on the PATH; the conversion is not checked.');
      return;
    }
    for (const [name, text] of Object.entries(converted)) {
      expect(text, name).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text, name).toMatch(/Số: \d{2,}\//);
      expect(text, name).not.toMatch(ISO_DATE);
    }
    expect(converted.yearly).toContain('BÁO CÁO');
    expect(converted.budget).toContain('TỜ TRÌNH');
    expect(converted.plan).toContain('KẾ HOẠCH');
  }, 300_000);
});
