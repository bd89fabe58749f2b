/**
 * The review reports of the plan (task 10): sơ kết (2026-2027, in 2027) and tổng kết (the whole
 * period, in 2030). A review is made only in a year the plan schedules one: the years of the
 * occurrences of its task fulfilled by review reports. It sets each year's objectives against
 * what was achieved, with the same measured figures the assessment shows (measures/), and the
 * levels the console's level history shows.
 */
import {
  normaliseTargets,
  objectiveSentence,
  REVIEW_LABELS,
  reviewFor,
  taskOccurrenceIn,
  vietnamDate,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { levelHistory } from '../criteria/overview.ts';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { findMeasure } from '../measures/index.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { communeOf, planOfYear, yearlyReport } from './yearly.ts';

type PlanRow = NonNullable<Awaited<ReturnType<typeof planOfYear>>>;

/** The years the plan schedules a review in: the occurrences of its tasks fulfilled by review reports. */
export async function reviewYears(db: Kysely<DB>, plan: PlanRow): Promise<number[]> {
  const tasks = await db
    .selectFrom('plan_tasks')
    .select(['schedule', 'added_on'])
    .where('commune_id', '=', plan.commune_id)
    .where('plan_id', '=', plan.id)
    .where('is_active', '=', true)
    .where('fulfilment', '=', 'review_report')
    .execute();
  const last = plan.period_to ?? plan.period_from + 10;
  const years = new Set<number>();
  for (const t of tasks)
    for (let y = plan.period_from; y <= last; y++)
      if (taskOccurrenceIn(t.schedule, y, { fromYear: plan.period_from, toYear: plan.period_to }, t.added_on))
        years.add(y);
  return [...years].sort((a, b) => a - b);
}

/** Which review the report of `year` is, or the Vietnamese refusal when the plan schedules none. */
export async function reviewOf(db: Kysely<DB>, communeId: string, year: number) {
  const plan = await planOfYear(db, communeId, year);
  if (!plan) {
    const message = `Xã chưa có kế hoạch thực hiện mô hình trong năm ${year}.`;
    throw badRequest(message, [{ path: 'year', message }]);
  }
  const years = await reviewYears(db, plan);
  const review = reviewFor(year, { fromYear: plan.period_from, toYear: plan.period_to }, years);
  if (!review) {
    const message = years.length
      ? `Kế hoạch không có sơ kết, tổng kết vào năm ${year}; kế hoạch hẹn sơ kết, tổng kết vào năm ${years.join(' và năm ')}.`
      : `Kế hoạch không có nhiệm vụ sơ kết, tổng kết nào được gắn với báo cáo sơ kết, tổng kết; không lập được báo cáo năm ${year}.`;
    throw badRequest(message, [{ path: 'year', message }]);
  }
  return { plan, review, years };
}

async function measure(db: Kysely<DB>, key: string, communeId: string, year: number, today: string) {
  const m = findMeasure(key);
  return m ? (await m.compute(db, { communeId, year, today })).value : null;
}

export async function reviewReport(
  ctx: RequestContext,
  requestedCommuneId: string | undefined,
  year: number,
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requestedCommuneId);
  const { plan, review } = await reviewOf(ctx.db, communeId, year);
  const today = vietnamDate(new Date());
  const [commune, history, last] = await Promise.all([
    communeOf(ctx.db, communeId),
    // GET /api/level-history
    levelHistory(ctx.db, ctx.actor!, communeId, review.fromYear, review.toYear),
    yearlyReport(ctx, communeId, year),
  ]);
  const targets = normaliseTargets(plan.targets);
  const rows = [];
  for (let y = review.fromYear; y <= review.toYear; y++) {
    const level = history.years.find((h) => h.year === y)!;
    const target = targets.find((t) => t.year === y) ?? null;
    const [satisfaction, feedbackOnTime, tasksOnTime, outreach, rewards, villages] = await Promise.all([
      measure(ctx.db, 'satisfaction.index', communeId, y, today),
      measure(ctx.db, 'feedback.answeredOnTimeShare', communeId, y, today),
      measure(ctx.db, 'plans.tasksOnTimeShare', communeId, y, today),
      measure(ctx.db, 'outreach.activities', communeId, y, today),
      measure(ctx.db, 'rewards.given', communeId, y, today),
      measure(ctx.db, 'villages.cultureTitleShare', communeId, y, today),
    ]);
    rows.push({
      year: y,
      targetLevel: target?.level ?? level.planTarget,
      raiseLevel: target?.raiseLevel ?? false,
      registeredLevel: level.registeredLevel,
      selfLevel: level.selfLevel,
      recognisedLevel: level.recognisedLevel,
      satisfactionIndex: satisfaction,
      satisfactionTarget: target?.satisfaction ?? null,
      feedbackOnTime,
      feedbackOnTimeTarget: target?.feedbackOnTime ?? null,
      tasksOnTime,
      outreachActivities: outreach,
      rewardsGiven: rewards,
      cultureTitleShare: villages,
    });
  }
  return {
    communeId,
    communeName: commune.name,
    communeKind: commune.kind,
    cityName: commune.city_name,
    year,
    asOf: last.asOf,
    kind: review.kind,
    kindLabel: REVIEW_LABELS[review.kind],
    fromYear: review.fromYear,
    toYear: review.toYear,
    plan: last.plan,
    objectives: {
      text: plan.objectives,
      years: targets.map((t) => ({ ...t, sentence: objectiveSentence(t) })),
    },
    years: rows,
    /** The sections of the review year itself, as the yearly report reads them. */
    current: last,
  };
}

export type ReviewReportData = Awaited<ReturnType<typeof reviewReport>>;
