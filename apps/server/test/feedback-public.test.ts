/**
 * Public surfaces of feedback: Open311 GeoReport v2, and the privacy walk
 * (RELIABILITY.md 3): every public route, JSON and Open311, is called with
 * real codes and must not return any sender's name, phone or e-mail.
 */
import { vietnamDate } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let ip = 0;
const addr = () => `10.7.${Math.floor(++ip / 250)}.${ip % 250}`;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: addr(),
  });
const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: addr() });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('Open311 GeoReport v2', () => {
  it('services.json lists the commune’s categories with the spec’s field names', async () => {
    const res = await get('/open311/v2/services.json?jurisdiction_id=HP-BINHGIANG');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const services = res.json();
    expect(services).toHaveLength(5);
    expect(services[2]).toEqual({
      service_code: 'ha-tang',
      service_name: 'Hạ tầng - môi trường',
      description: expect.stringContaining('10 ngày làm việc'),
      metadata: true,
      type: 'realtime',
      keywords: '',
      group: 'Phản ánh, kiến nghị',
    });
  });

  it('errors are an array of {code, description} with the HTTP status', async () => {
    for (const [url, status] of [
      ['/open311/v2/services.json', 400],
      ['/open311/v2/services.json?jurisdiction_id=HP-KHONGCO', 404],
      ['/open311/v2/requests/PA-22222-22222.json?jurisdiction_id=HP-BINHGIANG', 404],
      ['/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&status=pending', 400],
      ['/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&start_date=hom-qua', 400],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json(), url).toEqual([{ code: status, description: expect.any(String) }]);
    }
  });

  it('POST requests.json (form-encoded) creates feedback and answers its service_request_id', async () => {
    const res = await postForm({
      jurisdiction_id: 'HP-BINHGIANG',
      service_code: 'ha-tang',
      lat: '20.87',
      long: '106.23',
      address_string: 'Cổng chợ Cậy',
      description: 'Rác thải đổ bừa bãi ở cổng chợ, bốc mùi.',
      first_name: 'Mai',
      last_name: 'Anh Tuấn',
      email: 'tuan.mai@example.vn',
      phone: '0977123456',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json();
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^PA-/),
      service_notice: expect.any(String),
      account_id: null,
    });
    const one = await get(
      `/open311/v2/requests/${created.service_request_id}.json?jurisdiction_id=HP-BINHGIANG`,
    );
    expect(one.statusCode).toBe(200);
    expect(one.json()[0]).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: 'ha-tang',
      description: 'Rác thải đổ bừa bãi ở cổng chợ, bốc mùi.',
      address: 'Cổng chợ Cậy',
      lat: 20.87,
      long: 106.23,
    });
    // the coordinator sees who sent it
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const item = (await vhxh.get(`/api/feedback?q=${created.service_request_id}`)).json().items[0];
    expect(item.contact).toEqual({ name: 'Mai Anh Tuấn', phone: '0977123456', email: 'tuan.mai@example.vn' });
    expect(item.source).toBe('open311');
  });

  it('POST refusals follow the spec: missing service_code, no location, unknown service, short description, JSON body', async () => {
    const base = {
      jurisdiction_id: 'HP-BINHGIANG',
      service_code: 'ha-tang',
      lat: '20.8',
      long: '106.2',
      description: 'Đường hỏng nặng.',
    };
    for (const fields of [
      { ...base, service_code: '' },
      { jurisdiction_id: 'HP-BINHGIANG', service_code: 'ha-tang', description: 'Đường hỏng nặng.' },
      { ...base, service_code: 'khong-co' },
      { ...base, description: 'ngắn' },
      { ...base, lat: 'bac' },
    ]) {
      const res = await postForm(fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.json()).toEqual([{ code: 400, description: expect.any(String) }]);
    }
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: base,
      remoteAddress: addr(),
    });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    const missing = await postForm({ ...base, jurisdiction_id: 'HP-KHONGCO' });
    expect(missing.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('requests.json lists only what the staff published and the sender allowed, by public id; filters by status and service', async () => {
    const all = (await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG')).json();
    const published = await t.database.db
      .selectFrom('feedback_items as i')
      .innerJoin('communes as c', 'c.id', 'i.commune_id')
      .select(['i.id', 'i.tracking_code', 'i.status', 'i.allow_publish'])
      .where('c.code', '=', 'HP-BINHGIANG')
      .where('i.kind', '=', 'feedback')
      .execute();
    const shown = published.filter((p) => p.allow_publish && ['published', 'rated'].includes(p.status));
    expect(shown.length).toBeGreaterThan(0);
    expect(all.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      shown.map((p) => p.id).sort(),
    );
    for (const r of all) expect(r.status).toBe('closed');
    const lamp = shown.find((p) => p.tracking_code === 'PA-7KQ2M-X9HRT')!;
    const answered = all.find((r: { service_request_id: string }) => r.service_request_id === lamp.id);
    expect(answered.status_notes).toMatch(/thay 3 bóng đèn/);
    expect((await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&status=open')).json()).toEqual(
      [],
    );
    const byCode = (
      await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&service_code=thu-tuc-hanh-chinh')
    ).json();
    for (const r of byCode) expect(r.service_code).toBe('thu-tuc-hanh-chinh');
    const hidden = published.find((p) => p.tracking_code === 'PA-9MRT4-BC6XE')!;
    const some = (
      await get(
        `/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&service_request_id=${lamp.id},${hidden.id},PA-7KQ2M-X9HRT`,
      )
    ).json();
    expect(some.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([lamp.id]);
    expect((await get(`/open311/v2/requests/${lamp.id}.json?jurisdiction_id=HP-BINHGIANG`)).statusCode).toBe(
      200,
    );
    expect(
      (await get(`/open311/v2/requests/${hidden.id}.json?jurisdiction_id=HP-BINHGIANG`)).statusCode,
    ).toBe(404);
    // its sender follows it by the code, in no other jurisdiction
    const own = await get('/open311/v2/requests/PA-9MRT4-BC6XE.json?jurisdiction_id=HP-BINHGIANG');
    expect(own.statusCode).toBe(200);
    expect(own.json()[0].service_request_id).toBe('PA-9MRT4-BC6XE');
    expect(
      (await get('/open311/v2/requests/PA-7KQ2M-X9HRT.json?jurisdiction_id=HP-HONGBANG')).statusCode,
    ).toBe(404);
    expect(
      (await get('/open311/v2/requests/PA-B3NX6-MQ4TZ.json?jurisdiction_id=HP-BINHGIANG')).statusCode,
    ).toBe(404);
  });

  it('services/{code}.json asks for the consent to publish; a value other than true or false is refused', async () => {
    const def = await get('/open311/v2/services/ha-tang.json?jurisdiction_id=HP-BINHGIANG');
    expect(def.statusCode).toBe(200);
    expect(def.json()).toMatchObject({
      service_code: 'ha-tang',
      attributes: [{ code: 'allow_publish', datatype: 'singlevaluelist', required: false }],
    });
    expect((await get('/open311/v2/services/khong-co.json?jurisdiction_id=HP-BINHGIANG')).statusCode).toBe(
      404,
    );
    const res = await postForm({
      jurisdiction_id: 'HP-BINHGIANG',
      service_code: 'ha-tang',
      address_string: 'Cổng chợ',
      description: 'Rác thải đổ bừa bãi ở cổng chợ.',
      'attribute[allow_publish]': 'co',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].description).toMatch(/allow_publish/);
  });
});

/** Publishes a feedback the way the commune does: assign, draft the answer, the leader approves. */
async function publish(trackingCode: string, answer: string) {
  const vhxh = await login(t.app, 'vhxh.binhgiang');
  const leader = await login(t.app, 'chutich.binhgiang');
  const id = (await vhxh.get(`/api/feedback?q=${trackingCode}`)).json().items[0].id;
  if ((await vhxh.get(`/api/feedback/${id}`)).json().status === 'received')
    expect((await vhxh.post(`/api/feedback/${id}/assign`, { unitId: await firstUnit() })).statusCode).toBe(
      200,
    );
  expect((await vhxh.post(`/api/feedback/${id}/draft`, { answer })).statusCode).toBe(200);
  expect((await leader.post(`/api/feedback/${id}/approve`, {})).json().status).toBe('published');
  return id as string;
}

const TRACKING_CODE = /PA-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}/g;

describe('tracking codes are their senders’ secrets (issue #14, 3)', () => {
  it('as found: the Open311 feed named answered feedback by tracking code and anyone rated it; now no code is listed and nothing listed rates', async () => {
    const started = new Date();
    const feed = await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG');
    expect(feed.statusCode).toBe(200);
    expect(feed.body.match(TRACKING_CODE), 'tracking codes on the public feed').toBeNull();
    const listed = feed.json() as { service_request_id: string }[];
    expect(listed.length).toBeGreaterThan(0);
    for (const r of listed) {
      const rated = await t.app.inject({
        method: 'POST',
        url: `/api/public/feedback/${r.service_request_id}/rating`,
        payload: { rating: 'unsatisfied' },
        remoteAddress: addr(),
      });
      expect(rated.statusCode, `${r.service_request_id} rated from the feed`).toBe(404);
    }
    // no rating was recorded from the feed
    const rated = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'feedback.rate')
      .where('at', '>=', started)
      .execute();
    expect(rated).toEqual([]);
  });

  it('an item merged into another does not tell its sender the other sender’s code, only how it is handled', async () => {
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const send = async (content: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/public/feedback',
          remoteAddress: addr(),
          payload: { communeCode: 'HP-BINHGIANG', categoryCode: 'ha-tang', content, allowPublish: false },
        })
      ).json().trackingCode as string;
    const main = await send('Cống thoát nước thôn Kẻ Sặt bị vỡ, nước tràn ra đường.');
    const dup = await send('Cống thôn Kẻ Sặt vỡ, nước tràn ra đường liên thôn.');
    const mainId = (await vhxh.get(`/api/feedback?q=${main}`)).json().items[0].id;
    const dupId = (await vhxh.get(`/api/feedback?q=${dup}`)).json().items[0].id;
    expect((await vhxh.post(`/api/feedback/${dupId}/merge`, { intoId: mainId })).statusCode).toBe(200);
    await publish(main, 'Xã đã thay cống mới ngày 20/11.');
    const tracked = await get(`/api/public/feedback/${dup}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body.includes(main)).toBe(false);
    expect(tracked.json().mergedInto).toMatchObject({
      status: 'published',
      answer: 'Xã đã thay cống mới ngày 20/11.',
    });
  });
});

describe('only what the staff published, masked (issue #14, 4)', () => {
  const contact = {
    first_name: 'Hoàng Văn',
    last_name: 'Thụ',
    phone: '+84 912 345 678',
    email: 'thu.hoang@example.vn',
  };
  const description =
    'Tôi là Hoàng Văn Thụ, CCCD 031204001234, gọi +84 912 345 678 hoặc 84912345679: đèn ngõ 5 thôn Cậy hỏng.';

  it('as found: an Open311 request with names, phones and an ID number was on the feed seconds later and publishable by itself; now it is not, and after staff publish it is masked', async () => {
    const base = {
      jurisdiction_id: 'HP-BINHGIANG',
      service_code: 'ha-tang',
      address_string: 'Ngõ 5 thôn Cậy',
      description,
      ...contact,
    };
    const silent = (await postForm(base)).json()[0].service_request_id as string;
    const consent = (await postForm({ ...base, 'attribute[allow_publish]': 'true' })).json()[0]
      .service_request_id as string;
    const rows = await t.database.db
      .selectFrom('feedback_items')
      .select(['tracking_code', 'allow_publish'])
      .where('tracking_code', 'in', [silent, consent])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.tracking_code, r.allow_publish]))).toEqual({
      [silent]: false,
      [consent]: true,
    });
    const feed = () => get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG');
    // not on the feed before the staff publish it, consent or not
    expect((await feed()).body.includes('đèn ngõ 5 thôn Cậy')).toBe(false);
    const answer = 'Kính gửi ông Hoàng Văn Thụ (0912 345 678): xã đã thay bóng đèn ngõ 5.';
    const silentId = await publish(silent, answer);
    const consentId = await publish(consent, answer);
    const listed = (await feed()).json() as {
      service_request_id: string;
      description: string;
      status_notes: string;
    }[];
    expect(listed.map((r) => r.service_request_id)).not.toContain(silentId);
    const shown = listed.find((r) => r.service_request_id === consentId)!;
    expect(shown.description).toBe('Tôi là ***, CCCD ***, gọi *** hoặc ***: đèn ngõ 5 thôn Cậy hỏng.');
    expect(shown.status_notes).toBe('Kính gửi ông *** (***): xã đã thay bóng đèn ngõ 5.');
    // the citizens' page shows it by the same rule
    const summary = (await get('/api/public/communes/HP-BINHGIANG/feedback-summary')).json();
    const onPage = summary.published.find((p: { content: string }) =>
      p.content.includes('đèn ngõ 5 thôn Cậy'),
    );
    expect(onPage.content).toBe(shown.description);
    expect(onPage.answer).toBe(shown.status_notes);
  });
});

describe('no personal data and no tracking code on any public route (RELIABILITY 3, 25, 29)', () => {
  it('walks every public route and Open311 with real codes: no sender’s name, phone in any form, e-mail, ID number or someone else’s code appears', async () => {
    // a sender who writes her contact into the text in every form, and allows publishing
    const person = { name: 'Đinh Thị Trang', phone: '0988765432', email: 'trang.dinh@example.vn' };
    const forms = '0988 765 432, +84 988 765 432, 84988765432, 0988.765.432, (+84) 988-765-432';
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      remoteAddress: addr(),
      payload: {
        communeCode: 'HP-BINHGIANG',
        categoryCode: 'ha-tang',
        content: `Tôi là Đinh Thị Trang (bà Đinh Thị Trang), CCCD 031204001234, CMND 174385962, gọi ${forms} hoặc trang.dinh@example.vn: mương thôn Cậy tắc.`,
        ...person,
        allowPublish: true,
      },
    });
    const code = sent.json().trackingCode as string;
    await publish(
      code,
      `Kính gửi bà Đinh Thị Trang (${forms}, thư trang.dinh@example.vn): xã đã nạo vét mương.`,
    );
    // an activity the staff made public, with a phone in its place
    const binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
    await t.database.db
      .insertInto('outreach_activities')
      .values({
        commune_id: binhGiang,
        kind: 'conference',
        title: 'Hội nghị tuyên truyền, liên hệ anh Lê Văn Cường 0912 000 111',
        held_on: vietnamDate(new Date()),
        place: 'Nhà văn hóa thôn Cậy (ĐT 0225 3123 456)',
        is_public: true,
        updated_at: new Date(),
      })
      .execute();

    const people = await t.database.db
      .selectFrom('feedback_items')
      .select(['name', 'phone', 'email', 'tracking_code'])
      .where('kind', '=', 'feedback')
      .execute();
    const secrets = [
      ...people.flatMap((p) => [p.name, p.phone, p.email]).filter((v) => v.trim().length >= 5),
      'Lê Văn Cường',
    ];
    expect(secrets.length).toBeGreaterThan(10);
    // numbers by their significant digits, however they are written
    const numbers = ['988765432', '031204001234', '174385962', '912000111', '2253123456'];
    const codes = people.map((p) => p.tracking_code!).filter(Boolean);
    const published = (
      await t.database.db
        .selectFrom('feedback_items')
        .select('id')
        .where('allow_publish', '=', true)
        .where('status', 'in', ['published', 'rated'])
        .execute()
    ).map((r) => r.id);

    const urls: { url: string; code?: string }[] = [];
    for (const route of t.app.cqttRoutes.filter((r) => r.access === 'public' && r.method === 'GET')) {
      if (route.url.includes(':trackingCode'))
        for (const c of codes) urls.push({ url: route.url.replace(':trackingCode', c), code: c });
      else if (route.url.includes(':communeCode'))
        for (const c of ['HP-BINHGIANG', 'HP-HONGBANG'])
          urls.push({ url: route.url.replace(':communeCode', c) });
      else urls.push({ url: route.url });
    }
    for (const j of ['HP-BINHGIANG', 'HP-HONGBANG']) {
      urls.push(
        { url: `/open311/v2/services.json?jurisdiction_id=${j}` },
        { url: `/open311/v2/services/ha-tang.json?jurisdiction_id=${j}` },
        { url: `/open311/v2/requests.json?jurisdiction_id=${j}` },
        { url: `/open311/v2/requests.json?jurisdiction_id=${j}&status=open,closed` },
      );
      for (const id of published) urls.push({ url: `/open311/v2/requests/${id}.json?jurisdiction_id=${j}` });
      for (const c of codes)
        urls.push({ url: `/open311/v2/requests/${c}.json?jurisdiction_id=${j}`, code: c });
    }
    expect(urls.some((u) => u.url.includes('feedback-summary'))).toBe(true);
    let checked = 0;
    for (const { url, code: own } of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      const body = res.body;
      const lower = body.toLowerCase();
      for (const secret of secrets)
        expect(lower.includes(secret.toLowerCase()), `${url} shows «${secret}»`).toBe(false);
      // digits joined across the separators people write between them
      const digits = body.replace(/(?<=\d)[\s.\-()+\u00a0]+(?=\d)/g, '');
      for (const n of numbers) expect(digits.includes(n), `${url} shows a form of ${n}`).toBe(false);
      expect(body.match(/[\w.+-]+@[\w-]+\.[\w.]+/), `${url} shows an e-mail`).toBeNull();
      // no tracking code but the one the caller gave
      const shown = [...new Set(body.match(TRACKING_CODE) ?? [])];
      expect(
        shown.filter((c) => c !== own),
        `${url} lists tracking codes`,
      ).toEqual([]);
      checked++;
    }
    // the rating answer too
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${code}/rating`,
      payload: { rating: 'satisfied' },
      remoteAddress: addr(),
    });
    expect(rated.statusCode).toBe(200);
    for (const secret of secrets) expect(rated.body.includes(secret)).toBe(false);
    expect(checked).toBeGreaterThan(30);
    // and the published answer is there, masked
    const summary = (await get('/api/public/communes/HP-BINHGIANG/feedback-summary')).json();
    expect(JSON.stringify(summary.published)).toContain('mương thôn Cậy tắc');
    const outreach = (await get('/api/public/communes/HP-BINHGIANG/outreach')).json();
    expect(JSON.stringify(outreach.activities)).toContain('Nhà văn hóa thôn Cậy (ĐT ***)');
  });
});

async function firstUnit() {
  const u = await t.database.db
    .selectFrom('units')
    .innerJoin('communes', 'communes.id', 'units.commune_id')
    .select('units.id')
    .where('communes.code', '=', 'HP-BINHGIANG')
    .executeTakeFirstOrThrow();
  return u.id;
}
