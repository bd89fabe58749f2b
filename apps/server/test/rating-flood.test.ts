/**
 * Issue #14 finding 2 (RELIABILITY 28): rating stuffing with invented dossier codes. As found:
 * 300 anonymous ratings from one address, each with a new made-up dossier code (and a new
 * device id), moved Bình Giang's public index from 0.92 to 0.32. A code now counts only when the
 * commune holds the dossier and it is not rated yet; otherwise the rating is one without a code,
 * under limits a client cannot loosen by inventing ids. The flood shows on the dashboard, and the
 * staff void it with a reason; voided ratings count in no figure, day tallies included.
 */
import { randomUUID } from 'node:crypto';
import { addDays, vietnamDate } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterFigures, sealRatings } from '../src/satisfaction/results.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let binhGiang: string;
let coordinator: Client;
const today = vietnamDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
  coordinator = await login(t.app, 'vhxh.binhgiang');
});
afterAll(() => t.close());

const rate = (body: Record<string, unknown>, from: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    payload: { communeCode: 'HP-BINHGIANG', clientId: randomUUID(), score: 1, channel: 'qr', ...body },
    headers,
    remoteAddress: from,
  });

/**
 * Limits count in fixed hours: a test that counts what one hour lets through waits out the
 * last minutes of an hour rather than straddle two.
 */
async function awayFromHourEnd() {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 120_000) await new Promise((r) => setTimeout(r, left + 1000));
}

const publicIndex = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG/satisfaction' })).json()
    .counter as { ratings: number; satisfied: number; index: number };

describe('rating stuffing with invented dossier codes (issue #14, 2)', () => {
  it('300 ratings from one address with made-up codes and device ids: at most 20 count, the rest are refused and shown as a flood, and voiding them restores the index', async () => {
    await awayFromHourEnd();
    const attacker = '198.51.100.7';
    const started = new Date();
    const before = await publicIndex();
    const results = [];
    for (let i = 0; i < 300; i++) {
      results.push(
        await rate({ dossierCode: `HS-BIA-${randomUUID().slice(0, 12)}` }, attacker, {
          'x-cqtt-device': `may-${randomUUID()}`,
        }),
      );
    }
    const accepted = results.filter((r) => r.statusCode === 201);
    expect(accepted.length, 'invented codes must not bypass the limits').toBeLessThanOrEqual(20);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(300 - accepted.length);
    expect(results.find((r) => r.statusCode === 429)!.json().error.message).toMatch(/địa chỉ mạng/);
    // none of them counts as a rating with a dossier code; each keeps the code it claimed
    const stored = await t.database.db
      .selectFrom('ratings')
      .select(['dossier_code', 'claimed_dossier_code', 'source_ip'])
      .where(
        'id',
        'in',
        accepted.map((r) => r.json().id as string),
      )
      .execute();
    expect(
      stored.every((r) => r.dossier_code === null && r.claimed_dossier_code?.startsWith('HS-BIA-')),
    ).toBe(true);
    expect(stored.every((r) => r.source_ip === attacker)).toBe(true);
    const after = await publicIndex();
    expect(after.ratings).toBe(before.ratings + accepted.length);

    // the dashboard shows the flood: how many were refused, and from where
    const floods = (await coordinator.get('/api/satisfaction/floods')).json();
    expect(floods.refused).toBe(300 - accepted.length);
    expect(floods.refusedBySource[0]).toMatchObject({
      sourceKind: 'address',
      source: attacker,
      refused: 300 - accepted.length,
    });
    const burst = floods.bursts.find((b: { source: string }) => b.source === attacker);
    expect(burst).toMatchObject({
      ratings: accepted.length,
      withoutDossier: accepted.length,
      refused: 300 - accepted.length,
    });

    // the staff void the burst with a reason; it stops counting everywhere, audited once
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'ratings.void')
      .execute();
    const mttq = await login(t.app, 'mttq.binhgiang');
    const body = {
      sourceKind: 'address',
      source: attacker,
      from: started.toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
      reason: 'Một địa chỉ mạng gửi 300 đánh giá trong vài phút.',
    };
    expect((await mttq.post('/api/ratings/void', body)).statusCode).toBe(403);
    const voided = await coordinator.post('/api/ratings/void', body);
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json().voided).toBe(accepted.length);
    expect(await publicIndex()).toEqual(before);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'ratings.void')
      .execute();
    expect(audit).toHaveLength(audits.length + 1);
    expect((audit.at(-1)!.after as { ratings: string[] }).ratings).toHaveLength(accepted.length);
    // again: nothing left to void
    expect((await coordinator.post('/api/ratings/void', body)).statusCode).toBe(409);
    const shown = (await coordinator.get('/api/satisfaction/floods')).json();
    expect(shown.voids[0]).toMatchObject({ ratings: accepted.length, reason: body.reason });
  });

  it('a code counts only when the commune holds the dossier: a held one once (then 409), another commune’s as none', async () => {
    const code = `HS-THAT-${Date.now()}`;
    const hongBang = await communeIdOf(t.database, 'HP-HONGBANG');
    await t.database.db
      .insertInto('dossiers')
      .values([
        { commune_id: binhGiang, code, status: 'returned' },
        { commune_id: hongBang, code: `${code}-HB`, status: 'returned' },
      ])
      .execute();
    const held = await rate({ dossierCode: code.toLowerCase(), score: 5 }, '203.0.113.10');
    expect(held.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('ratings')
      .select(['dossier_code', 'claimed_dossier_code'])
      .where('id', '=', held.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ dossier_code: code, claimed_dossier_code: null });
    expect((await rate({ dossierCode: code }, '203.0.113.11')).statusCode).toBe(409);
    const foreign = await rate({ dossierCode: `${code}-HB` }, '203.0.113.12');
    expect(foreign.statusCode).toBe(201);
    const foreignRow = await t.database.db
      .selectFrom('ratings')
      .select(['dossier_code', 'claimed_dossier_code'])
      .where('id', '=', foreign.json().id)
      .executeTakeFirstOrThrow();
    expect(foreignRow).toEqual({ dossier_code: null, claimed_dossier_code: `${code}-HB` });
    // the staff see the code that matched nothing
    const list = (await coordinator.get('/api/ratings?pageSize=200')).json();
    expect(list.items.find((r: { id: string }) => r.id === foreign.json().id).claimedDossierCode).toBe(
      `${code}-HB`,
    );
    // a retry of a rating stored without its unknown code is still a retry
    const clientId = randomUUID();
    const first = await rate({ clientId, dossierCode: 'HS-KHONG-CO-1' }, '203.0.113.13');
    const again = await rate({ clientId, dossierCode: 'HS-KHONG-CO-1' }, '203.0.113.14');
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
  });

  it('dossier codes are checked inside the grouped statement: held, unknown, taken and retried ones sent together', async () => {
    const stamp = Date.now();
    const held = Array.from({ length: 20 }, (_, i) => `HS-NHOM-${stamp}-${i}`);
    await t.database.db
      .insertInto('dossiers')
      .values(held.map((code) => ({ commune_id: binhGiang, code, status: 'received' as const })))
      .execute();
    const results = await Promise.all([
      ...held.map((code, i) => rate({ dossierCode: code, score: 5 }, `192.0.2.${i + 1}`)),
      ...Array.from({ length: 5 }, (_, i) =>
        rate({ dossierCode: `HS-BIA-${stamp}-${i}` }, `192.0.2.${50 + i}`),
      ),
      rate({ dossierCode: held[0] }, '192.0.2.99'),
    ]);
    const status = results.map((r) => r.statusCode);
    expect(status.slice(0, 20).filter((s) => s === 201).length + (status[25] === 201 ? 1 : 0)).toBe(20);
    expect(status.slice(20, 25)).toEqual([201, 201, 201, 201, 201]);
    const rows = await t.database.db
      .selectFrom('ratings')
      .select(['dossier_code', 'claimed_dossier_code'])
      .where(
        'id',
        'in',
        results.filter((r) => r.statusCode === 201).map((r) => r.json().id as string),
      )
      .execute();
    expect(rows.filter((r) => r.dossier_code !== null)).toHaveLength(20);
    expect(rows.filter((r) => r.claimed_dossier_code?.startsWith(`HS-BIA-${stamp}`))).toHaveLength(5);
  });

  it('a registered counter tablet behind the office’s one address sends many real ratings; a script saying “kiosk” cannot', async () => {
    await awayFromHourEnd();
    const office = '10.99.0.1';
    const counters = await t.database.db
      .selectFrom('service_counters')
      .select('id')
      .where('commune_id', '=', binhGiang)
      .orderBy('number')
      .execute();
    const centre = await login(t.app, 'ttpvhcc.binhgiang');
    const tablets: { id: string; key: string }[] = [];
    for (const [i, c] of counters.entries()) {
      const res = await centre.post('/api/rating-kiosks', { name: `Máy quầy ${i + 1}`, counterId: c.id });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().link).toContain(`/p/HP-BINHGIANG/kiosk?quay=${c.id}&may=${res.json().key}`);
      tablets.push(res.json() as { id: string; key: string });
    }
    // four tablets, 30 ratings each without a code, all from the office's address
    for (let round = 0; round < 30; round++) {
      for (const tablet of tablets) {
        const res = await rate({ channel: 'kiosk', score: 5 }, office, { 'x-cqtt-kiosk': tablet.key });
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    const kioskRows = await t.database.db
      .selectFrom('ratings')
      .select(['kiosk_id', 'counter_id'])
      .where('kiosk_id', '=', tablets[0]!.id)
      .execute();
    expect(kioskRows).toHaveLength(30);
    expect(kioskRows.every((r) => r.counter_id === counters[0]!.id)).toBe(true);
    // a script at the same address claiming to be a kiosk, with invented keys and device ids
    const script = [];
    for (let i = 0; i < 30; i++)
      script.push(
        await rate({ channel: 'kiosk' }, office, {
          'x-cqtt-kiosk': randomUUID().replaceAll('-', '').padEnd(43, 'x'),
          'x-cqtt-device': randomUUID(),
        }),
      );
    expect(script.filter((r) => r.statusCode === 201)).toHaveLength(20);
    // a tablet has its own limit too: the 121st rating of the hour is refused
    for (let i = 30; i < 120; i++)
      expect((await rate({ channel: 'kiosk' }, office, { 'x-cqtt-kiosk': tablets[1]!.key })).statusCode).toBe(
        201,
      );
    const over = await rate({ channel: 'kiosk' }, office, { 'x-cqtt-kiosk': tablets[1]!.key });
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toMatch(/Máy đánh giá tại quầy/);
    const floods = (await coordinator.get('/api/satisfaction/floods')).json();
    expect(floods.refusedBySource).toContainEqual(
      expect.objectContaining({
        sourceKind: 'kiosk',
        source: tablets[1]!.id,
        label: 'Máy tại quầy: Máy quầy 2',
      }),
    );
    // a revoked tablet is an unregistered one
    expect((await centre.post(`/api/rating-kiosks/${tablets[2]!.id}/revoke`)).statusCode).toBe(200);
    const list = (await centre.get('/api/rating-kiosks')).json();
    expect(list.find((k: { id: string }) => k.id === tablets[2]!.id).revokedAt).not.toBeNull();
    expect(list.find((k: { id: string }) => k.id === tablets[0]!.id).lastRatingAt).not.toBeNull();
    const vpub = await login(t.app, 'vpub.binhgiang');
    expect((await vpub.post('/api/rating-kiosks', { name: 'Máy lạ' })).statusCode).toBe(403);
  });

  it('many addresses cannot flood one counter either: 60 ratings without a code an hour', async () => {
    await awayFromHourEnd();
    const counter = await t.database.db
      .insertInto('service_counters')
      .values({ commune_id: binhGiang, number: 77, name: 'Quầy thử giới hạn', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const results = [];
    for (let i = 0; i < 61; i++) results.push(await rate({ counterId: counter.id }, `100.64.${i}.1`));
    expect(results.slice(0, 60).every((r) => r.statusCode === 201)).toBe(true);
    expect(results[60]!.statusCode).toBe(429);
    expect(results[60]!.json().error.message).toMatch(/Quầy này/);
  });

  it('voiding ratings of a sealed day takes them off its tally: figures stay equal to a direct count', async () => {
    // Cát Hải: no figure was asked for yet, so its days are sealed here, after the ratings came
    const catHai = await communeIdOf(t.database, 'HP-CATHAI');
    const coordinatorCatHai = await login(t.app, 'vhxh.cathai');
    const day = addDays(today, -5);
    const source = '198.51.100.99';
    const hour = new Date(`${day}T09:00:00+07:00`);
    await t.database.db
      .insertInto('ratings')
      .values(
        [1, 1, 1, 2, 5].map((score, i) => ({
          commune_id: catHai,
          client_id: randomUUID(),
          score,
          channel: 'qr' as const,
          rated_on: day,
          created_at: new Date(hour.getTime() + i * 60_000),
          source_ip: source,
        })),
      )
      .execute();
    await sealRatings(t.database.db, catHai);
    const direct = async () => {
      const rows = await t.database.db
        .selectFrom('ratings')
        .select(['score'])
        .where('commune_id', '=', catHai)
        .where('hidden_at', 'is', null)
        .where('rated_on', '>=', day)
        .where('rated_on', '<=', day)
        .execute();
      return { ratings: rows.length, satisfied: rows.filter((r) => r.score >= 4).length };
    };
    const before = await counterFigures(t.database.db, catHai, day, day);
    expect({ ratings: before.ratings, satisfied: before.satisfied }).toEqual(await direct());
    const res = await coordinatorCatHai.post('/api/ratings/void', {
      sourceKind: 'address',
      source,
      from: hour.toISOString(),
      to: new Date(hour.getTime() + 3_600_000).toISOString(),
      reason: 'Thử: năm đánh giá cùng một máy trong vài phút.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().voided).toBe(5);
    const after = await counterFigures(t.database.db, catHai, day, day);
    expect({ ratings: after.ratings, satisfied: after.satisfied }).toEqual(await direct());
    expect(after.ratings).toBe(before.ratings - 5);
    // refused windows: reversed, too long, another commune's tablet id that is no uuid
    for (const bad of [
      { from: hour.toISOString(), to: hour.toISOString() },
      { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    ]) {
      const r = await coordinatorCatHai.post('/api/ratings/void', {
        sourceKind: 'address',
        source,
        reason: 'x',
        ...bad,
      });
      expect(r.statusCode).toBe(400);
    }
  });
});
