/**
 * A city whose decision defines five levels: a commune recognised at level 5 is counted at level 5
 * on the city's home, the side-by-side view filters by it, and the city may aim at it.
 */
import { vietnamDate } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SET } from '../src/demo/criteria.ts';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers read in tests
type Json = Record<string, any>;
let t: TestApp;
let city: Client;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
  city = await login(t.app, 'snv.haiphong');
});
afterAll(() => t.close());

describe('levels beyond four on the city pages', () => {
  it('a commune recognised at level 5 is counted at level 5, filtered by it and aimed at', async () => {
    const set = JSON.parse(JSON.stringify(SAMPLE_SET));
    set.code = 'HP-5MUC';
    set.name = 'Bộ tiêu chí năm mức';
    set.levels = [
      { level: 1, minTotal: 50 },
      { level: 2, minTotal: 60 },
      { level: 3, minTotal: 70 },
      { level: 4, minTotal: 80 },
      { level: 5, minTotal: 95 },
    ];
    const imported = await city.post('/api/criteria-sets', set);
    expect(imported.statusCode, imported.body).toBe(201);

    // before anyone holds level 5, the set in effect already puts it on the city's pages
    const empty = (await city.get(`/api/city/home?year=${YEAR}`)).json();
    expect(empty.levelsInUse).toEqual([1, 2, 3, 4, 5]);
    expect(empty.levels).toContainEqual({ level: 5, communes: 0 });

    // Hồng Bàng's submitted file was scored on the five-level set (same indicators as the sample)
    const hongBang = await communeIdOf(t.database, 'HP-HONGBANG');
    const file = await t.database.db
      .updateTable('assessments')
      .set({ criteria_set_id: imported.json().id })
      .where('commune_id', '=', hongBang)
      .where('year', '=', YEAR)
      .where('status', '=', 'submitted')
      .returning('id')
      .executeTakeFirstOrThrow();
    const recognised = await city.post(`/api/assessments/${file.id}/recognition`, {
      level: 5,
      decisionNumber: '150/QĐ-UBND',
      decisionDate: vietnamDate(new Date()),
    });
    expect(recognised.statusCode, recognised.body).toBe(200);

    const home = (await city.get(`/api/city/home?year=${YEAR}`)).json();
    expect(home.levels.map((l: Json) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(home.levels.find((l: Json) => l.level === 5).communes).toBe(1);
    expect(home.levels.reduce((n: number, l: Json) => n + l.communes, 0)).toBe(home.stages.communes);
    expect(home.gaps.find((g: Json) => g.level === 5)).toMatchObject({ reached: 1, target: null });

    const atFive = (await city.get(`/api/city/communes?year=${YEAR}&level=5`)).json();
    expect(atFive.items.map((r: Json) => r.communeCode)).toEqual(['HP-HONGBANG']);
    expect(atFive.items[0].recognisedLevel).toBe(5);

    // the city aims at level 5 too; a level no decision may define is refused in Vietnamese
    const body = {
      targets: [
        { level: 3, share: 100 },
        { level: 5, share: 30 },
      ],
      satisfactionAlert: 90,
      overdueFeedbackAlert: 0,
      overdueTasksAlert: 0,
      publish: { levels: true, sipas: true, parIndex: true, satisfaction: false },
    };
    const saved = await city.request('PUT', `/api/city/years/${YEAR}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    const aimed = (await city.get(`/api/city/home?year=${YEAR}`)).json();
    expect(aimed.gaps.find((g: Json) => g.level === 5)).toMatchObject({
      reached: 1,
      target: 0.3,
      missing: 0,
    });
    const eleven = await city.request('PUT', `/api/city/years/${YEAR}`, {
      ...body,
      targets: [{ level: 11, share: 10 }],
    });
    expect(eleven.statusCode).toBe(400);
    expect(eleven.json().error.message).toContain('Mức độ phải từ 1 đến 10');
  });
});
