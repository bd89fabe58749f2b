/**
 * What a user finds in the downloads folder: every file the console offers is named in
 * Vietnamese with its diacritics (Content-Disposition `filename*=UTF-8''…`, RFC 6266), with a
 * plain ASCII `filename` for old clients; and the QR codes of the counters open the address the
 * server is really reached at.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let city: Client;
let centre: Client;

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  city = await login(t.app, 'snv.haiphong');
  centre = await login(t.app, 'ttpvhcc.binhgiang');
});
afterAll(() => t.close());

/** The name a browser saves the answer under, and the fallback for clients without RFC 6266. */
function savedAs(res: LightMyRequestResponse): { name: string; fallback: string } {
  const header = String(res.headers['content-disposition']);
  expect(header, res.body.slice(0, 300)).toMatch(/^attachment; /);
  const star = /filename\*=UTF-8''([^;]+)/.exec(header);
  const plain = /filename="([^"]*)"/.exec(header);
  return { name: star ? decodeURIComponent(star[1]!) : '', fallback: plain?.[1] ?? '' };
}

describe('download names keep their diacritics', () => {
  it('the yearly tables of rewards, outreach, good examples, villages and the budget', async () => {
    const budget = (await vhxh.get('/api/budgets?year=2026')).json().items[0];
    const cases: [Client, string, string, string][] = [
      [vhxh, '/api/rewards/export.xlsx?year=2025', 'Khen thưởng 2025.xlsx', 'Khen thuong 2025.xlsx'],
      [
        vhxh,
        '/api/outreach-activities/export.xlsx?year=2026',
        'Tuyên truyền 2026.xlsx',
        'Tuyen truyen 2026.xlsx',
      ],
      [vhxh, '/api/good-examples/export.xlsx?year=2026', 'Gương điển hình.xlsx', 'Guong dien hinh.xlsx'],
      [
        vhxh,
        '/api/village-assessments/export.xlsx?year=2025',
        'Danh hiệu văn hóa thôn 2025.xlsx',
        'Danh hieu van hoa thon 2025.xlsx',
      ],
      [
        vhxh,
        `/api/budgets/${budget.id}/export.xlsx`,
        'Dự toán kinh phí 2026.xlsx',
        'Du toan kinh phi 2026.xlsx',
      ],
    ];
    for (const [client, url, name, fallback] of cases) {
      const res = await client.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(savedAs(res), url).toEqual({ name, fallback });
    }
  });

  it('a reward decision, a criteria set and a counter poster', async () => {
    const decided = (await vhxh.get('/api/rewards?year=2025'))
      .json()
      .items.find((r: { decisionNumber: string | null }) => Boolean(r.decisionNumber));
    const decision = await vhxh.get(`/api/rewards/${decided.id}/decision.docx`);
    expect(savedAs(decision).name).toBe(
      `Quyết định khen thưởng ${decided.decisionNumber.replace(/\//g, '-')}.docx`,
    );

    const set = (await city.get('/api/criteria-sets')).json()[0];
    const exported = await city.get(`/api/criteria-sets/${set.id}/export.xlsx`);
    expect(savedAs(exported).name).toBe(`Bộ tiêu chí ${set.code} phiên bản ${set.version}.xlsx`);

    const counter = (await centre.get('/api/counters')).json()[0];
    const poster = await centre.get(`/api/counters/${counter.id}/poster`);
    expect(savedAs(poster)).toEqual({
      name: `Áp phích mã QR quầy ${counter.number}.svg`,
      fallback: `Ap phich ma QR quay ${counter.number}.svg`,
    });
  });
});

describe('the QR code of a counter opens the server where it is reached', () => {
  it('without PUBLIC_URL: the address of the request, whatever the port', async () => {
    expect(t.config.publicUrlConfigured).toBe(false);
    const headers = { host: 'cqtt.binhgiang.local:8080' };
    const counters = (await centre.request('GET', '/api/counters', undefined, headers)).json();
    const counter = counters[0];
    const link = `http://cqtt.binhgiang.local:8080/p/HP-BINHGIANG/danh-gia?quay=${counter.id}`;
    expect(counter.link).toBe(link);
    const poster = await centre.request('GET', `/api/counters/${counter.id}/poster`, undefined, headers);
    expect(poster.body).toContain(link);
    expect(poster.body).not.toContain(':3000');
  });

  it('a Host header that is no host name falls back to the configured address', async () => {
    const counters = (
      await centre.request('GET', '/api/counters', undefined, { host: 'x"><script>alert(1)</script>' })
    ).json();
    expect(counters[0].link).toBe(`${t.config.publicUrl}/p/HP-BINHGIANG/danh-gia?quay=${counters[0].id}`);
  });

  it('with PUBLIC_URL: always that address', async () => {
    const configured = await createTestApp({
      publicUrl: 'https://cqtt.binhgiang.gov.vn',
      publicUrlConfigured: true,
    });
    try {
      const staff = await login(configured.app, 'ttpvhcc.binhgiang');
      const counters = (
        await staff.request('GET', '/api/counters', undefined, { host: '127.0.0.1:41234' })
      ).json();
      expect(counters[0].link).toBe(
        `https://cqtt.binhgiang.gov.vn/p/HP-BINHGIANG/danh-gia?quay=${counters[0].id}`,
      );
    } finally {
      await configured.close();
    }
  });
});
