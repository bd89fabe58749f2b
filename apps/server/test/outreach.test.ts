/**
 * Outreach (tuyên truyền): activities with their village, documents and evidence;
 * the document library; coverage per village and channel; good examples; the
 * public block with the slogans. Bad input is a Vietnamese 400 that writes nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { anonymous, type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let thon: Client;
let villages: Record<string, string>;
let foreignVillage: string;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  thon = await login(t.app, 'thon1.binhgiang');
  villages = Object.fromEntries(
    (await vhxh.get('/api/villages')).json().map((v: { name: string; id: string }) => [v.name, v.id]),
  );
  const hongBang = await login(t.app, 'vhxh.hongbang');
  foreignVillage = (await hongBang.get('/api/villages')).json()[0].id;
});
afterAll(() => t.close());

async function refused(res: { statusCode: number; body: string }, status: number, pattern: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const message = JSON.parse(res.body).error.message as string;
  expect(message).toMatch(VIETNAMESE);
  expect(message).toMatch(pattern);
}

type Activity = {
  id: string;
  title: string;
  kind: string;
  village: { name: string } | null;
  documents: { number: string }[];
};

describe('activities', () => {
  it('lists the year, filtered by channel, village, unit and words typed without diacritics', async () => {
    const all: Activity[] = (await vhxh.get('/api/outreach-activities?year=2026')).json().items;
    expect(all).toHaveLength(9);
    expect((await vhxh.get('/api/outreach-activities?year=2025')).json().items).toEqual([]);
    const conferences: Activity[] = (
      await vhxh.get('/api/outreach-activities?year=2026&kind=conference')
    ).json().items;
    expect(conferences).toHaveLength(2);
    const keSat: Activity[] = (
      await vhxh.get(`/api/outreach-activities?villageId=${villages['Thôn Kẻ Sặt']}`)
    ).json().items;
    expect(keSat.map((a) => a.kind)).toEqual(['performance']);
    const byVillageName: Activity[] = (await vhxh.get('/api/outreach-activities?q=thon%20ke%20sat')).json()
      .items;
    expect(byVillageName.map((a) => a.kind)).toEqual(['performance']);
    const words: Activity[] = (
      await vhxh.get(`/api/outreach-activities?q=${encodeURIComponent('QUAN TRIET')}`)
    ).json().items;
    expect(words.length).toBe(2);
    const units = Object.fromEntries(
      (await vhxh.get('/api/units')).json().map((u: { code: string; id: string }) => [u.code, u.id]),
    );
    expect((await vhxh.get(`/api/outreach-activities?unitId=${units.TTDVSNC}`)).json().items).toHaveLength(3);
    expect(conferences[1]!.documents.map((d) => d.number)).toEqual([
      '1376/QĐ-UBND',
      '119/KH-UBND',
      '5049/QĐ-UBND',
    ]);
  });

  it('a village head logs an activity of his village with documents, links and public flag', async () => {
    const docs = (await thon.get('/api/outreach-documents?q=5049')).json().items;
    const res = await thon.post('/api/outreach-activities', {
      kind: 'village_board',
      title: 'Bảng tin thôn: lịch tiếp công dân và khẩu hiệu “4 xin, 4 luôn”',
      heldOn: '2026-10-20',
      villageId: villages['Thôn Cậy'],
      audience: 276,
      documentIds: [docs[0].id],
      links: ['https://zalo.me/g/thoncay'],
      isPublic: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      village: { name: 'Thôn Cậy' },
      documents: [{ number: '5049/QĐ-UBND' }],
      createdBy: { fullName: 'Nguyễn Văn Hùng' },
    });
    const other = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await other.patch(`/api/outreach-activities/${res.json().id}`, { audience: 1 })).statusCode).toBe(
      403,
    );
    const edited = await vhxh.patch(`/api/outreach-activities/${res.json().id}`, { audience: 280 });
    expect(edited.json().audience).toBe(280);
  });

  it('refuses a village of another commune, a missing place, a negative audience and unknown documents, writing nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const base = { kind: 'conference', title: 'Hội nghị', heldOn: '2026-06-01', place: 'Nhà văn hóa' };
    await refused(
      await vhxh.post('/api/outreach-activities', { ...base, villageId: foreignVillage }),
      400,
      /Thôn không thuộc xã này/,
    );
    await refused(
      await vhxh.post('/api/outreach-activities', { ...base, place: '' }),
      400,
      /địa điểm hoặc chọn thôn/,
    );
    await refused(
      await vhxh.post('/api/outreach-activities', { ...base, audience: -5 }),
      400,
      /không được âm/,
    );
    await refused(
      await vhxh.post('/api/outreach-activities', {
        ...base,
        documentIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      400,
      /thư viện văn bản/,
    );
    await refused(
      await vhxh.post('/api/outreach-activities', { ...base, kind: 'tiktok' }),
      400,
      /Hội nghị quán triệt/,
    );
    await refused(
      await vhxh.post('/api/outreach-activities', { ...base, links: ['javascript:alert(1)'] }),
      400,
      /http/,
    );
    const some = (await vhxh.get('/api/outreach-activities?year=2026')).json().items[0];
    await refused(
      await vhxh.patch(`/api/outreach-activities/${some.id}`, { villageId: foreignVillage }),
      400,
      /Thôn không thuộc/,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('the leader and the city only read', async () => {
    const leader = await login(t.app, 'chutich.binhgiang');
    expect((await leader.get('/api/outreach-activities')).statusCode).toBe(200);
    expect(
      (
        await leader.post('/api/outreach-activities', {
          kind: 'zalo',
          title: 'x',
          heldOn: '2026-01-01',
          place: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('coverage per village and channel, and the measures', async () => {
    const c = (await vhxh.get('/api/outreach-coverage?year=2026')).json();
    expect(c.activeVillages).toBe(6);
    expect(c.coveredVillages).toBe(5); // four in the demo plus Thôn Cậy above
    expect(c.share).toBeCloseTo(5 / 6, 10);
    expect(c.villages.find((v: { name: string }) => v.name === 'Thôn Lương Ngọc')).toMatchObject({
      activities: 0,
    });
    expect(c.channels.find((x: { kind: string }) => x.kind === 'conference')).toMatchObject({
      label: 'Hội nghị quán triệt',
      activities: 2,
      audience: 305,
    });
    const communeId = vhxh.me.commune.id;
    const count = await findMeasure('outreach.activities')!.compute(t.database.db, {
      communeId,
      year: 2026,
      today: '2026-12-31',
    });
    expect(count.value).toBe(10);
    const early = await findMeasure('outreach.activities')!.compute(t.database.db, {
      communeId,
      year: 2026,
      today: '2026-05-31',
    });
    expect(early.value).toBe(4);
    const covered = await findMeasure('outreach.villagesCovered')!.compute(t.database.db, {
      communeId,
      year: 2026,
      today: '2026-12-31',
    });
    expect(covered.value).toBeCloseTo(5 / 6, 10);
    const none = await findMeasure('outreach.villagesCovered')!.compute(t.database.db, {
      communeId,
      year: 2025,
      today: '2025-12-31',
    });
    expect(none.value).toBe(0);
  });

  it('exports the year as XLSX', async () => {
    const res = await vhxh.get('/api/outreach-activities/export.xlsx?year=2026&kind=conference');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('NĂM 2026');
    expect(sheet.getCell('C5').value).toBe('Hội nghị quán triệt');
    expect(sheet.getCell('C7').value).toBeNull();
  });
});

describe('document library', () => {
  it('holds the plan documents, found without diacritics; the coordinator keeps it', async () => {
    const docs = (await vhxh.get('/api/outreach-documents')).json().items;
    expect(docs.map((d: { number: string }) => d.number)).toEqual(
      expect.arrayContaining([
        '04-ĐA/TU',
        '05-NQ/TU',
        '05-NQ/ĐU',
        '5049/QĐ-UBND',
        '1376/QĐ-UBND',
        '119/KH-UBND',
      ]),
    );
    const found = (
      await vhxh.get(`/api/outreach-documents?q=${encodeURIComponent('bo tieu chi, bang thang diem')}`)
    ).json().items;
    expect(found.map((d: { number: string }) => d.number)).toEqual(['5049/QĐ-UBND']);
    expect((await vhxh.get('/api/outreach-documents?q=qd-ubnd')).json().items).toHaveLength(2);
    const focal = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await focal.post('/api/outreach-documents', { title: 'Văn bản' })).statusCode).toBe(403);
    const created = await vhxh.post('/api/outreach-documents', {
      number: '12/HD-VHXH',
      issuedOn: '2026-05-02',
      issuer: 'Phòng Văn hóa - Xã hội',
      title: 'Hướng dẫn lồng ghép tiêu chí vào bình xét danh hiệu văn hóa',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await vhxh.delete(`/api/outreach-documents/${created.json().id}`)).statusCode).toBe(204);
    await refused(await vhxh.delete(`/api/outreach-documents/${found[0].id}`), 409, /dẫn chiếu/);
  });
});

describe('good examples', () => {
  it('the public-service centre records good practices and shortcomings; others may not', async () => {
    const centre = await login(t.app, 'ttdvsnc.binhgiang');
    const res = await centre.post('/api/good-examples', {
      kind: 'good',
      year: 2026,
      subject: 'Thôn Ngọc Quán',
      villageId: villages['Thôn Ngọc Quán'],
      title: 'Loa truyền thanh thôn phát lịch tiếp dân hằng tuần',
      links: ['https://binhgiang.haiphong.gov.vn/tin/ngoc-quan'],
    });
    expect(res.statusCode, res.body).toBe(201);
    await refused(
      await centre.post('/api/good-examples', {
        kind: 'good',
        year: 2026,
        subject: 'X',
        title: 'Y',
        villageId: foreignVillage,
      }),
      400,
      /Thôn không thuộc/,
    );
    const other = await login(t.app, 'ttpvhcc.binhgiang');
    expect(
      (await other.post('/api/good-examples', { kind: 'good', year: 2026, subject: 'X', title: 'Y' }))
        .statusCode,
    ).toBe(403);
    const found = (await vhxh.get(`/api/good-examples?q=${encodeURIComponent('nhan tin zalo')}`)).json()
      .items;
    expect(found.map((e: { subject: string }) => e.subject)).toEqual(['Trung tâm Phục vụ hành chính công']);
    expect((await vhxh.get('/api/good-examples?kind=shortcoming&year=2026')).json().items).toHaveLength(1);
    const xlsx = await vhxh.get('/api/good-examples/export.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the public block', () => {
  it('shows the slogans and the latest public activities, without personal data', async () => {
    const res = await anonymous(t.app).get('/api/public/communes/hp-binhgiang/outreach');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.slogans.title).toBe('4 xin, 4 luôn, 5 không');
    const labels = (items: { label: string }[]) => items.map((i) => i.label);
    expect(labels(body.slogans.xin)).toEqual(['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép']);
    expect(labels(body.slogans.luon)).toEqual([
      'Luôn mỉm cười',
      'Luôn nhẹ nhàng',
      'Luôn lắng nghe',
      'Luôn giúp đỡ',
    ]);
    expect(body.slogans.khong).toHaveLength(5);
    expect(body.activities).toHaveLength(6);
    expect(body.activities[0]).toMatchObject({ kindLabel: 'Bảng tin thôn', place: 'Thôn Cậy' });
    expect(res.body).not.toMatch(/Nguyễn Văn Hùng|createdBy|thon1/);
    expect(res.body).not.toContain('Hồng Bàng');
    expect((await anonymous(t.app).get('/api/public/communes/KHONG-CO/outreach')).statusCode).toBe(404);
  });
});

describe('another commune', () => {
  it('sees only its own activity', async () => {
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const list = (await hongBang.get('/api/outreach-activities')).json().items;
    expect(list.map((a: { title: string }) => a.title)).toEqual([
      'Phát thanh về mô hình tại phường Hồng Bàng',
    ]);
    expect((await hongBang.get('/api/outreach-documents')).json().items).toEqual([]);
  });
});
