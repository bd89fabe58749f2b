/**
 * The facts of the work that fulfils a task (packages/domain plans/fulfilment.ts): for each kind
 * a task may name, what happened of it in a commune's year. The domain rule turns these facts
 * into the occurrence's state; this file only reads them, from the tables of the capability that
 * does the work (criteria, rewards, documents, outreach, village assessments, satisfaction).
 */
import { type FulfilmentKind, percentText, vietnamDate, type WorkFact } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';
import { outreachFigures } from '../outreach/figures.ts';
import { dossierFiguresFor } from '../satisfaction/dossiers.ts';
import { satisfactionFigures } from '../satisfaction/figures.ts';

const day = (v: Date | string | null | undefined): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? vietnamDate(v) : String(v).slice(0, 10);

/** What happened of one kind of work in every commune and year of a scope, in a fixed number of queries. */
type Source = (db: Kysely<DB>, scope: FigureScope) => Promise<Map<string, WorkFact>>;

const noEvent: WorkFact = { kind: 'event', on: null, ref: null };

/** The first row of each commune and year (rows come in the order that decides "first"). */
function firstEvents<R extends { commune_id: string; year: number; id: string }>(
  rows: readonly R[],
  on: (r: R) => Date | string | null | undefined,
): Map<string, WorkFact> {
  const out = new Map<string, WorkFact>();
  for (const r of rows) {
    const key = cellKey(r.commune_id, r.year);
    if (!out.has(key)) out.set(key, { kind: 'event', on: day(on(r)), ref: r.id });
  }
  return out;
}

/** The first issued document of a kind about the year: the day it was issued. */
function documentIssued(kind: 'plan' | 'yearly-report' | 'review-report' | 'budget-proposal'): Source {
  return async (db, scope) =>
    firstEvents(
      await db
        .selectFrom('documents')
        .select(['commune_id', 'year', 'id', 'issued_on'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('kind', '=', kind)
        .where('year', 'in', [...scope.years])
        .where('status', '=', 'issued')
        .orderBy('issued_on')
        .orderBy('issued_at')
        .execute(),
      (r) => r.issued_on,
    );
}

const SOURCES: Record<FulfilmentKind, Source> = {
  async level_registration(db, scope) {
    return firstEvents(
      await db
        .selectFrom('level_registrations')
        .select(['commune_id', 'year', 'id', 'sent_at'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('year', 'in', [...scope.years])
        .execute(),
      (r) => r.sent_at,
    );
  },
  yearly_plan: documentIssued('plan'),
  async self_assessment(db, scope) {
    return firstEvents(
      await db
        .selectFrom('assessments')
        .select(['commune_id', 'year', 'id', 'submitted_at'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('year', 'in', [...scope.years])
        .where('submitted_at', 'is not', null)
        .execute(),
      (r) => r.submitted_at,
    );
  },
  async reward_decisions(db, scope) {
    return firstEvents(
      await db
        .selectFrom('rewards')
        .select(['commune_id', 'year', 'id', 'decision_date'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('year', 'in', [...scope.years])
        .where('status', '=', 'awarded')
        .where('decision_date', 'is not', null)
        .orderBy('decision_date')
        .orderBy('decided_at')
        .execute(),
      (r) => r.decision_date,
    );
  },
  yearly_report: documentIssued('yearly-report'),
  budget_proposal: documentIssued('budget-proposal'),
  review_report: documentIssued('review-report'),
  async outreach(db, scope) {
    // the commune's coverage page takes the same totals (outreach/activities.ts coverageOf)
    const cells = await outreachFigures(db, scope, scope.today);
    return new Map(
      [...cells].map(([key, c]): [string, WorkFact] => [
        key,
        {
          kind: 'figures',
          share: c.villageShare,
          active: c.activities > 0,
          figures: [
            { label: 'Hoạt động tuyên truyền', value: c.activities },
            { label: 'Thôn có hoạt động tuyên truyền', value: `${c.coveredVillages}/${c.activeVillages}` },
            { label: 'Lượt người tham dự', value: c.audience },
          ],
        },
      ]),
    );
  },
  async village_assessments(db, scope) {
    const [villages, assessments] = await Promise.all([
      db
        .selectFrom('villages')
        .select(['commune_id', 'id'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('is_active', '=', true)
        .execute(),
      db
        .selectFrom('village_assessments')
        .select(['commune_id', 'year', 'village_id', 'status', 'title_achieved'])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('year', 'in', [...scope.years])
        .execute(),
    ]);
    const active = new Set(villages.map((v) => v.id));
    const villagesOf = new Map<string, number>();
    for (const v of villages) villagesOf.set(v.commune_id, (villagesOf.get(v.commune_id) ?? 0) + 1);
    const byCell = new Map<string, typeof assessments>();
    for (const a of assessments) {
      if (!active.has(a.village_id)) continue;
      const key = cellKey(a.commune_id, a.year);
      byCell.set(key, [...(byCell.get(key) ?? []), a]);
    }
    return cellsOf(scope, (communeId, year): WorkFact => {
      const all = villagesOf.get(communeId) ?? 0;
      const mine = byCell.get(cellKey(communeId, year)) ?? [];
      const reviewed = mine.filter((a) => a.status === 'reviewed').length;
      const titles = mine.filter((a) => a.title_achieved === true).length;
      return {
        kind: 'figures',
        share: all === 0 ? null : reviewed / all,
        active: mine.length > 0,
        figures: [
          {
            label: 'Thôn đã gửi kết quả bình xét',
            value: `${mine.filter((a) => a.status !== 'draft').length}/${all}`,
          },
          { label: 'Thôn đã được xét', value: `${reviewed}/${all}` },
          { label: 'Thôn đạt “Thôn văn hóa”', value: titles },
        ],
      };
    });
  },
  async service_centre(db, scope) {
    // a year's counter ratings up to today: the year tallies and the live days (decision 0025)
    const [dossiers, satisfaction] = await Promise.all([
      dossierFiguresFor(db, scope),
      satisfactionFigures(db, scope),
    ]);
    return new Map(
      [...dossiers].map(([key, d]): [string, WorkFact] => {
        const ratings = satisfaction.get(key)?.counter ?? { ratings: 0, index: null };
        return [
          key,
          {
            kind: 'figures',
            share: null,
            active: d.counted + d.pending > 0 || ratings.ratings > 0,
            figures: [
              { label: 'Hồ sơ đã đến hạn hoặc đã trả', value: d.counted },
              {
                label: 'Tỷ lệ hồ sơ đúng hạn',
                value: d.share === null ? 'chưa có dữ liệu' : percentText(d.share),
              },
              { label: 'Lượt đánh giá tại quầy', value: ratings.ratings },
              {
                label: 'Tỷ lệ hài lòng tại quầy',
                value: ratings.index === null ? 'chưa có dữ liệu' : percentText(ratings.index),
              },
            ],
          },
        ];
      }),
    );
  },
};

/**
 * The facts of each named kind for every commune and year of a scope: one read per kind (one or
 * two queries) whatever the scope's size, so the city's figures of 3,321 communes read them as
 * cheaply as one commune's page (decision 0025). A cell without the work has an event on no day.
 */
export async function workFactsFor(
  db: Kysely<DB>,
  scope: FigureScope,
  kinds: Iterable<FulfilmentKind | null>,
): Promise<Map<string, Map<FulfilmentKind, WorkFact>>> {
  const wanted = [...new Set([...kinds].filter((k): k is FulfilmentKind => k !== null))];
  const out = new Map<string, Map<FulfilmentKind, WorkFact>>();
  if (wanted.length === 0 || scope.communeIds.length === 0 || scope.years.length === 0) return out;
  const facts = await Promise.all(wanted.map((k) => SOURCES[k](db, scope)));
  for (const [key] of cellsOf(scope, () => null))
    out.set(key, new Map(wanted.map((k, i) => [k, facts[i]!.get(key) ?? noEvent])));
  return out;
}

/** The facts of each named kind for a commune's year: the same reads on a scope of one. */
export async function workFacts(
  db: Kysely<DB>,
  communeId: string,
  year: number,
  today: string,
  kinds: Iterable<FulfilmentKind | null>,
): Promise<Map<FulfilmentKind, WorkFact>> {
  const cells = await workFactsFor(db, { communeIds: [communeId], years: [year], today }, kinds);
  return cells.get(cellKey(communeId, year)) ?? new Map();
}
