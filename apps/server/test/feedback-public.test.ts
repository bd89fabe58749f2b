/**
 * Public surfaces of feedback: Open311 GeoReport v2, and the privacy walk
 * (RELIABILITY.md 3): every public route, JSON and Open311, is called with
 * real codes and must not return any sender's name, phone or e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from './harness.ts';

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
      metadata: false,
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

  it('requests.json lists public requests only, never private ones or units’ difficulties; filters by status and service', async () => {
    const all = (await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG')).json();
    const ids = all.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toContain('PA-7KQ2M-X9HRT'); // answered, allowed to publish
    expect(ids).not.toContain('PA-9MRT4-BC6XE'); // not allowed to publish
    expect(ids).not.toContain('PA-W6TN2-AJ8KQ'); // a denunciation routed out
    expect(ids).not.toContain('PA-B3NX6-MQ4TZ'); // another commune
    const closed = (await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&status=closed')).json();
    for (const r of closed) expect(r.status).toBe('closed');
    const answered = closed.find(
      (r: { service_request_id: string }) => r.service_request_id === 'PA-7KQ2M-X9HRT',
    );
    expect(answered.status_notes).toMatch(/thay 3 bóng đèn/);
    const byCode = (
      await get('/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&service_code=thu-tuc-hanh-chinh')
    ).json();
    for (const r of byCode) expect(r.service_code).toBe('thu-tuc-hanh-chinh');
    const some = (
      await get(
        '/open311/v2/requests.json?jurisdiction_id=HP-BINHGIANG&service_request_id=PA-7KQ2M-X9HRT,PA-9MRT4-BC6XE',
      )
    ).json();
    expect(some.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['PA-7KQ2M-X9HRT']);
    expect(
      (await get('/open311/v2/requests/PA-9MRT4-BC6XE.json?jurisdiction_id=HP-BINHGIANG')).statusCode,
    ).toBe(404);
    // the same code under another jurisdiction is not found
    expect(
      (await get('/open311/v2/requests/PA-7KQ2M-X9HRT.json?jurisdiction_id=HP-HONGBANG')).statusCode,
    ).toBe(404);
  });
});

describe('no personal data on any public route', () => {
  it('walks every public route and Open311 with real codes: no sender’s name, phone or e-mail appears', async () => {
    // a sender who writes their own contact into the text and allows publishing
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      remoteAddress: addr(),
      payload: {
        communeCode: 'HP-BINHGIANG',
        categoryCode: 'ha-tang',
        content: 'Tôi là Đinh Công Tráng, gọi 0988 765 432 hoặc trang.dinh@example.vn: mương thôn Cậy tắc.',
        name: 'Đinh Công Tráng',
        phone: '0988765432',
        email: 'trang.dinh@example.vn',
        allowPublish: true,
      },
    });
    const code = sent.json().trackingCode;
    // answer and publish it so it reaches the public lists
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const leader = await login(t.app, 'chutich.binhgiang');
    const id = (await vhxh.get(`/api/feedback?q=${code}`)).json().items[0].id;
    await vhxh.post(`/api/feedback/${id}/assign`, { unitId: await firstUnit() });
    const answer = 'Kính gửi ông Đinh Công Tráng (0988765432): xã đã nạo vét mương.';
    expect((await vhxh.post(`/api/feedback/${id}/draft`, { answer })).statusCode).toBe(200);
    expect((await leader.post(`/api/feedback/${id}/approve`, {})).json().status).toBe('published');

    const people = await t.database.db
      .selectFrom('feedback_items')
      .select(['name', 'phone', 'email', 'tracking_code'])
      .where('kind', '=', 'feedback')
      .execute();
    const secrets = people.flatMap((p) => [p.name, p.phone, p.email]).filter((s) => s.trim().length >= 5);
    expect(secrets.length).toBeGreaterThan(10);
    const codes = people.map((p) => p.tracking_code!).filter(Boolean);

    const urls: string[] = [];
    for (const route of t.app.cqttRoutes.filter((r) => r.access === 'public' && r.method === 'GET')) {
      if (route.url.includes(':trackingCode'))
        for (const c of codes) urls.push(route.url.replace(':trackingCode', c));
      else if (route.url.includes(':communeCode'))
        for (const c of ['HP-BINHGIANG', 'HP-HONGBANG']) urls.push(route.url.replace(':communeCode', c));
      else urls.push(route.url);
    }
    for (const j of ['HP-BINHGIANG', 'HP-HONGBANG']) {
      urls.push(
        `/open311/v2/services.json?jurisdiction_id=${j}`,
        `/open311/v2/requests.json?jurisdiction_id=${j}`,
      );
      for (const c of codes) urls.push(`/open311/v2/requests/${c}.json?jurisdiction_id=${j}`);
    }
    expect(urls.some((u) => u.includes('feedback-summary'))).toBe(true);
    let checked = 0;
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      for (const s of secrets) expect(res.body.includes(s), `${url} shows «${s}»`).toBe(false);
      // phone numbers however formatted
      expect(/0988[\s.]?765[\s.]?432/.test(res.body), url).toBe(false);
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
    for (const s of secrets) expect(rated.body.includes(s)).toBe(false);
    expect(checked).toBeGreaterThan(30);
    // and the published answer is there, masked
    const summary = (await get('/api/public/communes/HP-BINHGIANG/feedback-summary')).json();
    expect(JSON.stringify(summary.published)).toContain('mương thôn Cậy tắc');
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
