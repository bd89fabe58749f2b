import { randomUUID } from 'node:crypto';
import { addDays, vietnamDate } from '@cqtt/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satisfactionFigures } from '../src/satisfaction/figures.ts';
import { yearSentToCity } from '../src/satisfaction/given-day.ts';
import { sealRatings } from '../src/satisfaction/results.ts';
import { communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

/**
 * Decision 0029: a rating a kiosk kept offline counts on the day it was given, unless the
 * commune has already sent that year's figures to the city; then it counts on the day it arrived,
 * kept with the day it was given and the reason. The yearly tallies the city reads stay exact.
 */
let t: TestApp;
let catHaiId: string;
const DAY = 86_400_000;
const today = vietnamDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  catHaiId = await communeIdOf(t.database, 'HP-CATHAI');
});
afterAll(() => t.close());

let address = 0;
const rate = (body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    payload: { communeCode: 'HP-CATHAI', clientId: randomUUID(), score: 5, channel: 'kiosk', ...body },
    remoteAddress: `10.29.${Math.floor(++address / 250)}.${address % 250}`,
  });

async function stored(id: string) {
  return t.database.db
    .selectFrom('ratings')
    .select([
      sql<string>`to_char(rated_on, 'YYYY-MM-DD')`.as('rated_on'),
      sql<string | null>`to_char(given_on, 'YYYY-MM-DD')`.as('given_on'),
      'counted_on_arrival',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Cát Hải's counter ratings of a year as the city reads them, and as a direct count. */
async function yearFigures(year: number) {
  const cells = await satisfactionFigures(t.database.db, {
    communeIds: [catHaiId],
    years: [year],
    today,
  } as Parameters<typeof satisfactionFigures>[1]);
  const read = [...cells.values()][0]!.counter;
  const direct = await t.database.db
    .selectFrom('ratings')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) filter (where score >= 4))::int`.as('ok'),
    ])
    .where('commune_id', '=', catHaiId)
    .where('hidden_at', 'is', null)
    .where('rated_on', '>=', `${year}-01-01`)
    .where('rated_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return {
    read: { ratings: read.ratings, satisfied: read.satisfied },
    direct: { ratings: direct.n, satisfied: direct.ok },
  };
}

describe('a rating given offline and sent later (decision 0029)', () => {
  it('precondition: Cát Hải has sent nothing of these years to the city', async () => {
    for (const d of [today, addDays(today, -1), addDays(today, -5)]) {
      expect(await yearSentToCity(t.database.db, catHaiId, Number(d.slice(0, 4)))).toBe(false);
    }
  });

  it('given yesterday offline and synced today, it counts yesterday', async () => {
    const givenAt = new Date(Date.now() - DAY).toISOString();
    const clientId = randomUUID();
    const res = await rate({ givenAt, score: 2, clientId });
    expect(res.statusCode).toBe(201);
    expect(await stored(res.json().id)).toEqual({
      rated_on: addDays(today, -1),
      given_on: addDays(today, -1),
      counted_on_arrival: null,
    });
    // sent again (the kiosk did not hear the answer): the same rating, still one
    const again = await rate({ givenAt, score: 2, clientId });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: res.json().id });
  });

  it('a rating sent at once, or stamped with a moment after its arrival, counts today', async () => {
    const now = await rate({});
    expect(await stored(now.json().id)).toEqual({
      rated_on: today,
      given_on: null,
      counted_on_arrival: null,
    });
    const ahead = await rate({ givenAt: new Date(Date.now() + 3 * DAY).toISOString() });
    expect(await stored(ahead.json().id)).toEqual({
      rated_on: today,
      given_on: null,
      counted_on_arrival: null,
    });
  });

  it('a day already folded into the tallies takes the rating, and the yearly figures the city reads stay exact', async () => {
    const { db } = t.database;
    const sealed = await sealRatings(db, catHaiId);
    expect(sealed).toBe(addDays(today, -2));
    const given = addDays(today, -5);
    const year = Number(given.slice(0, 4));
    const before = await yearFigures(year);
    expect(before.read).toEqual(before.direct);
    const res = await rate({ givenAt: new Date(Date.now() - 5 * DAY).toISOString(), score: 4 });
    expect(res.statusCode).toBe(201);
    expect(await stored(res.json().id)).toMatchObject({ rated_on: given, counted_on_arrival: null });
    const day = await db
      .selectFrom('rating_days')
      .select('n')
      .where('commune_id', '=', catHaiId)
      .where('rated_on', '=', given)
      .where('score', '=', 4)
      .where('with_dossier', '=', false)
      .executeTakeFirstOrThrow();
    expect(day.n).toBeGreaterThanOrEqual(1);
    const after = await yearFigures(year);
    expect(after.read).toEqual(after.direct);
    expect(after.read.ratings).toBe(before.read.ratings + 1);
    expect(after.read.satisfied).toBe(before.read.satisfied + 1);
    // the public figures of that very day count it
    const pub = await t.app.inject({
      method: 'GET',
      url: `/api/public/communes/HP-CATHAI/satisfaction?from=${given}&to=${given}`,
    });
    expect(pub.json().counter.ratings).toBeGreaterThanOrEqual(1);
    // hiding it takes it off the same day's and year's tallies
    const vhxh = await login(t.app, 'vhxh.cathai');
    expect((await vhxh.post(`/api/ratings/${res.json().id}/hide`, { reason: 'Thử ẩn.' })).statusCode).toBe(
      200,
    );
    const hidden = await yearFigures(year);
    expect(hidden.read).toEqual(hidden.direct);
    expect(hidden.read.ratings).toBe(before.read.ratings);
  });

  it('a moment more than 31 days back is a clock gone wrong: it counts on arrival, with the reason', async () => {
    const res = await rate({ givenAt: new Date(Date.now() - 40 * DAY).toISOString() });
    expect(await stored(res.json().id)).toEqual({
      rated_on: today,
      given_on: vietnamDate(new Date(Date.now() - 40 * DAY)),
      counted_on_arrival: 'too-old',
    });
  });

  it('given in a year whose figures the city received: kept, shown, counted on the day it arrived', async () => {
    const { db } = t.database;
    const given = addDays(today, -3);
    const year = Number(given.slice(0, 4));
    // Cát Hải sends its self-assessment of that year to the city
    const set = await db.selectFrom('criteria_sets').select('id').limit(1).executeTakeFirstOrThrow();
    await db
      .insertInto('assessments')
      .values({ commune_id: catHaiId, year, criteria_set_id: set.id, status: 'submitted' })
      .execute();
    expect(await yearSentToCity(db, catHaiId, year)).toBe(true);
    await sealRatings(db, catHaiId);
    const tallies = async () =>
      db
        .selectFrom('rating_years')
        .select(['year', 'score', 'with_dossier', 'n'])
        .where('commune_id', '=', catHaiId)
        .orderBy(['year', 'score', 'with_dossier'])
        .execute();
    const before = await tallies();
    const beforeYear = await yearFigures(year);
    const res = await rate({
      givenAt: new Date(Date.now() - 3 * DAY).toISOString(),
      score: 1,
      comment: 'Chờ lâu.',
    });
    expect(res.statusCode).toBe(201);
    expect(await stored(res.json().id)).toEqual({
      rated_on: today,
      given_on: given,
      counted_on_arrival: 'closed',
    });
    // the sealed tallies of the closed year are untouched; the rating counts live on its arrival day
    expect(await tallies()).toEqual(before);
    const afterYear = await yearFigures(year);
    expect(afterYear.read).toEqual(afterYear.direct);
    expect(afterYear.read.ratings).toBe(
      beforeYear.read.ratings + (Number(today.slice(0, 4)) === year ? 1 : 0),
    );
    // the console shows the day it was given and why it counts on its arrival day
    const vhxh = await login(t.app, 'vhxh.cathai');
    const list = await vhxh.get(`/api/ratings?from=${given}&to=${today}&withComment=true&page=1&pageSize=50`);
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === res.json().id);
    expect(item).toMatchObject({ ratedOn: today, givenOn: given, countedOnArrival: 'closed' });
    expect(item.dayNote).toContain(`năm ${year} đã gửi số liệu cho thành phố`);
  });

  it('a malformed moment is refused with a clear 400 and stores nothing', async () => {
    const res = await rate({ givenAt: 'hôm qua' });
    expect(res.statusCode).toBe(400);
  });
});
