import { submissionOnTime, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { STATUS_LABELS, scoreSummary } from './assessments.ts';

function isoDay(v: unknown): string {
  return v instanceof Date ? vietnamDate(v) : String(v).slice(0, 10);
}

/** One row per commune the actor sees: registered level, assessment state, level now, recognised level. */
export async function levelOverview(db: Kysely<DB>, actor: Actor, year: number) {
  const communes = await db
    .selectFrom('communes')
    .select(['id', 'name', 'code'])
    .where('id', 'in', visibleCommuneIds(db, actor))
    .execute();
  communes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const [registrations, assessments] = await Promise.all([
    db
      .selectFrom('level_registrations')
      .selectAll()
      .where('year', '=', year)
      .where('commune_id', 'in', visibleCommuneIds(db, actor))
      .execute(),
    db
      .selectFrom('assessments as a')
      .innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
      .selectAll('a')
      .select('s.definition')
      .where('a.year', '=', year)
      .where('a.commune_id', 'in', visibleCommuneIds(db, actor))
      .execute(),
  ]);
  const reg = new Map(registrations.map((r) => [r.commune_id, r]));
  const ass = new Map(assessments.map((a) => [a.commune_id, a]));
  const rows = [];
  for (const c of communes) {
    const r = reg.get(c.id);
    const a = ass.get(c.id);
    const summary = a ? await scoreSummary(db, a) : null;
    rows.push({
      communeId: c.id,
      communeName: c.name,
      year,
      registeredLevel: r?.target_level ?? null,
      registeredAt: r ? new Date(r.sent_at).toISOString() : null,
      registrationOnTime: r ? r.on_time : null,
      assessmentId: a?.id ?? null,
      status: a?.status ?? null,
      statusLabel: a ? STATUS_LABELS[a.status] : 'Chưa mở hồ sơ',
      submittedAt: a?.submitted_at ? new Date(a.submitted_at).toISOString() : null,
      /** Sent to the city before 12/11 (task 5 of the plan); null while not sent. */
      submissionOnTime: a?.submitted_at ? submissionOnTime(new Date(a.submitted_at), year) : null,
      total: summary?.total ?? null,
      level: summary?.level ?? null,
      recognisedLevel: a?.recognised_level ?? null,
      decisionNumber: a?.decision_number ?? null,
      decisionDate: a?.decision_date ? isoDay(a.decision_date as unknown) : null,
    });
  }
  return rows;
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
  const [plans, registrations, assessments] = await Promise.all([
    db
      .selectFrom('plans')
      .select(['targets', 'period_from'])
      .where('commune_id', '=', id)
      .orderBy('period_from')
      .execute(),
    db.selectFrom('level_registrations').selectAll().where('commune_id', '=', id).execute(),
    db
      .selectFrom('assessments as a')
      .innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
      .selectAll('a')
      .select('s.definition')
      .where('a.commune_id', '=', id)
      .execute(),
  ]);
  const target = new Map<number, number>();
  for (const p of plans) for (const t of p.targets) target.set(t.year, t.level);
  const years = [];
  for (let year = from; year <= to; year++) {
    const r = registrations.find((x) => x.year === year);
    const a = assessments.find((x) => x.year === year);
    const summary = a ? await scoreSummary(db, a) : null;
    years.push({
      year,
      planTarget: target.get(year) ?? null,
      registeredLevel: r?.target_level ?? null,
      selfLevel: summary?.level ?? null,
      total: summary?.total ?? null,
      recognisedLevel: a?.recognised_level ?? null,
      assessmentId: a?.id ?? null,
    });
  }
  return { communeId: id, years };
}
