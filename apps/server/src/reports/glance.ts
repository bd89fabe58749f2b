/**
 * The commune's year at a glance (its home page): tasks due and overdue, the level registered and
 * where the self-assessment stands, satisfaction and feedback against the plan's targets, the
 * objectives 2026-2030 as a line with what was achieved, and the city's official indices.
 */
import { addDays, normaliseTargets, submissionOnTime, vietnamDate } from '@cqtt/domain';
import { STATUS_LABELS } from '../criteria/assessments.ts';
import { levelHistory } from '../criteria/overview.ts';
import type { RequestContext } from '../http/route.ts';
import { listIndices } from '../indices/service.ts';
import { findMeasure } from '../measures/index.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { planOccurrences, summarize } from '../plans/occurrences.ts';
import { planOfYear } from './yearly.ts';

const SOON_DAYS = 30;

export async function yearGlance(ctx: RequestContext, requestedCommuneId: string | undefined, year: number) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requestedCommuneId);
  const today = vietnamDate(new Date());
  const plan = await planOfYear(ctx.db, communeId, year);
  const value = async (key: string) =>
    (await findMeasure(key)!.compute(ctx.db, { communeId, year, today })).value;
  const [occurrences, registration, assessment, satisfaction, counter, feedback, history, indices] =
    await Promise.all([
      plan ? planOccurrences(ctx, plan.id, year) : Promise.resolve([]),
      ctx.db
        .selectFrom('level_registrations')
        .select(['target_level', 'sent_at', 'on_time'])
        .where('commune_id', '=', communeId)
        .where('year', '=', year)
        .executeTakeFirst(),
      ctx.db
        .selectFrom('assessments')
        .select(['id', 'status', 'submitted_at', 'recognised_level'])
        .where('commune_id', '=', communeId)
        .where('year', '=', year)
        .executeTakeFirst(),
      value('satisfaction.index'),
      value('satisfaction.counterIndex'),
      value('feedback.answeredOnTimeShare'),
      levelHistory(
        ctx.db,
        ctx.actor!,
        communeId,
        plan?.period_from ?? year,
        plan?.period_to ?? (plan ? Math.max(plan.period_from + 4, year) : year),
      ),
      listIndices(ctx.db, ctx.actor!, { communeId }),
    ]);
  const targets = plan ? normaliseTargets(plan.targets) : [];
  const target = targets.find((t) => t.year === year) ?? null;
  const soon = addDays(today, SOON_DAYS);
  const open = occurrences.filter((o) => o.status !== 'done');
  const brief = (o: (typeof occurrences)[number]) => ({
    taskId: o.taskId,
    planId: o.planId,
    taskNumber: o.taskNumber,
    content: o.content,
    dueDate: o.dueDate,
    daysLeft: o.daysLeft,
    status: o.status,
  });
  return {
    year,
    today,
    planId: plan?.id ?? null,
    tasks: {
      totals: summarize(occurrences, year).totals,
      overdue: open.filter((o) => o.status === 'overdue').map(brief),
      dueSoon: open
        .filter(
          (o) => o.status !== 'overdue' && o.dueDate !== null && o.dueDate >= today && o.dueDate <= soon,
        )
        .map(brief),
    },
    level: {
      target: target ? { level: target.level, raiseLevel: target.raiseLevel } : null,
      registration: registration
        ? {
            level: registration.target_level,
            sentOn: vietnamDate(new Date(registration.sent_at)),
            onTime: registration.on_time,
          }
        : null,
      assessment: assessment
        ? {
            id: assessment.id,
            status: assessment.status,
            statusLabel: STATUS_LABELS[assessment.status],
            submittedOn: assessment.submitted_at ? vietnamDate(new Date(assessment.submitted_at)) : null,
            submissionOnTime: assessment.submitted_at
              ? submissionOnTime(new Date(assessment.submitted_at), year)
              : null,
            recognisedLevel: assessment.recognised_level,
          }
        : null,
    },
    satisfaction: { index: satisfaction, counterIndex: counter, target: target?.satisfaction ?? null },
    feedback: { onTimeShare: feedback, target: target?.feedbackOnTime ?? null },
    objectives: history.years.map((h) => {
      const t = targets.find((x) => x.year === h.year) ?? null;
      return {
        year: h.year,
        targetLevel: t?.level ?? h.planTarget,
        raiseLevel: t?.raiseLevel ?? false,
        satisfactionTarget: t?.satisfaction ?? null,
        registeredLevel: h.registeredLevel,
        selfLevel: h.selfLevel,
        recognisedLevel: h.recognisedLevel,
      };
    }),
    indices: indices.map((i) => ({
      year: i.year,
      kind: i.kind,
      kindLabel: i.kindLabel,
      value: i.value,
      rank: i.rank,
      decision: i.decision,
    })),
  };
}
