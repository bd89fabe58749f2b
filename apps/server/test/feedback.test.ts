/**
 * Citizens' feedback end to end through the API: send (JSON and multipart with
 * files checked by content), follow by code, the queue's workflow with who may
 * do what, one rating, units' difficulties in the same queue, rate limits,
 * holidays in deadlines, reminders and the measures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addWorkingDays, VIETNAM_HOLIDAYS_2026_2027, vietnamDate } from '@cqtt/domain';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseRateLimit } from '../src/config.ts';
import { runFeedbackReminders } from '../src/feedback/reminders.ts';
import { findMeasure } from '../src/measures/index.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let filesDir: string;
let vhxh: Client;
let ttp: Client;
let vpub: Client;
let leader: Client;
let mttq: Client;
let binhGiangId: string;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

let ipCounter = 0;
/** A fresh client address per call, so the rate limit only bites where a test means it to. */
const freshIp = () => `10.6.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function send(body: Record<string, unknown>, ip = freshIp()) {
  return t.app.inject({ method: 'POST', url: '/api/public/feedback', payload: body, remoteAddress: ip });
}

function multipart(
  fields: Record<string, string>,
  files: { bytes: Buffer; name: string; type: string }[],
  ip = freshIp(),
) {
  const boundary = `----cqtt${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/public/feedback',
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    remoteAddress: ip,
  });
}

const track = (code: string) =>
  t.app.inject({ method: 'GET', url: `/api/public/feedback/${code}`, remoteAddress: freshIp() });
const rate = (code: string, rating: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/feedback/${code}/rating`,
    payload: { rating },
    remoteAddress: freshIp(),
  });

const citizen = {
  communeCode: 'HP-BINHGIANG',
  categoryCode: 'ha-tang',
  content: 'Ổ gà lớn trên đường liên thôn Ngọc Quán - Cậy, xe máy đi qua rất nguy hiểm.',
  name: 'Vũ Thị Thanh Xuân',
  phone: '0916 222 333',
  email: 'xuan.vu@example.vn',
  address: 'Đường liên thôn Ngọc Quán - Cậy',
  lat: 20.8712,
  lng: 106.2345,
  allowPublish: true,
};

async function idOf(code: string) {
  const row = await t.database.db
    .selectFrom('feedback_items')
    .select('id')
    .where('tracking_code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
async function unitId(code: string) {
  const row = await t.database.db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', binhGiangId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'cqtt-feedback-'));
  t = await createTestApp({ filesDir });
  [vhxh, ttp, vpub, leader, mttq] = (await Promise.all(
    ['vhxh.binhgiang', 'ttpvhcc.binhgiang', 'vpub.binhgiang', 'chutich.binhgiang', 'mttq.binhgiang'].map(
      (u) => login(t.app, u),
    ),
  )) as [Client, Client, Client, Client, Client];
  binhGiangId = vhxh.me.commune.id;
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('categories and deadlines', () => {
  it('lists the commune’s categories with their deadline in working days, exactly as the contract says', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/public/communes/HP-BINHGIANG/feedback-categories',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { code: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính', deadlineDays: 7 },
      { code: 'thai-do-can-bo', name: 'Thái độ, tác phong cán bộ', deadlineDays: 5 },
      { code: 'ha-tang', name: 'Hạ tầng - môi trường', deadlineDays: 10 },
      { code: 'an-ninh', name: 'An ninh trật tự', deadlineDays: 5 },
      { code: 'khac', name: 'Khác', deadlineDays: 10 },
    ]);
  });

  it('a new item’s deadline skips weekends, the city’s holidays and the commune’s own days off', async () => {
    const today = vietnamDate(new Date());
    const first = (await send(citizen)).json().trackingCode;
    const expected = addWorkingDays(today, 10, VIETNAM_HOLIDAYS_2026_2027);
    expect((await track(first)).json().deadline).toBe(expected);
    // the commune adds the next working day as its own day off: the deadline moves one working day
    const extra = addWorkingDays(today, 1, VIETNAM_HOLIDAYS_2026_2027);
    const put = await vhxh.request('PUT', '/api/holidays', { days: [{ day: extra, name: 'Lễ hội làng' }] });
    expect(put.statusCode).toBe(200);
    const second = (await send(citizen)).json().trackingCode;
    expect((await track(second)).json().deadline).toBe(
      addWorkingDays(today, 10, [...VIETNAM_HOLIDAYS_2026_2027, extra]),
    );
    const list = (await vhxh.get('/api/holidays')).json();
    expect(list).toContainEqual({ day: extra, name: 'Lễ hội làng', scope: 'commune' });
    expect(list).toContainEqual({ day: '2027-02-08', name: 'Tết Nguyên đán', scope: 'city' });
    await vhxh.request('PUT', '/api/holidays', { days: [] });
    // a focal point may read the list but not change it
    expect((await ttp.request('PUT', '/api/holidays', { days: [] })).statusCode).toBe(403);
  });

  it('the coordinator adds and edits categories; the code is unique in the commune', async () => {
    const created = await vhxh.post('/api/feedback-categories', {
      code: 'giao-duc',
      name: 'Giáo dục',
      deadlineDays: 10,
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await vhxh.post('/api/feedback-categories', { code: 'giao-duc', name: 'Khác', deadlineDays: 3 }))
        .statusCode,
    ).toBe(409);
    const patched = await vhxh.patch(`/api/feedback-categories/${created.json().id}`, {
      deadlineDays: 7,
      isActive: false,
    });
    expect(patched.json()).toMatchObject({ deadlineDays: 7, isActive: false });
    const pub = (
      await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG/feedback-categories' })
    ).json();
    expect(pub.map((c: { code: string }) => c.code)).not.toContain('giao-duc');
    expect(
      (await ttp.post('/api/feedback-categories', { code: 'x', name: 'X', deadlineDays: 1 })).statusCode,
    ).toBe(403);
  });
});

describe('sending feedback', () => {
  it('JSON: 201 with a tracking code to read over the phone, and only that', async () => {
    const res = await send(citizen);
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json())).toEqual(['trackingCode']);
    expect(res.json().trackingCode).toMatch(/^PA-[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}$/);
  });

  it('multipart: up to 5 photos or PDF files, kept with the item for those handling it', async () => {
    const { allowPublish, lat, lng, ...rest } = citizen;
    const res = await multipart(
      { ...rest, lat: String(lat), lng: String(lng), allowPublish: String(allowPublish) },
      [
        { bytes: PNG, name: 'ổ gà.png', type: 'image/png' },
        { bytes: PDF, name: 'đơn.pdf', type: 'application/pdf' },
      ],
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOf(res.json().trackingCode);
    const detail = (await vhxh.get(`/api/feedback/${id}`)).json();
    expect(detail.files.map((f: { mime: string }) => f.mime).sort()).toEqual([
      'application/pdf',
      'image/png',
    ]);
    expect(detail).toMatchObject({ lat: 20.8712, lng: 106.2345, allowPublish: true, status: 'received' });
    expect(detail.contact).toEqual({ name: citizen.name, phone: citizen.phone, email: citizen.email });
    // the coordinator downloads the photo
    const file = await vhxh.get(
      `/api/files/${detail.files.find((f: { mime: string }) => f.mime === 'image/png').id}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
  });

  it('refuses, in Vietnamese and writing nothing: a fake photo, an office file, six files, a bad e-mail, an unknown category, a half position', async () => {
    const before = await countRows(t.database, 'audit_log');
    const items = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('feedback_items')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const itemsBefore = await items();
    const fields = {
      communeCode: 'HP-BINHGIANG',
      categoryCode: 'ha-tang',
      content: citizen.content,
      allowPublish: 'false',
    };
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Đơn')] }] }));
    const cases = [
      await multipart(fields, [
        { bytes: Buffer.from('<script>alert(1)</script>'), name: 'anh.png', type: 'image/png' },
      ]),
      await multipart(fields, [{ bytes: docx, name: 'don.docx', type: 'application/msword' }]),
      await multipart(
        fields,
        Array.from({ length: 6 }, (_, i) => ({ bytes: PNG, name: `${i}.png`, type: 'image/png' })),
      ),
      await multipart({ ...fields, email: 'khong-phai-thu' }, []),
      await send({ ...citizen, categoryCode: 'khong-co' }),
      await send({ ...citizen, lng: undefined }),
      await send({ ...citizen, content: 'ngắn' }),
      await send({ ...citizen, communeCode: 'HP-KHONGCO' }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error.message, res.body).toMatch(VIETNAMESE);
    }
    expect(cases[1]!.json().error.message).toMatch(/chỉ nhận ảnh/);
    expect(cases[2]!.json().error.message).toMatch(/tối đa 5 tệp/);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect(await items()).toBe(itemsBefore);
  });

  it('a broken or cut multipart body is a Vietnamese 400, never a 500', async () => {
    const cut = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      payload: '--abc\r\nContent-Disposition: form-data; name="content"\r\n\r\nĐường hỏng',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      remoteAddress: freshIp(),
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.message).toMatch(VIETNAMESE);
    const incomplete = await multipart({ communeCode: 'HP-BINHGIANG' }, []);
    expect(incomplete.statusCode).toBe(400);
    const wrongField = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      payload:
        '--abc\r\nContent-Disposition: form-data; name="anh"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nx\r\n--abc--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      remoteAddress: freshIp(),
    });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.message).toMatch(/trường “files”/);
  });

  it('rate limit per address: 10 in 10 minutes by default, then 429 with a Vietnamese message; another address is not affected', async () => {
    const ip = '10.66.66.66';
    for (let i = 0; i < 10; i++) expect((await send(citizen, ip)).statusCode).toBe(201);
    const refused = await send(citizen, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/quá nhiều phản ánh.*thử lại sau \d+ phút/);
    const multi = await multipart({ communeCode: 'HP-BINHGIANG' }, [], ip);
    expect(multi.statusCode).toBe(429);
    expect((await send(citizen, '10.66.66.67')).statusCode).toBe(201);
  });
});

describe('the workflow: triage, answer, approve, publish, rate', () => {
  it('coordinator assigns, the unit drafts, the leader approves, the citizen reads and rates once', async () => {
    const code = (await send(citizen)).json().trackingCode;
    const id = await idOf(code);
    const tt = await unitId('TTPVHCC');

    // before assignment the unit does not see it, nor does another unit ever
    expect((await ttp.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    const assigned = await vhxh.post(`/api/feedback/${id}/assign`, { unitId: tt, note: 'Xử lý trong tuần' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().status).toBe('assigned');
    expect((await vpub.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await vpub.post(`/api/feedback/${id}/draft`, { answer: 'x' })).statusCode).toBe(404);

    // the unit sees the contact and drafts; it may not approve
    const seen = (await ttp.get(`/api/feedback/${id}`)).json();
    expect(seen.contact.phone).toBe(citizen.phone);
    expect(seen.actions).toEqual(['draft']);
    expect((await ttp.post(`/api/feedback/${id}/approve`, { publish: true })).statusCode).toBe(403);
    // no step can be skipped
    expect((await leader.post(`/api/feedback/${id}/approve`, { publish: true })).statusCode).toBe(409);
    const answer = 'UBND xã đã giao đơn vị vá ổ gà; việc sửa chữa hoàn thành trong 5 ngày.';
    const drafted = await ttp.post(`/api/feedback/${id}/draft`, { answer });
    expect(drafted.json()).toMatchObject({ status: 'drafted', answer });
    // the citizen does not see a draft
    expect((await track(code)).json().answer).toBeUndefined();

    // the supervisor sees the item but not the person
    const supervised = (await mttq.get(`/api/feedback/${id}`)).json();
    expect(supervised.contact).toBeNull();
    expect(supervised.actions).toEqual([]);

    // the leader sends it back once, then approves (and so publishes)
    expect(
      (await leader.post(`/api/feedback/${id}/return`, { note: 'Ghi rõ ngày hoàn thành.' })).json().status,
    ).toBe('assigned');
    await ttp.post(`/api/feedback/${id}/draft`, { answer });
    const approved = await leader.post(`/api/feedback/${id}/approve`, { publish: true });
    expect(approved.json()).toMatchObject({ status: 'published', onTime: true });
    expect(approved.json().history.map((h: { action: string }) => h.action)).toEqual([
      'receive',
      'assign',
      'draft',
      'return',
      'draft',
      'approve',
      'publish',
    ]);
    expect(approved.json().history[1].actor.fullName).toBe('Nguyễn Thị Thu Hà');

    const followed = (await track(code)).json();
    expect(followed).toMatchObject({ status: 'published', answer, canRate: true });
    expect(followed.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'assigned',
      'drafted',
      'assigned',
      'drafted',
      'approved',
      'published',
    ]);
    for (const h of followed.history) expect(Object.keys(h).sort()).toEqual(['at', 'status', 'statusLabel']);

    expect((await rate(code, 'satisfied')).json()).toMatchObject({
      status: 'rated',
      rating: 'satisfied',
      canRate: false,
    });
    const again = await rate(code, 'unsatisfied');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/chỉ đánh giá một lần/);
  });

  it('50 ratings at once store one', async () => {
    const code = (await send(citizen)).json().trackingCode;
    const id = await idOf(code);
    await vhxh.post(`/api/feedback/${id}/assign`, { unitId: await unitId('TTPVHCC') });
    await vhxh.post(`/api/feedback/${id}/draft`, { answer: 'Đã xử lý.' });
    await leader.post(`/api/feedback/${id}/approve`, {});
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rate(code, i % 2 ? 'satisfied' : 'unsatisfied')),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(49);
  });

  it('reject with a reason (the citizen reads it), route a denunciation out with a note, merge a duplicate', async () => {
    const a = (await send(citizen)).json().trackingCode;
    expect((await vhxh.post(`/api/feedback/${await idOf(a)}/reject`, { reason: '' })).statusCode).toBe(400);
    await vhxh.post(`/api/feedback/${await idOf(a)}/reject`, { reason: 'Không thuộc thẩm quyền của xã.' });
    expect((await track(a)).json()).toMatchObject({
      status: 'rejected',
      answer: 'Không thuộc thẩm quyền của xã.',
      canRate: false,
    });

    const b = (
      await send({ ...citizen, content: 'Tôi tố cáo cán bộ thu tiền sai quy định khi làm hồ sơ.' })
    ).json().trackingCode;
    const routed = await vhxh.post(`/api/feedback/${await idOf(b)}/route-out`, {
      note: 'Chuyển theo Luật Tố cáo 2018.',
    });
    expect(routed.json().status).toBe('routed_out');
    expect((await track(b)).json().answer).toBe('Chuyển theo Luật Tố cáo 2018.');
    // a closed item takes no more steps
    expect(
      (await vhxh.post(`/api/feedback/${await idOf(b)}/assign`, { unitId: await unitId('KT') })).statusCode,
    ).toBe(409);

    const c = (await send(citizen)).json().trackingCode;
    const main = await idOf('PA-9MRT4-BC6XE');
    expect(
      (await vhxh.post(`/api/feedback/${await idOf(c)}/merge`, { intoId: await idOf(c) })).statusCode,
    ).toBe(400);
    const merged = await vhxh.post(`/api/feedback/${await idOf(c)}/merge`, { intoId: main });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: { trackingCode: 'PA-9MRT4-BC6XE' } });
    // its sender learns how the other item is handled, never the other sender's code
    const tracked = await track(c);
    expect(tracked.json().mergedInto).toMatchObject({
      status: expect.any(String),
      statusLabel: expect.any(String),
    });
    expect(tracked.body.includes('PA-9MRT4-BC6XE')).toBe(false);
    expect((await vhxh.get(`/api/feedback/${main}`)).json().duplicates).toContainEqual({
      id: await idOf(c),
      trackingCode: c,
    });
  });

  it('who may not: a focal point cannot triage, a supervisor cannot act, a village head cannot read the queue', async () => {
    const id = await idOf((await send(citizen)).json().trackingCode);
    expect((await ttp.post(`/api/feedback/${id}/accept`, {})).statusCode).toBe(403);
    expect((await mttq.post(`/api/feedback/${id}/accept`, {})).statusCode).toBe(403);
    expect((await mttq.post(`/api/feedback/${id}/draft`, { answer: 'x' })).statusCode).toBe(403);
    const thon = await login(t.app, 'thon1.binhgiang');
    expect((await thon.get('/api/feedback')).statusCode).toBe(403);
    expect((await thon.get(`/api/feedback/${id}`)).statusCode).toBe(403);
    // another commune's coordinator: 404
    const hb = await login(t.app, 'vhxh.hongbang');
    expect((await hb.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await hb.post(`/api/feedback/${id}/accept`, {})).statusCode).toBe(404);
  });
});

describe('the queue', () => {
  it('filters by status, shows the deadline and flags overdue items; searches without diacritics', async () => {
    const overdue = (await vhxh.get('/api/feedback?status=overdue')).json();
    expect(overdue.items.map((i: { trackingCode: string }) => i.trackingCode)).toContain('PA-9MRT4-BC6XE');
    for (const i of overdue.items) expect(i.overdue).toBe(true);
    const found = (await vhxh.get(`/api/feedback?q=${encodeURIComponent('cong thoat nuoc')}`)).json();
    expect(found.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual(['PA-9MRT4-BC6XE']);
    // the coordinator finds a sender by phone; the supervisor cannot search people
    expect((await vhxh.get('/api/feedback?q=0905111222')).json().total).toBe(1);
    expect((await mttq.get('/api/feedback?q=0905111222')).json().total).toBe(0);
    const all = (await mttq.get('/api/feedback?pageSize=200')).json();
    for (const i of all.items) expect(i.contact).toBeNull();
    expect(all.items[0].workingDaysLeft === null || typeof all.items[0].workingDaysLeft === 'number').toBe(
      true,
    );
  });

  it('a focal point sees only its unit’s items', async () => {
    const mine = (await ttp.get('/api/feedback?pageSize=200')).json();
    const tt = await unitId('TTPVHCC');
    expect(mine.total).toBeGreaterThan(0);
    for (const i of mine.items) expect(i.unit.id).toBe(tt);
  });

  it('stats: counts by status, overdue, on-time share and satisfaction for the supervisor', async () => {
    const stats = (await mttq.get('/api/feedback/stats')).json();
    expect(stats.overdue).toBeGreaterThan(0);
    expect(stats.measures.map((m: { key: string }) => m.key)).toEqual([
      'feedback.answeredOnTimeShare',
      'feedback.answerSatisfaction',
    ]);
  });
});

describe('units’ difficulties through the same queue', () => {
  it('a difficulty reported against a task is an internal queue item, closed by the plans’ answer, never public', async () => {
    const task = await t.database.db
      .selectFrom('plan_tasks')
      .select('id')
      .where('commune_id', '=', binhGiangId)
      .where('lead_unit_id', '=', await unitId('TTPVHCC'))
      .executeTakeFirstOrThrow();
    const reported = await ttp.post('/api/difficulties', {
      taskId: task.id,
      year: 2026,
      content: 'Thiếu máy quét hồ sơ tại bộ phận một cửa, đề nghị xã bố trí kinh phí.',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const queue = (await vhxh.get('/api/feedback?kind=difficulty')).json();
    const item = queue.items.find((i: { difficultyId: string }) => i.difficultyId === reported.json().id);
    expect(item).toMatchObject({
      kind: 'difficulty',
      trackingCode: null,
      status: 'received',
      allowPublish: false,
    });
    const detail = (await vhxh.get(`/api/feedback/${item.id}`)).json();
    expect(detail.task.id).toBe(task.id);
    expect(detail.actions).toEqual([]);
    // the unit that reported it follows it in its queue
    expect(
      (await ttp.get('/api/feedback?kind=difficulty')).json().items.map((i: { id: string }) => i.id),
    ).toContain(item.id);
    await leader.post(`/api/difficulties/${reported.json().id}/answer`, {
      answer: 'Đã bố trí kinh phí quý I.',
    });
    const answered = (await vhxh.get(`/api/feedback/${item.id}`)).json();
    expect(answered).toMatchObject({ status: 'published', answer: 'Đã bố trí kinh phí quý I.' });
    const summary = (
      await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG/feedback-summary' })
    ).json();
    expect(JSON.stringify(summary)).not.toContain('máy quét');
  });
});

describe('reminders and measures', () => {
  it('an overdue item reminds once (the unit, or the coordinators when it has nobody)', async () => {
    const now = new Date();
    const first = await runFeedbackReminders(t.database.db, now, { publicUrl: 'http://cqtt.test' });
    expect(first.reminders).toBeGreaterThan(0);
    const second = await runFeedbackReminders(t.database.db, now, { publicUrl: 'http://cqtt.test' });
    expect(second.reminders).toBe(0);
    // PA-9MRT4-BC6XE is assigned to Phòng Kinh tế, whose focal official is reminded
    const kinhTe = await login(t.app, 'kinhte.binhgiang');
    expect((await kinhTe.get('/api/notifications')).body).toContain('PA-9MRT4-BC6XE');
  });

  it('an item assigned to a unit reminds that unit’s focal point the day before its deadline', async () => {
    const now = new Date();
    const code = (await send(citizen)).json().trackingCode;
    const id = await idOf(code);
    await vhxh.post(`/api/feedback/${id}/assign`, { unitId: await unitId('TTPVHCC') });
    await t.database.db
      .updateTable('feedback_items')
      .set({ deadline: vietnamDate(new Date(now.getTime() + 86_400_000)) })
      .where('id', '=', id)
      .execute();
    const report = await runFeedbackReminders(t.database.db, now, { publicUrl: 'http://cqtt.test' });
    expect(report.reminders).toBeGreaterThanOrEqual(1);
    const notes = (await ttp.get('/api/notifications')).body;
    expect(notes).toContain(`Nhắc việc: Phản ánh ${code}`);
    // the mail waits in the outbox for the focal point
    const mail = await t.database.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('subject', 'like', `%${code}%`)
      .execute();
    expect(mail.map((m) => m.to_address)).toEqual(['ttpvhcc.binhgiang@demo.cqtt.local']);
  });

  it('answeredOnTimeShare and answerSatisfaction over a year', async () => {
    const { db } = t.database;
    const commune = await db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HP-CATHAI')
      .executeTakeFirstOrThrow();
    const cat = await db
      .selectFrom('feedback_categories')
      .select('id')
      .where('commune_id', '=', commune.id)
      .executeTakeFirstOrThrow();
    let n = 0;
    const add = (v: {
      status: string;
      received: string;
      deadline: string;
      answered?: string;
      rating?: 'satisfied' | 'unsatisfied';
    }) =>
      db
        .insertInto('feedback_items')
        .values({
          commune_id: commune.id,
          kind: 'feedback',
          tracking_code: `PA-MEAS${String.fromCharCode(65 + n)}-${'2345678923'.slice(0, 5)}`
            .replace('MEAS', `M${++n}`.padEnd(4, 'Z'))
            .slice(0, 14),
          source: 'web',
          category_id: cat.id,
          content: 'x',
          status: v.status,
          received_on: v.received,
          deadline: v.deadline,
          unit_id: null,
          merged_into_id: null,
          answered_on: v.answered ?? null,
          rating: v.rating ?? null,
          rated_at: v.rating ? new Date('2026-06-01T03:00:00Z') : null,
          difficulty_id: null,
          updated_at: new Date(),
        })
        .execute();
    await add({
      status: 'rated',
      received: '2026-03-02',
      deadline: '2026-03-16',
      answered: '2026-03-16',
      rating: 'satisfied',
    });
    await add({
      status: 'rated',
      received: '2026-03-02',
      deadline: '2026-03-16',
      answered: '2026-03-17',
      rating: 'unsatisfied',
    });
    await add({
      status: 'rated',
      received: '2026-04-02',
      deadline: '2026-04-16',
      answered: '2026-04-10',
      rating: 'satisfied',
    });
    await add({ status: 'rejected', received: '2026-05-04', deadline: '2026-05-18', answered: '2026-05-05' });
    await add({ status: 'assigned', received: '2026-05-04', deadline: '2026-05-18' }); // overdue on 2026-06-30
    await add({ status: 'assigned', received: '2026-06-25', deadline: '2026-07-09' }); // not decided yet
    await add({ status: 'merged', received: '2026-05-04', deadline: '2026-05-18', answered: '2026-05-04' });
    await add({
      status: 'published',
      received: '2025-12-01',
      deadline: '2025-12-15',
      answered: '2025-12-20',
    }); // last year
    const input = { communeId: commune.id, year: 2026, today: '2026-06-30' };
    const onTime = await findMeasure('feedback.answeredOnTimeShare')!.compute(db, input);
    expect(onTime.value).toBe(3 / 5); // on time: 16/3, 10/4, the rejection; late: 17/3; overdue: one
    const satisfaction = await findMeasure('feedback.answerSatisfaction')!.compute(db, input);
    expect(satisfaction.value).toBe(2 / 3);
    const empty = await findMeasure('feedback.answerSatisfaction')!.compute(db, { ...input, year: 2027 });
    expect(empty.value).toBeNull();

    // the commune's public figures for the same year (today is after every deadline above)
    const summary = (
      await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-CATHAI/feedback-summary?year=2026' })
    ).json();
    expect(summary).toMatchObject({
      year: 2026,
      received: 7,
      answered: 4,
      open: 2,
      overdue: 2,
      onTimeShare: 0.5,
    });
    expect(summary.published).toEqual([]);
  });

  it('the feedback rate limit is read from CQTT_FEEDBACK_RATE_LIMIT', () => {
    expect(parseRateLimit('20/600', { limit: 10, windowSeconds: 600 })).toEqual({
      limit: 20,
      windowSeconds: 600,
    });
    for (const bad of [undefined, '', 'abc', '0/600', '10/0', '10 per 600'])
      expect(parseRateLimit(bad, { limit: 10, windowSeconds: 600 })).toEqual({
        limit: 10,
        windowSeconds: 600,
      });
    expect(loadConfig({ CQTT_FEEDBACK_RATE_LIMIT: '3/60' }).feedbackRateLimit).toEqual({
      limit: 3,
      windowSeconds: 60,
    });
    expect(t.config.feedbackRateLimit).toEqual({ limit: 10, windowSeconds: 600 });
  });
});
