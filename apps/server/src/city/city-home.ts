import {
  type AlertKind,
  alertsOf,
  type LevelTargets,
  levelCounts,
  levelGaps,
  levelsInUse,
  stageCounts,
  vietnamDate,
} from '@cqtt/domain';
import type { RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { communeYears } from './commune-years.ts';
import { definedLevels } from './levels.ts';
import * as store from './store.ts';

/** The satisfaction target a commune's plan sets for the year (0..1), if any. */
function planSatisfaction(targets: readonly { year: number; satisfaction?: number | null }[], year: number) {
  const t = targets.find((x) => x.year === year);
  return typeof t?.satisfaction === 'number' ? t.satisfaction : null;
}

/**
 * The year at a glance for the city: communes by stage, the distribution by recognised level
 * against the city's targets, and alerts naming the communes behind (each a link).
 */
export async function cityHome(ctx: RequestContext, year?: number) {
  const today = vietnamDate(new Date());
  const y = year ?? Number(today.slice(0, 4));
  const communes = await store.communesInView(ctx.db, ctx.actor!);
  communes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const ids = communes.map((c) => c.id);
  const cityIds = [...new Set(communes.map((c) => c.city_id))];
  const [cells, plans, settings, defined] = await Promise.all([
    communeYears(ctx.db, { communeIds: ids, years: [y], today }),
    store.planTargets(ctx.db, ids),
    store.cityYearRows(ctx.db, cityIds, y),
    definedLevels(ctx.db, cityIds, [y]),
  ]);
  const settingOf = new Map(settings.map((s) => [s.city_id, s]));
  const planTarget = new Map<string, number | null>();
  for (const p of plans) {
    const t = planSatisfaction(p.targets, y);
    if (t !== null || !planTarget.has(p.commune_id)) planTarget.set(p.commune_id, t);
  }
  const rows = communes.map((c) => ({ c, f: cells.get(cellKey(c.id, y))! }));
  const stages = stageCounts(
    rows.map(({ f }) => ({
      registered: f.registeredLevel !== null,
      registeredOnTime: f.registeredOnTime,
      assessmentStatus: f.assessmentId ? statusOf(f.stage) : null,
      appraised: f.stage === 'appraising',
      submittedOnTime: f.submittedOnTime,
    })),
    y,
    today,
  );
  const recognised = rows.map(({ f }) => f.recognisedLevel);
  // A national account follows several cities: their targets are not added up.
  const own = cityIds.length === 1 ? settingOf.get(cityIds[0]!) : undefined;
  const targets: LevelTargets = {};
  for (const [level, share] of Object.entries(own?.level_targets ?? {}))
    targets[Number(level)] = share / 10_000;
  // every level a set in effect defines (beyond four too), any level held, registered or aimed at
  const inUse = levelsInUse(defined, [
    ...recognised,
    ...rows.flatMap(({ f }) => [f.registeredLevel, f.selfLevel]),
    ...Object.keys(targets).map(Number),
  ]);
  const alerts: {
    communeId: string;
    communeCode: string;
    communeName: string;
    kind: AlertKind;
    text: string;
  }[] = [];
  for (const { c, f } of rows) {
    const s = settingOf.get(c.city_id);
    const cityTarget =
      s?.satisfaction_alert === null || s === undefined ? null : s.satisfaction_alert / 10_000;
    for (const a of alertsOf(
      {
        communeName: c.name,
        registered: f.registeredLevel !== null,
        submitted: f.submittedOnTime !== null,
        satisfaction: f.satisfaction.index,
        satisfactionTarget: planTarget.get(c.id) ?? cityTarget,
        overdueFeedback: f.feedback.overdue,
        overdueTasks: f.tasks.overdue,
      },
      y,
      today,
      { overdueFeedback: s?.overdue_feedback_alert ?? 0, overdueTasks: s?.overdue_tasks_alert ?? 0 },
    ))
      alerts.push({ communeId: c.id, communeCode: c.code, communeName: c.name, ...a });
  }
  return {
    year: y,
    today,
    stages,
    levelsInUse: inUse,
    levels: levelCounts(recognised, inUse),
    gaps: levelGaps(recognised, targets, inUse),
    alerts,
  };
}

/** The workflow status a stage stands for, as far as the counts need it. */
function statusOf(stage: string): string {
  if (stage === 'appraising') return 'submitted';
  if (stage === 'assessing') return 'self_scoring';
  return stage;
}
