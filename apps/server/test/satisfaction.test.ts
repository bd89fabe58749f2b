import { randomUUID } from 'node:crypto';
import { vietnamDate } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeasure } from '../src/measures/index.ts';
import { ratingWriterOf } from '../src/satisfaction/rating-writer.ts';
import { sealRatings } from '../src/satisfaction/results.ts';
import {
  anonymous,
  communeIdOf as communeIdByCode,
  countRows,
  createTestApp,
  login,
  type TestApp,
} from './harness.ts';

let t: TestApp;
let catHaiId: string;
const today = vietnamDate(new Date());

const communeIdOf = (code: string) => communeIdByCode(t.database, code);

beforeAll(async () => {
  t = await createTestApp();
  catHaiId = await communeIdOf('HP-CATHAI');
});
afterAll(() => t.close());

// every citizen on a phone of her own: a new network address per rating unless one is given
let address = 0;
const nextAddress = () => `10.21.${Math.floor(++address / 250)}.${address % 250}`;
const rate = (body: Record<string, unknown>, headers: Record<string, string> = {}, from = nextAddress()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    payload: { communeCode: 'HP-BINHGIANG', clientId: randomUUID(), score: 5, channel: 'qr', ...body },
    headers,
    remoteAddress: from,
  });

/** Dossiers the commune holds (as if imported from the one-stop system): only their codes count. */
async function holdDossiers(communeCode: string, codes: string[]) {
  const communeId = await communeIdOf(communeCode);
  await t.database.db
    .insertInto('dossiers')
    .values(codes.map((code) => ({ commune_id: communeId, code, status: 'received' as const })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

describe('one-tap ratings (public)', () => {
  it('201 with an id; the same clientId again is 200 with the same id and stores one row', async () => {
    const clientId = randomUUID();
    const audits = await countRows(t.database, 'audit_log');
    const first = await rate({ clientId, score: 4 });
    expect(first.statusCode).toBe(201);
    const id = first.json().id;
    // one audit row, written with the rating
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'ratings.create', entity_type: 'rating', actor_name: 'người dân' });
    for (let i = 0; i < 10; i++) {
      const again = await rate({ clientId, score: 4 });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ id });
    }
    const rows = await t.database.db
      .selectFrom('ratings')
      .select('id')
      .where('client_id', '=', clientId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a second rating for the same dossier code is refused politely (409), also in parallel', async () => {
    await holdDossiers('HP-BINHGIANG', ['HS-2026-0001', 'HS-PARALLEL-9']);
    const clientId = randomUUID();
    const first = await rate({ clientId, dossierCode: 'hs-2026-0001' });
    expect(first.statusCode).toBe(201);
    // the same rating sent again (an offline kiosk retrying) is not a second rating
    const retry = await rate({ clientId, dossierCode: 'hs-2026-0001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const second = await rate({ dossierCode: 'HS-2026-0001' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/đã được đánh giá/);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rate({ dossierCode: 'HS-PARALLEL-9' })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const rows = await t.database.db
      .selectFrom('ratings')
      .select('id')
      .where('dossier_code', '=', 'HS-PARALLEL-9')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('ratings sent at the same moment are stored together, and each gets its own answer', async () => {
    const stamp = Date.now();
    await holdDossiers('HP-BINHGIANG', [
      ...Array.from({ length: 30 }, (_, i) => `HS-GROUP-${stamp}-${i}`),
      ...['OLD', 'RETRY', 'TWICE', 'SAME'].map((k) => `HS-GROUP-${k}-${stamp}`),
    ]);
    const stored = await rate({ dossierCode: `HS-GROUP-OLD-${stamp}` });
    expect(stored.statusCode).toBe(201);
    const retryId = randomUUID();
    const first = await rate({ clientId: retryId, dossierCode: `HS-GROUP-RETRY-${stamp}` });
    const twice = randomUUID();
    const audits = await countRows(t.database, 'audit_log');
    // Sent together they reach the server in the same moment and are written as groups.
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        rate({ dossierCode: `HS-GROUP-${stamp}-${i}`, score: 1 + (i % 5) }),
      ),
      rate({ clientId: retryId, dossierCode: `HS-GROUP-RETRY-${stamp}` }),
      rate({ dossierCode: `HS-GROUP-OLD-${stamp}` }),
      rate({ counterId: randomUUID() }),
      rate({ procedureCode: 'KHONG-CO' }),
      rate({ clientId: twice, dossierCode: `HS-GROUP-TWICE-${stamp}` }),
      rate({ clientId: twice, dossierCode: `HS-GROUP-TWICE-${stamp}` }),
      rate({ dossierCode: `HS-GROUP-SAME-${stamp}` }),
      rate({ dossierCode: `HS-GROUP-SAME-${stamp}` }),
    ]);
    const status = results.map((r) => r.statusCode);
    expect(status.slice(0, 30)).toEqual(Array(30).fill(201));
    expect(new Set(results.slice(0, 30).map((r) => r.json().id)).size).toBe(30);
    expect(status[30]).toBe(200);
    expect(results[30]!.json()).toEqual(first.json());
    expect(status[31]).toBe(409);
    expect(results[32]!.json().error.message).toBe('Quầy không tồn tại.');
    expect(results[33]!.json().error.message).toBe('Thủ tục hành chính không tồn tại.');
    expect(status.slice(32, 34)).toEqual([400, 400]);
    // the same clientId twice in one moment: one rating, both answered with its id
    expect(status.slice(34, 36).sort()).toEqual([200, 201]);
    expect(results[34]!.json()).toEqual(results[35]!.json());
    expect(status.slice(36, 38).sort()).toEqual([201, 409]);
    // one audit row per stored rating, none for the refused or repeated ones
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 32);
    const rows = await t.database.db
      .selectFrom('ratings')
      .select(['dossier_code', 'score'])
      .where('dossier_code', 'like', `HS-GROUP-${stamp}-%`)
      .execute();
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.dossier_code === `HS-GROUP-${stamp}-7`)?.score).toBe(3);
  });

  it('a rating the database refuses does not take the ratings of its group down with it', async () => {
    const communeId = await communeIdOf('HP-BINHGIANG');
    const row = (dossierCode: string, channel = 'qr') => ({
      communeId,
      clientId: randomUUID(),
      counterId: null,
      officialId: null,
      procedureCode: null,
      dossierCode,
      score: 4,
      conductDone: [],
      conductBreaches: [],
      comment: '',
      channel: channel as 'qr',
      createdAt: new Date().toISOString(),
      ratedOn: today,
      givenOn: null,
      countedOnArrival: null,
      requestId: 'test',
      ip: '127.0.0.1',
      deviceId: null,
      kioskId: null,
      claimedDossierCode: null,
    });
    // The route never lets an unknown channel through; written directly, the check refuses it.
    const writer = ratingWriterOf(t.database.db);
    const stamp = Date.now();
    await holdDossiers(
      'HP-BINHGIANG',
      [1, 2, 3].map((i) => `HS-ALONE-${stamp}-${i}`),
    );
    const outcomes = await Promise.allSettled([
      writer.write(row(`HS-ALONE-${stamp}-1`)),
      writer.write(row(`HS-ALONE-${stamp}-2`, 'fax')),
      writer.write(row(`HS-ALONE-${stamp}-3`)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.kind : null))).toEqual([
      'created',
      null,
      'created',
    ]);
  });

  it('takes counter, official, procedure and conduct items; the dossier fills the procedure', async () => {
    const { db } = t.database;
    const official = await db
      .selectFrom('service_officials')
      .select(['id', 'counter_id'])
      .where('full_name', '=', 'Trần Thị Mai')
      .executeTakeFirstOrThrow();
    const dossier = await db
      .selectFrom('dossiers')
      .select(['code', 'procedure_code'])
      .where(
        'code',
        'not in',
        db
          .selectFrom('ratings')
          .select('dossier_code')
          .where('dossier_code', 'is not', null)
          .$narrowType<{ dossier_code: string }>(),
      )
      .executeTakeFirstOrThrow();
    const res = await rate({
      officialId: official.id,
      dossierCode: dossier.code,
      conduct: { done: ['xin_chao', 'luon_lang_nghe'], breaches: ['khong_tre_hen'] },
      comment: '  Chờ hơi lâu.  ',
      channel: 'kiosk',
    });
    expect(res.statusCode).toBe(201);
    const row = await db
      .selectFrom('ratings')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      official_id: official.id,
      counter_id: official.counter_id,
      procedure_code: dossier.procedure_code,
      conduct_done: ['xin_chao', 'luon_lang_nghe'],
      conduct_breaches: ['khong_tre_hen'],
      comment: 'Chờ hơi lâu.',
      channel: 'kiosk',
      rated_on: today,
    });
  });

  it('bad input: score outside 1..5, missing clientId, unknown item, unknown commune, foreign counter', async () => {
    const before = await countRows(t.database, 'audit_log');
    for (const score of [0, 6, 3.5]) {
      const res = await rate({ score });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/score|số/i);
    }
    const noClient = await anonymous(t.app).post('/api/public/ratings', {
      communeCode: 'HP-BINHGIANG',
      score: 5,
      channel: 'qr',
    });
    expect(noClient.statusCode).toBe(400);
    const badItem = await rate({ conduct: { done: ['xin_tien'], breaches: [] } });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().error.message).toBe('«xin_tien» không thuộc «4 xin, 4 luôn».');
    const unknown = await rate({ communeCode: 'HP-KHONGCO' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/không tồn tại/);
    const hbCounter = await t.database.db
      .selectFrom('service_counters')
      .innerJoin('communes', 'communes.id', 'service_counters.commune_id')
      .select('service_counters.id')
      .where('communes.code', '=', 'HP-HONGBANG')
      .executeTakeFirstOrThrow();
    const foreign = await rate({ counterId: hbCounter.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe('Quầy không tồn tại.');
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('ratings without a dossier code are limited per device; with a code the commune holds they are not', async () => {
    const device = { 'x-cqtt-device': `device-${randomUUID()}` };
    for (let i = 0; i < 5; i++) expect((await rate({}, device)).statusCode).toBe(201);
    const refused = await rate({}, device);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Thiết bị này đã gửi nhiều đánh giá/);
    const code = `HS-LIMIT-${Date.now()}`;
    await holdDossiers('HP-BINHGIANG', [code]);
    expect((await rate({ dossierCode: code }, device)).statusCode).toBe(201);
    // saying "kiosk" loosens nothing: only a tablet the staff registered has its own limit
    expect((await rate({ channel: 'kiosk' }, device)).statusCode).toBe(429);
  });
});

describe('kiosk app and public counters', () => {
  it('the kiosk manifest is scoped to the kiosk page of the commune', async () => {
    const res = await anonymous(t.app).get('/api/public/communes/hp-binhgiang/kiosk.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/manifest\+json/);
    expect(res.json()).toMatchObject({
      start_url: '/p/HP-BINHGIANG/kiosk',
      scope: '/p/HP-BINHGIANG/kiosk',
      lang: 'vi',
    });
  });
  it('counters list their officials by name and title only', async () => {
    const res = await anonymous(t.app).get('/api/public/communes/HP-BINHGIANG/counters');
    const counters = res.json();
    expect(counters.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4]);
    expect(Object.keys(counters[1].officials[0]).sort()).toEqual(['fullName', 'id', 'title']);
  });
  it('declares the agreed measure keys', () => {
    for (const key of [
      'satisfaction.index',
      'satisfaction.counterIndex',
      'satisfaction.dossiersOnTimeShare',
    ]) {
      expect(findMeasure(key)?.kind).toBe('ratio');
    }
  });
});

describe('questionnaire and figures, hand-computed on Cát Hải', () => {
  let questionnaireId: string;

  it('the coordinator saves a questionnaire; it becomes the active version', async () => {
    const vhxh = await login(t.app, 'vhxh.cathai');
    expect((await anonymous(t.app).get('/api/public/communes/HP-CATHAI/questionnaire')).statusCode).toBe(404);
    const body = {
      title: 'Phiếu thử',
      elements: [
        {
          key: 'a',
          name: 'Tiếp cận',
          questions: [
            { key: 'a1', text: 'Câu A1' },
            { key: 'a2', text: 'Câu A2' },
          ],
        },
        { key: 'b', name: 'Thủ tục', questions: [{ key: 'b1', text: 'Câu B1' }] },
        { key: 'c', name: 'Góp ý', questions: [{ key: 'c1', text: 'Câu C1' }] },
      ],
    };
    const bad = await vhxh.post('/api/questionnaires', {
      ...body,
      elements: [...body.elements, { key: 'a', name: 'Trùng', questions: [{ key: 'z', text: 'z' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Mã yếu tố «a» bị trùng.');
    const v1 = await vhxh.post('/api/questionnaires', { ...body, title: 'Bản đầu' });
    expect(v1.json().version).toBe(1);
    const v2 = await vhxh.post('/api/questionnaires', body);
    expect(v2.statusCode).toBe(201);
    expect(v2.json().version).toBe(2);
    const pub = await anonymous(t.app).get('/api/public/communes/hp-cathai/questionnaire');
    expect(pub.json()).toEqual({ id: v2.json().id, version: 2, title: 'Phiếu thử', elements: body.elements });
    questionnaireId = v2.json().id;
    // a village head may not edit questionnaires
    const thon = await login(t.app, 'thon1.binhgiang');
    expect((await thon.post('/api/questionnaires', body)).statusCode).toBe(403);
  });

  it('responses: 201, idempotent, validated', async () => {
    const url = `/api/public/surveys/${questionnaireId}/responses`;
    const send = (answers: Record<string, number>, extra: Record<string, unknown> = {}) =>
      anonymous(t.app).post(url, { communeCode: 'HP-CATHAI', clientId: randomUUID(), answers, ...extra });
    // a: 5,4 | 2 ; b: 3 | 4 ; c: nobody
    const r1 = await send({ a1: 5, a2: 4, b1: 3 });
    expect(r1.statusCode).toBe(201);
    expect((await send({ a1: 2, b1: 4 }, { dossierCode: 'CH-1' })).statusCode).toBe(201);
    const dup = await send({ a1: 5 }, { dossierCode: 'CH-1' });
    expect(dup.statusCode).toBe(409);
    const unknownKey = await send({ zz: 5 });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.message).toBe('Câu hỏi «zz» không có trong phiếu khảo sát.');
    expect((await send({ a1: 6 })).statusCode).toBe(400);
    expect((await send({})).statusCode).toBe(400);
    const wrongCommune = await anonymous(t.app).post(url, {
      communeCode: 'HP-BINHGIANG',
      clientId: randomUUID(),
      answers: { a1: 5 },
    });
    expect(wrongCommune.statusCode).toBe(404);
  });

  it('counter ratings 5, 4, 3, 1 and the figures match hand-computed values', async () => {
    await holdDossiers('HP-CATHAI', ['CH-9']);
    for (const score of [5, 4, 3, 1]) {
      const res = await anonymous(t.app).post('/api/public/ratings', {
        communeCode: 'HP-CATHAI',
        clientId: randomUUID(),
        score,
        channel: 'web',
        ...(score === 1 ? { dossierCode: 'CH-9' } : {}),
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await anonymous(t.app).get(
      `/api/public/communes/HP-CATHAI/satisfaction?from=${today}&to=${today}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      from: today,
      to: today,
      responses: 2,
      // a: 2 of 3, b: 1 of 2, c: no answers (no index, left out of the mean)
      overall: (2 / 3 + 1 / 2) / 2,
      elements: [
        { key: 'a', name: 'Tiếp cận', answers: 3, satisfied: 2, index: 2 / 3 },
        { key: 'b', name: 'Thủ tục', answers: 2, satisfied: 1, index: 0.5 },
        { key: 'c', name: 'Góp ý', answers: 0, satisfied: 0, index: null },
      ],
      counter: {
        ratings: 4,
        satisfied: 2,
        index: 0.5,
        withoutDossier: { ratings: 3, satisfied: 2, index: 2 / 3 },
      },
    });
    // nothing personal: no comment, dossier code or client id in the public answer
    expect(res.body).not.toMatch(/CH-9|clientId|comment/);
  });

  it('both ends of the period are included; other days are not; bad periods are 400', async () => {
    const yesterday = vietnamDate(new Date(Date.now() - 86_400_000));
    const before = (
      await anonymous(t.app).get(
        `/api/public/communes/HP-CATHAI/satisfaction?from=${vietnamDate(new Date(Date.now() - 300 * 86_400_000))}&to=${yesterday}`,
      )
    ).json();
    expect(before.counter.ratings).toBe(0);
    expect(before.overall).toBeNull();
    const bad = await anonymous(t.app).get(
      '/api/public/communes/HP-CATHAI/satisfaction?from=2026-05-01&to=2026-04-01',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.');
    expect(
      (await anonymous(t.app).get('/api/public/communes/HP-CATHAI/satisfaction?from=2026-05-01')).statusCode,
    ).toBe(400);
    const last12 = (await anonymous(t.app).get('/api/public/communes/HP-CATHAI/satisfaction')).json();
    expect(last12.to).toBe(today);
    expect(last12.counter.ratings).toBe(4);
  });

  it('sealed days stay exact, and hiding a rating of a sealed day adjusts its tally', async () => {
    const { db } = t.database;
    const day = '2026-01-15';
    const rows = await db
      .insertInto('ratings')
      .values(
        [5, 5, 2].map((score) => ({
          commune_id: catHaiId,
          client_id: randomUUID(),
          score,
          channel: 'qr' as const,
          rated_on: day,
        })),
      )
      .returning(['id', 'score'])
      .execute();
    // force a re-seal that covers 2026-01-15
    await db.deleteFrom('rating_days').where('commune_id', '=', catHaiId).execute();
    await db.deleteFrom('rating_seals').where('commune_id', '=', catHaiId).execute();
    const figures = async () =>
      (await anonymous(t.app).get(`/api/public/communes/HP-CATHAI/satisfaction?from=${day}&to=${day}`)).json()
        .counter;
    expect(await figures()).toMatchObject({ ratings: 3, satisfied: 2 });
    expect(await sealRatings(db, catHaiId)).toBe(vietnamDate(new Date(Date.now() - 2 * 86_400_000)));
    const vhxh = await login(t.app, 'vhxh.cathai');
    const hidden = await vhxh.post(`/api/ratings/${rows.find((r) => r.score === 5)!.id}/hide`, {
      reason: 'Đánh giá thử nghiệm của cán bộ.',
    });
    expect(hidden.statusCode).toBe(200);
    expect(await figures()).toMatchObject({ ratings: 2, satisfied: 1, index: 0.5 });
    const again = await vhxh.post(`/api/ratings/${rows[0]!.id}/hide`, { reason: 'Lần nữa' });
    expect(again.statusCode).toBe(400);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'ratings.hide')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('console: setup, dashboards, permissions', () => {
  it('the service centre sets up counters and procedures; another unit cannot', async () => {
    const centre = await login(t.app, 'ttpvhcc.binhgiang');
    const created = await centre.post('/api/counters', { number: 5, name: 'Quầy tổng hợp' });
    expect(created.statusCode).toBe(201);
    expect((await centre.post('/api/counters', { number: 5, name: 'Trùng số' })).statusCode).toBe(409);
    const official = await centre.post('/api/service-officials', {
      fullName: 'Vũ Thị Lan',
      counterId: created.json().id,
    });
    expect(official.statusCode).toBe(201);
    expect(
      (await centre.post('/api/procedures', { code: '1.000001', name: 'Thủ tục mới', field: 'Khác' }))
        .statusCode,
    ).toBe(201);
    const counters = (await centre.get('/api/counters')).json();
    const five = counters.find((c: { number: number }) => c.number === 5);
    expect(five.officials.map((o: { fullName: string }) => o.fullName)).toEqual(['Vũ Thị Lan']);
    expect(five.link).toMatch(new RegExp(`/p/HP-BINHGIANG/danh-gia\\?quay=${five.id}$`));
    const vp = await login(t.app, 'vpub.binhgiang');
    expect((await vp.post('/api/counters', { number: 6, name: 'Không được' })).statusCode).toBe(403);
  });

  it('the QR poster names the commune and the counter and carries the rating link', async () => {
    const centre = await login(t.app, 'ttpvhcc.binhgiang');
    const counter = (await centre.get('/api/counters')).json()[0];
    const res = await centre.get(`/api/counters/${counter.id}/poster`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.body).toContain('UBND XÃ BÌNH GIANG');
    expect(res.body).toContain(`QUẦY SỐ ${counter.number}`);
    expect(res.body).toContain('Quét mã QR để đánh giá');
    expect(res.body).toContain(counter.link);
  });

  it('leaders and supervisors see every official; an official sees only her own figures', async () => {
    const leader = await login(t.app, 'chutich.binhgiang');
    const all = (await leader.get('/api/satisfaction/dashboard?granularity=month')).json();
    expect(all.ownOnly).toBe(false);
    expect(all.byOfficial.length).toBeGreaterThanOrEqual(5);
    expect(all.questionnaire.elements).toHaveLength(5);
    expect(all.counter.ratings).toBe(
      all.byCounter.reduce((s: number, g: { ratings: number }) => s + g.ratings, 0),
    );
    const mttq = await login(t.app, 'mttq.binhgiang');
    expect((await mttq.get('/api/satisfaction/dashboard')).json().ownOnly).toBe(false);
    const mai = await login(t.app, 'vpub.binhgiang');
    const own = (await mai.get('/api/satisfaction/dashboard?granularity=day')).json();
    expect(own.ownOnly).toBe(true);
    expect(own.byOfficial.map((g: { label: string }) => g.label)).toEqual(['Trần Thị Mai']);
    expect(own.questionnaire).toBeNull();
    const comments = (await mai.get('/api/ratings?withComment=true')).json();
    expect(comments.items.every((r: { official: string }) => r.official === 'Trần Thị Mai')).toBe(true);
    const village = await login(t.app, 'thon1.binhgiang');
    expect((await village.get('/api/satisfaction/dashboard')).statusCode).toBe(403);
    // the console learns from /api/me who is a counter official, to offer the menu to her only
    expect(mai.me.serviceOfficialId).toBe(own.byOfficial[0].key);
    expect(village.me.serviceOfficialId).toBeNull();
    expect(leader.me.serviceOfficialId).toBeNull();
  });

  it('comments are answered by the centre; only moderators hide, with a reason', async () => {
    const leader = await login(t.app, 'chutich.binhgiang');
    const list = (await leader.get('/api/ratings?withComment=true&pageSize=5')).json();
    expect(list.total).toBeGreaterThan(0);
    const target = list.items[0];
    const centre = await login(t.app, 'ttpvhcc.binhgiang');
    const answered = await centre.post(`/api/ratings/${target.id}/answer`, {
      answer: 'Cảm ơn ông/bà đã góp ý.',
    });
    expect(answered.statusCode).toBe(200);
    const mttq = await login(t.app, 'mttq.binhgiang');
    expect((await mttq.post(`/api/ratings/${target.id}/hide`, { reason: 'x' })).statusCode).toBe(403);
    expect((await mttq.post(`/api/ratings/${target.id}/answer`, { answer: 'x' })).statusCode).toBe(403);
    const after = (await leader.get('/api/ratings?withComment=true&pageSize=5')).json().items[0];
    expect(after).toMatchObject({
      id: target.id,
      answer: 'Cảm ơn ông/bà đã góp ý.',
      answeredBy: 'Phạm Văn Đức',
    });
    // nobody edits or deletes a rating: no such routes
    expect((await leader.patch(`/api/ratings/${target.id}`, { score: 5 })).statusCode).toBe(404);
    expect((await leader.delete(`/api/ratings/${target.id}`)).statusCode).toBe(404);
  });
});

describe('dossiers and measures', () => {
  it('imports a CSV from the one-stop system, all or nothing, and computes the on-time share', async () => {
    const vhxh = await login(t.app, 'vhxh.cathai');
    const csv = [
      'Mã hồ sơ;Mã thủ tục;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả;Trạng thái',
      'CH-D1;1.001193;02/03/2026;05/03/2026;05/03/2026;Đã trả kết quả',
      'CH-D2;1.001193;02/03/2026;05/03/2026;09/03/2026;Đã trả kết quả',
      'CH-D3;1.000894;10/03/2026;12/03/2026;11/03/2026;Đã trả kết quả',
      'CH-D4;1.000894;10/03/2026;12/03/2026;;Đang xử lý',
      'CH-D5;1.000894;10/03/2026;12/03/2026;;Đã hủy',
    ].join('\n');
    const bad = await vhxh.post('/api/satisfaction/dossiers/import', {
      fileName: 'x.csv',
      contentBase64: Buffer.from(`${csv}\nCH-D6;x;31/02/2026;;;Đã trả`).toString('base64'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Dòng 7: ngày tiếp nhận «31/02/2026» không hợp lệ.');
    expect(
      await t.database.db
        .selectFrom('dossiers')
        .select('id')
        .where('commune_id', '=', catHaiId)
        .where('code', 'like', 'CH-D%')
        .execute(),
    ).toHaveLength(0);
    const ok = await vhxh.post('/api/satisfaction/dossiers/import', {
      fileName: 'ho-so.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(ok.json()).toEqual({ imported: 5 });
    const share = (await vhxh.get('/api/satisfaction/dossiers/on-time?year=2026')).json();
    // on time: D1, D3; late: D2, D4 (overdue, not returned); cancelled D5 left out
    expect(share).toMatchObject({ counted: 4, onTime: 2, late: 2, share: 0.5 });
    const measure = await findMeasure('satisfaction.dossiersOnTimeShare')!.compute(t.database.db, {
      communeId: catHaiId,
      year: 2026,
      today,
    });
    expect(measure.value).toBe(0.5);
  });

  it('imports an XLSX too, updating dossiers it already has by code', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Mã thủ tục', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày trả kết quả', 'Trạng thái']);
    // D4 now returned on its due date (on time); a new one returned late
    ws.addRow(['CH-D4', '1.000894', '10/03/2026', '12/03/2026', '12/03/2026', 'Đã trả kết quả']);
    ws.addRow([
      'CH-D7',
      '1.000894',
      new Date('2026-04-01'),
      new Date('2026-04-03'),
      new Date('2026-04-06'),
      'Đã trả',
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const vhxh = await login(t.app, 'vhxh.cathai');
    const res = await vhxh.post('/api/satisfaction/dossiers/import', {
      fileName: 'ho-so.xlsx',
      contentBase64: bytes.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    const share = (await vhxh.get('/api/satisfaction/dossiers/on-time?year=2026')).json();
    // on time: D1, D3, D4; late: D2, D7
    expect(share).toMatchObject({ counted: 5, onTime: 3, late: 2, share: 0.6 });
    const centreOfAnother = await login(t.app, 'vpub.binhgiang');
    expect(
      (
        await centreOfAnother.post('/api/satisfaction/dossiers/import', {
          fileName: 'x.csv',
          contentBase64: bytes.toString('base64'),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('satisfaction.index and satisfaction.counterIndex for the year', async () => {
    const year = Number(today.slice(0, 4));
    const index = await findMeasure('satisfaction.index')!.compute(t.database.db, {
      communeId: catHaiId,
      year,
      today,
    });
    expect(index.value).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    const counter = await findMeasure('satisfaction.counterIndex')!.compute(t.database.db, {
      communeId: catHaiId,
      year,
      today,
    });
    // today's 5,4,3,1 plus 15/01: 5 and 2 (the other 5 hidden) when 15/01 is in this year
    const expected = year === 2026 ? { ratings: 6, satisfied: 3 } : { ratings: 4, satisfied: 2 };
    expect(counter.value).toBe(expected.satisfied / expected.ratings);
    expect(counter.figures[0]).toEqual({ label: 'Số lượt đánh giá', value: expected.ratings });
  });
});
