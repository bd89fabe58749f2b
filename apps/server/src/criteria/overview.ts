import { submissionOnTime, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { STATUS_LABELS } from './assessments.ts';
import { criteriaFigures } from './figures.ts';

/**
 * One row per commune the actor sees: registered level, assessment state, level now, recognised
 * level. Set-based (criteria/figures.ts): the same queries for 3 communes or 3,321.
 */
export async function levelOverview(db: Kysely<DB>, actor: Actor, year: number) {
  const communes = await db
    .selectFrom('communes')
    .select(['id', 'name', 'code'])
    .where('id', 'in', visibleCommuneIds(db, actor))
    .execute();
  communes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const cells = await criteriaFigures(db, {
    communeIds: communes.map((c) => c.id),
    years: [year],
    today: vietnamDate(new Date()),
  });
  return communes.map((c) => {
    const { registration: r, assessment: a } = cells.get(cellKey(c.id, year))!;
    return {
      communeId: c.id,
      communeName: c.name,
      year,
      registeredLevel: r?.level ?? null,
      registeredAt: r?.sentAt ?? null,
      registrationOnTime: r ? r.onTime : null,
      assessmentId: a?.id ?? null,
      status: a?.status ?? null,
      statusLabel: a ? STATUS_LABELS[a.status] : 'Chưa mở hồ sơ',
      submittedAt: a?.submittedAt ?? null,
      /** Sent to the city before 12/11 (task 5 of the plan); null while not sent. */
      submissionOnTime: a?.submittedAt ? submissionOnTime(new Date(a.submittedAt), year) : null,
      total: a?.total ?? null,
      level: a?.level ?? null,
      recognisedLevel: a?.recognisedLevel ?? null,
      decisionNumber: a?.decisionNumber ?? null,
      decisionDate: a?.decisionDate ?? null,
    };
  });
}

/** A commune's levels year by year against its plan's targets (2026-2030 by default). */
export async function levelHistory(
  db: Kysely<DB>,
  actor: Actor,
  communeId: string | undefined,
  from = 2026,
  to = 2030,
) {
  const id = await resolveCommuneId(db, actor, communeId);
  const yearList = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const [plans, cells] = await Promise.all([
    db
      .selectFrom('plans')
      .select(['targets', 'period_from'])
      .where('commune_id', '=', id)
      .orderBy('period_from')
      .execute(),
    criteriaFigures(db, { communeIds: [id], years: yearList, today: vietnamDate(new Date()) }),
  ]);
  const target = new Map<number, number>();
  for (const p of plans) for (const t of p.targets) target.set(t.year, t.level);
  const years = yearList.map((year) => {
    const { registration: r, assessment: a } = cells.get(cellKey(id, year))!;
    return {
      year,
      planTarget: target.get(year) ?? null,
      registeredLevel: r?.level ?? null,
      selfLevel: a?.level ?? null,
      total: a?.total ?? null,
      recognisedLevel: a?.recognisedLevel ?? null,
      assessmentId: a?.id ?? null,
    };
  });
  return { communeId: id, years };
}
