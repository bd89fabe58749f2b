import { levelTargetsProblem } from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import type { CityYearsTable } from '../db/schema.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import * as store from './store.ts';

type Row = Awaited<ReturnType<typeof store.cityYearRow>>;
type Selectable = Pick<CityYearsTable, never> & NonNullable<Row>;

/** Hundredths of a percent in the table; percent (0..100) in the API. */
export function cityYearView(year: number, row: Selectable | undefined) {
  return {
    year,
    targets: Object.entries(row?.level_targets ?? {})
      .map(([level, share]) => ({ level: Number(level), share: share / 100 }))
      .sort((a, b) => a.level - b.level),
    satisfactionAlert: row?.satisfaction_alert == null ? null : row.satisfaction_alert / 100,
    overdueFeedbackAlert: row?.overdue_feedback_alert ?? 0,
    overdueTasksAlert: row?.overdue_tasks_alert ?? 0,
    publish: {
      levels: row?.publish_levels ?? true,
      sipas: row?.publish_sipas ?? false,
      parIndex: row?.publish_par_index ?? false,
      satisfaction: row?.publish_satisfaction ?? false,
    },
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

export async function getCityYear(ctx: RequestContext, year: number) {
  return cityYearView(year, await store.cityYearRow(ctx.db, ctx.actor!.cityId, year));
}

export interface CityYearInput {
  targets: { level: number; share: number }[];
  satisfactionAlert: number | null;
  overdueFeedbackAlert: number;
  overdueTasksAlert: number;
  publish: { levels: boolean; sipas: boolean; parIndex: boolean; satisfaction: boolean };
}

/** The city's targets per level, alert thresholds and publishing choices for a year; audited. */
export async function saveCityYear(ctx: RequestContext, year: number, input: CityYearInput) {
  const actor = ctx.actor!;
  if (actor.communeId !== null) throw forbidden('Chỉ Sở Nội vụ đặt chỉ tiêu của thành phố.');
  const problem = levelTargetsProblem(input.targets);
  if (problem) throw badRequest(problem.message, [problem]);
  const hundredths = (percent: number) => Math.round(percent * 100);
  const before = await store.cityYearRow(ctx.db, actor.cityId, year);
  const row = await audited(ctx, async (trx) => {
    const saved = await store.saveCityYear(trx, {
      city_id: actor.cityId,
      year,
      level_targets: JSON.stringify(
        Object.fromEntries(input.targets.map((t) => [String(t.level), hundredths(t.share)])),
      ),
      satisfaction_alert: input.satisfactionAlert === null ? null : hundredths(input.satisfactionAlert),
      overdue_feedback_alert: input.overdueFeedbackAlert,
      overdue_tasks_alert: input.overdueTasksAlert,
      publish_levels: input.publish.levels,
      publish_sipas: input.publish.sipas,
      publish_par_index: input.publish.parIndex,
      publish_satisfaction: input.publish.satisfaction,
      updated_by: actor.userId,
    });
    return {
      result: saved,
      audit: {
        action: 'city_years.save',
        entityType: 'city_year',
        entityId: `${actor.cityId}:${year}`,
        communeId: null,
        before: before ?? null,
        after: saved,
      },
    };
  });
  return cityYearView(year, row);
}
