/**
 * The figures of a commune's yearly report (Báo cáo kết quả triển khai thực hiện mô hình
 * "Chính quyền thân thiện" năm N), section by section. Each section is read by the very function
 * the console's own route calls for that page (noted beside it), with the caller's rights, so
 * that every figure of the report equals what the console shows for the same year.
 */
import { allUnitsLead, DOCUMENT_KIND_INFO, documentNumber, targetFor, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { estimates as budgetEstimates } from '../budget/estimates.ts';
import { listAssessments } from '../criteria/assessments.ts';
import { levelHistory } from '../criteria/overview.ts';
import type { DB } from '../db/schema.ts';
import { feedbackStats } from '../feedback/stats.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { coverage } from '../outreach/activities.ts';
import { examples as exampleRegister } from '../outreach/examples.ts';
import { listDifficulties } from '../plans/difficulties.ts';
import { planOccurrences, summarize } from '../plans/occurrences.ts';
import { rewards as rewardRegister } from '../rewards/rewards.ts';
import { dashboard } from '../satisfaction/dashboard.ts';
import { dossierFigures } from '../satisfaction/dossiers.ts';
import { yearTable } from '../villages/year-table.ts';

/** The commune's plan for a year: the latest whose period holds the year. */
export async function planOfYear(db: Kysely<DB>, communeId: string, year: number) {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('period_from', '<=', year)
    .where((eb) => eb.or([eb('period_to', 'is', null), eb('period_to', '>=', year)]))
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function communeOf(db: Kysely<DB>, communeId: string) {
  return db
    .selectFrom('communes')
    .innerJoin('cities', 'cities.id', 'communes.city_id')
    .select(['communes.id', 'communes.name', 'communes.kind', 'communes.code', 'cities.name as city_name'])
    .where('communes.id', '=', communeId)
    .executeTakeFirstOrThrow();
}

const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);

/** The figures of every section of the yearly report of `year`. */
export async function yearlyReport(
  ctx: RequestContext,
  requestedCommuneId: string | undefined,
  year: number,
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requestedCommuneId);
  const today = vietnamDate(new Date());
  const [commune, plan] = await Promise.all([
    communeOf(ctx.db, communeId),
    planOfYear(ctx.db, communeId, year),
  ]);
  const target = plan ? targetFor(plan.targets, year) : null;
  const yearEnd = `${year}-12-31`;
  const to = today < yearEnd ? today : yearEnd;
  const from = `${year}-01-01`;

  const [
    occurrences,
    outreach,
    villages,
    satisfaction,
    dossiers,
    feedback,
    history,
    assessments,
    rewards,
    estimates,
    difficulties,
    examples,
    issued,
    registration,
  ] = await Promise.all([
    // GET /api/plans/:id/occurrences?year and /api/plans/:id/summary?year
    plan ? planOccurrences(ctx, plan.id, year) : Promise.resolve([]),
    // GET /api/outreach-coverage?year
    coverage(ctx, communeId, year),
    // GET /api/village-assessments?year
    yearTable(ctx, { communeId, year }),
    // GET /api/satisfaction/dashboard?from&to (the year so far)
    from <= to ? dashboard(ctx, { communeId, from, to, granularity: 'month' }) : Promise.resolve(null),
    // GET /api/satisfaction/dossiers/on-time?year
    dossierFigures(ctx.db, communeId, year, today),
    // GET /api/feedback/stats?year
    feedbackStats(ctx.db, communeId, year, today),
    // GET /api/level-history
    levelHistory(ctx.db, ctx.actor!, communeId, year, year),
    // GET /api/assessments?year
    listAssessments(ctx.db, ctx.actor!, { year, communeId }),
    // GET /api/rewards?year&status=awarded
    rewardRegister.all(ctx, { communeId, year, status: 'awarded' }).then((r) => r.items),
    // GET /api/budgets?year
    budgetEstimates.all(ctx, { communeId, year }).then((r) => r.items),
    // GET /api/difficulties?year
    listDifficulties(ctx, { communeId, year }),
    // GET /api/good-examples?year
    exampleRegister.all(ctx, { communeId, year }).then((r) => r.items),
    ctx.db
      .selectFrom('documents')
      .select(['id', 'kind', 'number', 'symbol', 'issued_on', 'subject'])
      .where('commune_id', '=', communeId)
      .where('status', '=', 'issued')
      .where('issued_on', '>=', from)
      .where('issued_on', '<=', yearEnd)
      .orderBy('issued_on')
      .orderBy('symbol')
      .orderBy('number')
      .execute(),
    ctx.db
      .selectFrom('level_registrations')
      .select(['target_level', 'sent_at', 'on_time'])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .executeTakeFirst(),
  ]);
  const levelYear = history.years[0]!;
  const assessment = assessments[0] ?? null;
  const estimate = estimates[0] ? await budgetEstimates.get(ctx, estimates[0].id) : null;
  const difficultyItems = difficulties.map((d) => ({
    taskNumber: d.taskNumber,
    content: d.content,
    // the reporter: a unit, or a village by its head
    unit: d.unit?.name ?? d.village?.name ?? null,
    answer: d.answer,
  }));

  return {
    communeId,
    communeName: commune.name,
    communeKind: commune.kind,
    cityName: commune.city_name,
    year,
    asOf: to,
    plan: plan
      ? {
          id: plan.id,
          number: plan.number,
          title: plan.title,
          issuedOn: day(plan.issued_on),
          legalBases: plan.legal_bases,
        }
      : null,
    targets: target,
    direction: {
      documents: issued.map((d) => ({
        id: d.id,
        kind: d.kind,
        kindLabel: DOCUMENT_KIND_INFO[d.kind].label,
        fullNumber: documentNumber(d.number!, d.symbol),
        issuedOn: day(d.issued_on)!,
        subject: d.subject,
      })),
      registration: registration
        ? {
            level: registration.target_level,
            sentOn: vietnamDate(new Date(registration.sent_at)),
            onTime: registration.on_time,
          }
        : null,
    },
    tasks: {
      totals: summarize(occurrences, year).totals,
      occurrences: occurrences.map((o) => ({
        taskId: o.taskId,
        taskNumber: o.taskNumber,
        content: o.content,
        scheduleText: o.scheduleText,
        dueDate: o.dueDate,
        leadUnit: o.leadUnit?.name ?? allUnitsLead(commune.kind),
        status: o.status,
        progress: o.progress,
        completedOn: o.completedOn,
        fulfilledText: o.fulfilledText,
        figures: o.figures,
      })),
    },
    outreach: {
      activities: outreach.activities,
      audience: outreach.audience,
      activeVillages: outreach.activeVillages,
      coveredVillages: outreach.coveredVillages,
      share: outreach.share,
      channels: outreach.channels.map((c) => ({
        kind: c.kind,
        label: c.label,
        activities: c.activities,
        audience: c.audience,
      })),
      villages: outreach.villages.map((v) => ({ name: v.name, activities: v.activities })),
    },
    villages: {
      activeVillages: villages.activeVillages,
      recognised: villages.recognised,
      cultureTitleShare: villages.cultureTitleShare,
      assessed: villages.villages.filter((v) => v.assessment !== null).length,
      titles: villages.villages
        .filter((v) => v.assessment?.titleAchieved === true)
        .map((v) => v.village.name),
    },
    satisfaction: {
      target: target?.satisfaction ?? null,
      questionnaire: satisfaction?.questionnaire ?? null,
      counter: satisfaction
        ? {
            ratings: satisfaction.counter.ratings,
            satisfied: satisfaction.counter.satisfied,
            index: satisfaction.counter.index,
          }
        : null,
      byCounter: (satisfaction?.byCounter ?? []).map((c) => ({
        label: c.label,
        ratings: c.ratings,
        satisfied: c.satisfied,
        index: c.index,
      })),
      dossiers: {
        counted: dossiers.counted,
        onTime: dossiers.onTime,
        late: dossiers.late,
        pending: dossiers.pending,
        share: dossiers.share,
      },
    },
    feedback: {
      target: target?.feedbackOnTime ?? null,
      received: feedback.byStatus.filter((r) => r.kind === 'feedback').reduce((a, r) => a + r.count, 0),
      byStatus: feedback.byStatus,
      overdue: feedback.overdue,
      measures: feedback.measures.map((m) => ({
        key: m.key,
        name: m.name,
        value: m.value,
        figures: m.figures,
      })),
    },
    level: {
      planTarget: levelYear.planTarget,
      registeredLevel: levelYear.registeredLevel,
      selfLevel: levelYear.selfLevel,
      total: levelYear.total,
      recognisedLevel: levelYear.recognisedLevel,
      assessmentId: levelYear.assessmentId,
      status: assessment?.status ?? null,
      statusLabel: assessment?.statusLabel ?? null,
    },
    rewards: {
      individuals: rewards.filter((r) => r.nomineeKind === 'individual').length,
      collectives: rewards.filter((r) => r.nomineeKind === 'collective').length,
      items: rewards.map((r) => ({
        nomineeName: r.nomineeName,
        nomineeKind: r.nomineeKind,
        form: r.form,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
      })),
    },
    budget: estimate
      ? {
          status: estimate.status,
          estimated: estimate.totals.estimated,
          approved: estimate.totals.approved,
          spent: estimate.totals.spent,
          remaining: estimate.totals.remaining,
          bySource: estimate.bySource,
        }
      : null,
    difficulties: {
      reported: difficultyItems.length,
      answered: difficultyItems.filter((d) => d.answer !== null).length,
      items: difficultyItems,
    },
    examples: {
      good: examples.filter((e) => e.kind === 'good').map((e) => ({ title: e.title, subject: e.subject })),
      shortcomings: examples
        .filter((e) => e.kind === 'shortcoming')
        .map((e) => ({ title: e.title, subject: e.subject })),
    },
  };
}

export type YearlyReportData = Awaited<ReturnType<typeof yearlyReport>>;
