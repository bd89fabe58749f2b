import { type CriteriaSet, evaluate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { AssessmentStatus, DB } from '../db/schema.ts';
import { findMeasure } from '../measures/index.ts';
import { type Cells, cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';

/** A commune's registration and assessment of a year, with the total and level its scores reach now. */
export interface CriteriaCell {
  registration: { level: number; onTime: boolean; sentAt: string } | null;
  assessment: AssessmentSummary | null;
}

export interface AssessmentSummary {
  id: string;
  status: AssessmentStatus;
  criteriaSetId: string;
  submittedAt: string | null;
  recognisedLevel: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** Points that count now (the city's, else the supervisors', else the unit's own). */
  total: number;
  maxTotal: number;
  /** The level those points reach (self-assessed level until the city appraises). */
  level: number;
  groups: { code: string; name: string; points: number; maxPoints: number }[];
}

interface AssessmentRow {
  commune_id: string;
  id: string;
  year: number;
  criteria_set_id: string;
}

const day = (v: unknown) =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : String(v).slice(0, 10);

/**
 * Totals and levels of many assessments at once: their criteria sets once each, their scores in
 * one query, and the measured indices their level rules name computed for all of them at once
 * (a set-based measure each); then the domain's `evaluate` per assessment, as the assessment's
 * own page does. scoreSummary (one assessment) is this on a set of one.
 */
export async function summarize(
  db: Kysely<DB>,
  assessments: readonly AssessmentRow[],
  today: string,
): Promise<
  Map<string, { total: number; maxTotal: number; level: number; groups: AssessmentSummary['groups'] }>
> {
  const out = new Map<
    string,
    { total: number; maxTotal: number; level: number; groups: AssessmentSummary['groups'] }
  >();
  if (assessments.length === 0) return out;
  const setIds = [...new Set(assessments.map((a) => a.criteria_set_id))];
  const [sets, scores] = await Promise.all([
    db.selectFrom('criteria_sets').select(['id', 'definition']).where('id', 'in', setIds).execute(),
    db
      .selectFrom('assessment_scores')
      .select(['assessment_id', 'indicator_code', 'self_points', 'review_points', 'city_points'])
      .where('commune_id', 'in', [...new Set(assessments.map((a) => a.commune_id))])
      .where(
        'assessment_id',
        'in',
        assessments.map((a) => a.id),
      )
      .execute(),
  ]);
  const definition = new Map<string, CriteriaSet>(sets.map((s) => [s.id, s.definition]));
  // The indices level rules ask for (minIndex), for the communes and years that need them.
  const keys = new Set<string>();
  for (const s of definition.values())
    for (const l of s.levels) for (const k of Object.keys(l.minIndex)) keys.add(k);
  const scope: FigureScope = {
    communeIds: [...new Set(assessments.map((a) => a.commune_id))],
    years: [...new Set(assessments.map((a) => a.year))],
    today,
  };
  const indexCells = new Map<string, Cells<{ value: number | null }>>();
  await Promise.all(
    [...keys].map(async (key) => {
      const m = findMeasure(key);
      if (m) indexCells.set(key, await m.computeSet(db, scope));
    }),
  );
  const byAssessment = new Map<string, Map<string, number>>();
  for (const s of scores) {
    const p = s.city_points ?? s.review_points ?? s.self_points;
    if (p === null) continue;
    const m = byAssessment.get(s.assessment_id) ?? new Map<string, number>();
    m.set(s.indicator_code, p);
    byAssessment.set(s.assessment_id, m);
  }
  for (const a of assessments) {
    const set = definition.get(a.criteria_set_id)!;
    const indexes: Record<string, number | null> = {};
    for (const key of keys)
      indexes[key] = indexCells.get(key)?.get(cellKey(a.commune_id, a.year))?.value ?? null;
    const ev = evaluate(set, byAssessment.get(a.id) ?? new Map(), indexes);
    out.set(a.id, {
      total: ev.total / 100,
      maxTotal: ev.maxTotal / 100,
      level: ev.level,
      groups: ev.groups.map((g) => ({
        code: g.code,
        name: g.name,
        points: g.points / 100,
        maxPoints: g.maxPoints / 100,
      })),
    });
  }
  return out;
}

/**
 * Registrations and assessments of every commune and year of the scope, with totals and levels:
 * three queries plus the measures the level rules name, whatever the number of communes.
 */
export async function criteriaFigures(db: Kysely<DB>, scope: FigureScope): Promise<Cells<CriteriaCell>> {
  const ids = [...scope.communeIds];
  const years = [...scope.years];
  const [registrations, assessments] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('level_registrations')
            .select(['commune_id', 'year', 'target_level', 'on_time', 'sent_at'])
            .where('commune_id', 'in', ids)
            .where('year', 'in', years)
            .execute(),
          db
            .selectFrom('assessments')
            .select([
              'commune_id',
              'id',
              'year',
              'criteria_set_id',
              'status',
              'submitted_at',
              'recognised_level',
              'decision_number',
              'decision_date',
            ])
            .where('commune_id', 'in', ids)
            .where('year', 'in', years)
            .execute(),
        ]);
  const summaries = await summarize(db, assessments, scope.today);
  const reg = new Map(registrations.map((r) => [cellKey(r.commune_id, r.year), r]));
  const ass = new Map(assessments.map((a) => [cellKey(a.commune_id, a.year), a]));
  return cellsOf(scope, (communeId, year) => {
    const r = reg.get(cellKey(communeId, year));
    const a = ass.get(cellKey(communeId, year));
    const s = a ? summaries.get(a.id)! : null;
    return {
      registration: r
        ? { level: r.target_level, onTime: r.on_time, sentAt: new Date(r.sent_at).toISOString() }
        : null,
      assessment:
        a && s
          ? {
              id: a.id,
              status: a.status,
              criteriaSetId: a.criteria_set_id,
              submittedAt: a.submitted_at ? new Date(a.submitted_at).toISOString() : null,
              recognisedLevel: a.recognised_level,
              decisionNumber: a.decision_number,
              decisionDate: day(a.decision_date),
              ...s,
            }
          : null,
    };
  });
}
