/**
 * Every measured figure the criteria can name: unique keys, and each one computes for the
 * demo commune from the data the other capabilities keep, within the range its kind allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SET } from '../src/demo/criteria.ts';
import { MEASURES } from '../src/measures/index.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const AGREED = [
  'criteria.registrationOnTime',
  'plans.tasksOnTimeShare',
  'satisfaction.index',
  'satisfaction.counterIndex',
  'satisfaction.dossiersOnTimeShare',
  'feedback.answeredOnTimeShare',
  'feedback.answerSatisfaction',
  'outreach.activities',
  'outreach.villagesCovered',
  'villages.cultureTitleShare',
  'budget.spentShare',
];

describe('measured figures', () => {
  it('offers every agreed key once', () => {
    const keys = MEASURES.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of AGREED) expect(keys, key).toContain(key);
  });

  it('the sample criteria set names measures of several capabilities', () => {
    const named = SAMPLE_SET.groups.flatMap((g) =>
      g.criteria.flatMap((c) => c.indicators.map((i) => i.measure).filter(Boolean)),
    );
    expect(new Set(named.map((k) => k!.split('.')[0]))).toEqual(
      new Set(['criteria', 'plans', 'satisfaction', 'feedback', 'outreach', 'villages']),
    );
  });

  it('each computes for xã Bình Giang in 2026 with its figures, in the range of its kind', async () => {
    const { db } = t.database;
    const commune = await db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HP-BINHGIANG')
      .executeTakeFirstOrThrow();
    for (const measure of MEASURES) {
      const result = await measure.compute(db, { communeId: commune.id, year: 2026, today: '2026-11-29' });
      expect(result.figures.length, `${measure.key} shows its figures`).toBeGreaterThan(0);
      if (result.value === null) continue;
      if (measure.kind === 'ratio') expect(result.value, measure.key).toBeGreaterThanOrEqual(0);
      if (measure.kind === 'ratio') expect(result.value, measure.key).toBeLessThanOrEqual(1);
      if (measure.kind === 'boolean') expect([0, 1], measure.key).toContain(result.value);
      if (measure.kind === 'count') expect(Number.isInteger(result.value), measure.key).toBe(true);
    }
  });

  it('another commune with no activity gets no figure from Bình Giang', async () => {
    const { db } = t.database;
    const commune = await db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HN-BADINH')
      .executeTakeFirstOrThrow();
    for (const measure of MEASURES) {
      const result = await measure.compute(db, { communeId: commune.id, year: 2026, today: '2026-11-29' });
      if (measure.kind === 'count') expect(result.value ?? 0, measure.key).toBe(0);
    }
  });
});
