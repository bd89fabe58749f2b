/**
 * The facts of the work that fulfils a task (packages/domain plans/fulfilment.ts): for each kind
 * a task may name, what happened of it in a commune's year. The domain rule turns these facts
 * into the occurrence's state; this file only reads them, from the tables of the capability that
 * does the work (criteria, rewards, documents, outreach, village assessments, satisfaction).
 */
import { type FulfilmentKind, percentText, vietnamDate, type WorkFact } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { coverageOf } from '../outreach/activities.ts';
import { dossierFigures } from '../satisfaction/dossiers.ts';
import { counterFigures } from '../satisfaction/results.ts';

const day = (v: Date | string | null | undefined): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? vietnamDate(v) : String(v).slice(0, 10);

type Source = (db: Kysely<DB>, communeId: string, year: number, today: string) => Promise<WorkFact>;

/** The first issued document of a kind about the year: the day it was issued. */
function documentIssued(kind: 'plan' | 'yearly-report' | 'review-report' | 'budget-proposal'): Source {
  return async (db, communeId, year) => {
    const row = await db
      .selectFrom('documents')
      .select(['id', 'issued_on'])
      .where('commune_id', '=', communeId)
      .where('kind', '=', kind)
      .where('year', '=', year)
      .where('status', '=', 'issued')
      .orderBy('issued_on')
      .orderBy('issued_at')
      .limit(1)
      .executeTakeFirst();
    return { kind: 'event', on: day(row?.issued_on), ref: row?.id ?? null };
  };
}

const SOURCES: Record<FulfilmentKind, Source> = {
  async level_registration(db, communeId, year) {
    const row = await db
      .selectFrom('level_registrations')
      .select(['id', 'sent_at'])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .executeTakeFirst();
    return { kind: 'event', on: day(row?.sent_at), ref: row?.id ?? null };
  },
  yearly_plan: documentIssued('plan'),
  async self_assessment(db, communeId, year) {
    const row = await db
      .selectFrom('assessments')
      .select(['id', 'submitted_at'])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('submitted_at', 'is not', null)
      .executeTakeFirst();
    return { kind: 'event', on: day(row?.submitted_at), ref: row?.id ?? null };
  },
  async reward_decisions(db, communeId, year) {
    const row = await db
      .selectFrom('rewards')
      .select(['id', 'decision_date', 'decision_number'])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('status', '=', 'awarded')
      .where('decision_date', 'is not', null)
      .orderBy('decision_date')
      .orderBy('decided_at')
      .limit(1)
      .executeTakeFirst();
    return { kind: 'event', on: day(row?.decision_date), ref: row?.id ?? null };
  },
  yearly_report: documentIssued('yearly-report'),
  budget_proposal: documentIssued('budget-proposal'),
  review_report: documentIssued('review-report'),
  async outreach(db, communeId, year, today) {
    const c = await coverageOf(db, communeId, year, today);
    return {
      kind: 'figures',
      share: c.share,
      active: c.activities > 0,
      figures: [
        { label: 'Hoạt động tuyên truyền', value: c.activities },
        { label: 'Thôn có hoạt động tuyên truyền', value: `${c.coveredVillages}/${c.activeVillages}` },
        { label: 'Lượt người tham dự', value: c.audience },
      ],
    };
  },
  async village_assessments(db, communeId, year) {
    const [villages, assessments] = await Promise.all([
      db
        .selectFrom('villages')
        .select('id')
        .where('commune_id', '=', communeId)
        .where('is_active', '=', true)
        .execute(),
      db
        .selectFrom('village_assessments')
        .select(['village_id', 'status', 'title_achieved'])
        .where('commune_id', '=', communeId)
        .where('year', '=', year)
        .execute(),
    ]);
    const active = new Set(villages.map((v) => v.id));
    const mine = assessments.filter((a) => active.has(a.village_id));
    const reviewed = mine.filter((a) => a.status === 'reviewed').length;
    const titles = mine.filter((a) => a.title_achieved === true).length;
    return {
      kind: 'figures',
      share: active.size === 0 ? null : reviewed / active.size,
      active: mine.length > 0,
      figures: [
        {
          label: 'Thôn đã gửi kết quả bình xét',
          value: `${mine.filter((a) => a.status !== 'draft').length}/${active.size}`,
        },
        { label: 'Thôn đã được xét', value: `${reviewed}/${active.size}` },
        { label: 'Thôn đạt “Thôn văn hóa”', value: titles },
      ],
    };
  },
  async service_centre(db, communeId, year, today) {
    const to = today < `${year}-12-31` ? today : `${year}-12-31`;
    const [dossiers, ratings] = await Promise.all([
      dossierFigures(db, communeId, year, today),
      counterFigures(db, communeId, `${year}-01-01`, to),
    ]);
    return {
      kind: 'figures',
      share: null,
      active: dossiers.counted + dossiers.pending > 0 || ratings.ratings > 0,
      figures: [
        { label: 'Hồ sơ đã đến hạn hoặc đã trả', value: dossiers.counted },
        {
          label: 'Tỷ lệ hồ sơ đúng hạn',
          value: dossiers.share === null ? 'chưa có dữ liệu' : percentText(dossiers.share),
        },
        { label: 'Lượt đánh giá tại quầy', value: ratings.ratings },
        {
          label: 'Tỷ lệ hài lòng tại quầy',
          value: ratings.index === null ? 'chưa có dữ liệu' : percentText(ratings.index),
        },
      ],
    };
  },
};

/** The facts of each named kind for a commune's year, read once per kind. */
export async function workFacts(
  db: Kysely<DB>,
  communeId: string,
  year: number,
  today: string,
  kinds: Iterable<FulfilmentKind | null>,
): Promise<Map<FulfilmentKind, WorkFact>> {
  const wanted = [...new Set([...kinds].filter((k): k is FulfilmentKind => k !== null))];
  const facts = await Promise.all(wanted.map((k) => SOURCES[k](db, communeId, year, today)));
  return new Map(wanted.map((k, i) => [k, facts[i]!]));
}
