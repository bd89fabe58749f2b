import {
  allIndicators,
  type CriteriaSet,
  can,
  evaluate,
  formatPoints,
  formatVietnameseDate,
  levelLabel,
  levelsOf,
  missingFor,
  proposePoints,
  recognitionDateProblem,
  scoreProblem,
  signerProblem,
  toHundredths,
  vietnamDate,
} from '@cqtt/domain';
import type { Kysely, Transaction } from 'kysely';
import { audited } from '../audit/service.ts';
import type { AssessmentStatus, DB } from '../db/schema.ts';
import { type Claim, communeReader, type Issued, insertDraft, issuing } from '../documents/service.ts';
import { type AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { findMeasure } from '../measures/index.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import { selfAssessmentData, selfAssessmentReportKind } from './documents.ts';
import { summarize } from './figures.ts';
import { notifyRoles } from './notify.ts';
import { findSet } from './sets.ts';

/**
 * A commune's assessment of a year against one version of a criteria set, as a
 * workflow: units self-score → the coordinator consolidates → supervisors review
 * (adjusting only with a reason) → the leader approves → submitted to the city
 * (read-only to the commune) → the city appraises and records the recognised level.
 */

export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  self_scoring: 'Các đơn vị tự chấm',
  consolidated: 'Đã tổng hợp, chờ giám sát',
  reviewed: 'Đã giám sát, chờ lãnh đạo duyệt',
  approved: 'Lãnh đạo đã duyệt',
  submitted: 'Đã gửi thành phố, chờ thẩm định',
  returned: 'Thành phố trả lại, chờ xã bổ sung',
  recognised: 'Thành phố đã công nhận',
};

export const ACTIONS = ['consolidate', 'finish_review', 'approve', 'submit', 'return'] as const;
export type Action = (typeof ACTIONS)[number];

const ACTION_RULES: Record<Action, { from: AssessmentStatus[]; to: AssessmentStatus; label: string }> = {
  consolidate: { from: ['self_scoring'], to: 'consolidated', label: 'tổng hợp' },
  finish_review: { from: ['consolidated'], to: 'reviewed', label: 'kết thúc giám sát' },
  approve: { from: ['reviewed'], to: 'approved', label: 'duyệt' },
  submit: { from: ['approved'], to: 'submitted', label: 'gửi thành phố' },
  return: {
    from: ['consolidated', 'reviewed', 'approved'],
    to: 'self_scoring',
    label: 'trả lại để chấm lại',
  },
};

/** Whose turn it is once the assessment enters a state (they get a notification). */
const NEXT_TURN: Partial<Record<AssessmentStatus, { roles: string[]; city?: boolean }>> = {
  self_scoring: { roles: ['focal', 'coordinator'] },
  consolidated: { roles: ['supervisor', 'party'] },
  reviewed: { roles: ['leader'] },
  approved: { roles: ['coordinator', 'leader'] },
  submitted: { roles: ['city'], city: true },
};

function mayAct(actor: Actor, action: Action): boolean {
  switch (action) {
    case 'consolidate':
      return can(actor.roles, 'criteria.coordinate');
    case 'finish_review':
      return can(actor.roles, 'criteria.review');
    case 'approve':
      return can(actor.roles, 'criteria.approve');
    case 'submit':
    case 'return':
      return can(actor.roles, 'criteria.coordinate') || can(actor.roles, 'criteria.approve');
  }
}

function isoDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return vietnamDate(value);
  return String(value).slice(0, 10);
}
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const pts = (h: number | null | undefined) => (h === null || h === undefined ? null : h / 100);

/** An assessment the actor may see (their commune's, or their city's communes'); else 404. */
export async function loadAssessment(db: Kysely<DB>, actor: Actor, id: string) {
  const a = await db
    .selectFrom('assessments as a')
    .innerJoin('communes as c', 'c.id', 'a.commune_id')
    .innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
    .selectAll('a')
    .select([
      'c.name as commune_name',
      'c.kind as commune_kind',
      's.code as set_code',
      's.version as set_version',
      's.name as set_name',
      's.decision as set_decision',
      's.definition',
    ])
    .where('a.id', '=', id)
    .where('a.commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
  if (!a) throw notFound('Hồ sơ tự đánh giá');
  return a;
}
export type LoadedAssessment = Awaited<ReturnType<typeof loadAssessment>>;

async function addEvent(
  trx: Transaction<DB>,
  actor: Actor,
  a: { commune_id: string; id: string },
  action: string,
  status: string,
  note = '',
) {
  await trx
    .insertInto('assessment_events')
    .values({
      commune_id: a.commune_id,
      assessment_id: a.id,
      action,
      status,
      actor_id: actor.userId,
      actor_name: actor.fullName,
      note,
    })
    .execute();
}

export async function openAssessment(ctx: RequestContext, input: { year: number; criteriaSetId: string }) {
  const actor = ctx.actor!;
  if (!actor.communeId) throw forbidden('Chỉ xã, phường, đặc khu mở hồ sơ tự đánh giá.');
  const set = await findSet(ctx.db, actor, input.criteriaSetId);
  const communeId = actor.communeId;
  const existing = await ctx.db
    .selectFrom('assessments')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (existing) {
    throw conflict(`Năm ${input.year} đã có hồ sơ tự đánh giá.`, [
      { path: 'year', message: 'Đã có hồ sơ của năm này.' },
    ]);
  }
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('assessments')
      .values({
        commune_id: communeId,
        year: input.year,
        criteria_set_id: set.id,
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addEvent(trx, actor, row, 'open', 'self_scoring');
    return {
      result: { id: row.id },
      audit: {
        action: 'assessments.open',
        entityType: 'assessment',
        entityId: row.id,
        communeId,
        after: { year: row.year, criteriaSetId: set.id, setCode: set.code, setVersion: set.version },
      },
    };
  });
}

export async function listAssessments(
  db: Kysely<DB>,
  actor: Actor,
  filter: { year?: number; communeId?: string },
) {
  let q = db
    .selectFrom('assessments as a')
    .innerJoin('communes as c', 'c.id', 'a.commune_id')
    .innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
    .select([
      'a.id',
      'a.year',
      'a.status',
      'a.commune_id',
      'a.recognised_level',
      'c.name as commune_name',
      's.name as set_name',
      's.version as set_version',
    ])
    .where('a.commune_id', 'in', visibleCommuneIds(db, actor));
  if (filter.year) q = q.where('a.year', '=', filter.year);
  if (filter.communeId) q = q.where('a.commune_id', '=', filter.communeId);
  const rows = await q.orderBy('a.year', 'desc').orderBy('c.name').execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    communeId: r.commune_id,
    communeName: r.commune_name,
    criteriaSet: `${r.set_name} (phiên bản ${r.set_version})`,
    recognisedLevel: r.recognised_level,
  }));
}

type ScoreRow = Awaited<ReturnType<typeof scoreRows>>[number];
function scoreRows(db: Kysely<DB>, a: { commune_id: string; id: string }) {
  return db
    .selectFrom('assessment_scores')
    .selectAll()
    .where('commune_id', '=', a.commune_id)
    .where('assessment_id', '=', a.id)
    .execute();
}

/** The points that count now: the city's, else the supervisors', else the unit's own. */
export function effectivePoints(s: ScoreRow | undefined): number | null {
  if (!s) return null;
  return s.city_points ?? s.review_points ?? s.self_points;
}
/** The commune's final points (before the city's appraisal). */
function communePoints(s: ScoreRow | undefined): number | null {
  if (!s) return null;
  return s.review_points ?? s.self_points;
}

/** Measured figures a set names (indicators and level rules), computed for the commune and year. */
export async function measuresFor(db: Kysely<DB>, set: CriteriaSet, communeId: string, year: number) {
  const keys = new Set<string>();
  for (const { indicator } of allIndicators(set)) if (indicator.measure) keys.add(indicator.measure);
  for (const l of set.levels) for (const k of Object.keys(l.minIndex)) keys.add(k);
  const today = vietnamDate(new Date());
  const out: Record<
    string,
    { name: string; kind: string; value: number | null; figures: { label: string; value: number | string }[] }
  > = {};
  for (const key of keys) {
    const m = findMeasure(key);
    if (!m) {
      out[key] = {
        name: key,
        kind: 'ratio',
        value: null,
        figures: [{ label: 'Chưa có số liệu đo', value: key }],
      };
      continue;
    }
    const v = await m.compute(db, { communeId, year, today });
    out[key] = { name: m.name, kind: m.kind, value: v.value, figures: v.figures };
  }
  return out;
}

async function unitCodeOf(db: Kysely<DB>, actor: Actor): Promise<string | null> {
  if (!actor.communeId || !actor.unitId) return null;
  const u = await db
    .selectFrom('units')
    .select('code')
    .where('commune_id', '=', actor.communeId)
    .where('id', '=', actor.unitId)
    .executeTakeFirst();
  return u?.code ?? null;
}

type Stage = 'self' | 'review' | 'city';
function stageOf(status: AssessmentStatus): Stage | null {
  if (status === 'self_scoring') return 'self';
  if (status === 'consolidated') return 'review';
  if (status === 'submitted') return 'city';
  return null;
}

/** Whether the actor may set an indicator's score now, and why not. */
function scoringRight(
  actor: Actor,
  a: { commune_id: string; status: AssessmentStatus },
  responsibleUnit: string | null,
  actorUnitCode: string | null,
): { ok: true; stage: Stage } | { ok: false; error: AppError } {
  const stage = stageOf(a.status);
  const inCommune = actor.communeId === a.commune_id;
  if (inCommune && (a.status === 'submitted' || a.status === 'recognised')) {
    return { ok: false, error: forbidden('Hồ sơ đã gửi thành phố; xã chỉ được xem, không được sửa.') };
  }
  if (stage === 'self' && inCommune) {
    if (can(actor.roles, 'criteria.coordinate')) return { ok: true, stage };
    if (actorUnitCode && responsibleUnit === actorUnitCode) return { ok: true, stage };
    return {
      ok: false,
      error: forbidden(
        'Chỉ đầu mối của đơn vị phụ trách chỉ tiêu này hoặc Phòng Văn hóa - Xã hội được chấm điểm.',
      ),
    };
  }
  if (stage === 'review' && inCommune && can(actor.roles, 'criteria.review')) return { ok: true, stage };
  if (stage === 'city' && !actor.communeId && can(actor.roles, 'criteria.appraise'))
    return { ok: true, stage };
  if (inCommune || (!actor.communeId && can(actor.roles, 'criteria.appraise'))) {
    return {
      ok: false,
      error: conflict(`Hồ sơ đang ở bước “${STATUS_LABELS[a.status]}”; bạn không sửa được điểm ở bước này.`),
    };
  }
  return { ok: false, error: forbidden() };
}

export async function viewAssessment(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const a = await loadAssessment(ctx.db, actor, id);
  const set = a.definition;
  const [rows, registration, events, actorUnit, units, measures] = await Promise.all([
    scoreRows(ctx.db, a),
    ctx.db
      .selectFrom('level_registrations')
      .select(['target_level', 'on_time', 'sent_at'])
      .where('commune_id', '=', a.commune_id)
      .where('year', '=', a.year)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('assessment_events')
      .selectAll()
      .where('commune_id', '=', a.commune_id)
      .where('assessment_id', '=', a.id)
      .orderBy('at')
      .execute(),
    unitCodeOf(ctx.db, actor),
    ctx.db.selectFrom('units').select(['code', 'name']).where('commune_id', '=', a.commune_id).execute(),
    measuresFor(ctx.db, set, a.commune_id, a.year),
  ]);
  const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.self_by, r.review_by, r.city_by]).filter((x): x is string => !!x)),
  ];
  const fileIds = [...new Set(rows.flatMap((r) => r.file_ids))];
  const [users, files] = await Promise.all([
    userIds.length
      ? ctx.db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute()
      : [],
    fileIds.length
      ? ctx.db
          .selectFrom('files')
          .select(['id', 'name', 'size', 'mime'])
          .where('commune_id', '=', a.commune_id)
          .where('id', 'in', fileIds)
          .execute()
      : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.full_name]));
  const fileById = new Map(files.map((f) => [f.id, f]));
  const indexes = Object.fromEntries(Object.entries(measures).map(([k, m]) => [k, m.value]));

  const effective = new Map<string, number>();
  for (const r of rows) {
    const p = effectivePoints(r);
    if (p !== null) effective.set(r.indicator_code, p);
  }
  const ev = evaluate(set, effective, indexes);
  const target = registration?.target_level ?? null;
  const missing = target ? missingFor(set, ev, target, indexes) : null;

  const indicators = allIndicators(set).map(({ group, criterion, indicator }) => {
    const r = byCode.get(indicator.code);
    const right = scoringRight(actor, a, criterion.responsibleUnit, actorUnit);
    const m = indicator.measure ? measures[indicator.measure] : undefined;
    return {
      code: indicator.code,
      name: indicator.name,
      groupCode: group.code,
      criterionCode: criterion.code,
      maxPoints: indicator.maxPoints / 100,
      deduction: criterion.deduction === true,
      responsibleUnit: criterion.responsibleUnit
        ? {
            code: criterion.responsibleUnit,
            name: unitName.get(criterion.responsibleUnit) ?? criterion.responsibleUnit,
          }
        : null,
      measure: indicator.measure
        ? {
            key: indicator.measure,
            name: m?.name ?? indicator.measure,
            kind: (m?.kind ?? 'ratio') as 'ratio' | 'count' | 'boolean',
            value: m?.value ?? null,
            figures: m?.figures ?? [],
            proposedPoints: pts(m ? proposePoints(m.kind as 'ratio', m.value, indicator.maxPoints) : null),
          }
        : null,
      self:
        r && r.self_points !== null
          ? {
              points: r.self_points / 100,
              note: r.self_note,
              by: userName.get(r.self_by ?? '') ?? '',
              at: iso(r.self_at),
              files: r.file_ids.flatMap((fid) => (fileById.has(fid) ? [fileById.get(fid)!] : [])),
              proposedPoints: pts(r.proposed_points),
            }
          : null,
      review:
        r && r.review_points !== null
          ? {
              points: r.review_points / 100,
              reason: r.review_reason ?? '',
              by: userName.get(r.review_by ?? '') ?? '',
              at: iso(r.review_at),
            }
          : null,
      city:
        r && r.city_points !== null
          ? {
              points: r.city_points / 100,
              reason: r.city_reason ?? '',
              by: userName.get(r.city_by ?? '') ?? '',
              at: iso(r.city_at),
            }
          : null,
      points: pts(effectivePoints(r)),
      canScore: right.ok,
    };
  });

  const stageRight = (action: Action) =>
    actor.communeId === a.commune_id && ACTION_RULES[action].from.includes(a.status) && mayAct(actor, action);
  return {
    id: a.id,
    communeId: a.commune_id,
    communeName: a.commune_name,
    year: a.year,
    status: a.status,
    statusLabel: STATUS_LABELS[a.status],
    criteriaSet: {
      id: a.criteria_set_id,
      code: a.set_code,
      version: a.set_version,
      name: a.set_name,
      decision: a.set_decision,
    },
    total: ev.total / 100,
    earned: ev.earned / 100,
    deducted: ev.deducted / 100,
    maxTotal: ev.maxTotal / 100,
    level: ev.level,
    levelLabel: levelLabel(ev.level),
    registeredLevel: target,
    missing: missing
      ? {
          level: missing.level,
          reached: missing.reached,
          undefinedLevel: missing.undefinedLevel,
          pointsShort: missing.pointsShort / 100,
          unmetMandatory: missing.unmetMandatory,
          groupsBelow: missing.groupsBelow.map((g) => ({
            ...g,
            points: g.points / 100,
            maxPoints: g.maxPoints / 100,
          })),
          failingIndexes: missing.failingIndexes.map((f) => ({ ...f, name: measures[f.key]?.name ?? f.key })),
        }
      : null,
    groups: ev.groups.map((g) => ({
      code: g.code,
      name: g.name,
      points: g.points / 100,
      maxPoints: g.maxPoints / 100,
      deducted: g.deducted / 100,
    })),
    criteria: ev.criteria.map((c) => {
      const def = set.groups.flatMap((g) => g.criteria).find((x) => x.code === c.code)!;
      return {
        code: c.code,
        name: def.name,
        groupCode: c.groupCode,
        points: c.points / 100,
        maxPoints: c.maxPoints / 100,
        passPoints: c.passPoints / 100,
        met: c.met,
        deduction: c.deduction,
        uncapped: c.uncapped / 100,
        evidence: def.evidence,
        guidance: def.guidance,
      };
    }),
    indicators,
    levels: set.levels.map((l) => ({
      level: l.level,
      minTotal: l.minTotal / 100,
      mandatory: l.mandatory,
      minGroupShare: l.minGroupShare === null ? null : l.minGroupShare / 10_000,
      minIndex: l.minIndex,
    })),
    indexes: Object.entries(measures).map(([key, m]) => ({
      key,
      name: m.name,
      kind: m.kind,
      value: m.value,
      figures: m.figures,
    })),
    recognition:
      a.recognised_level === null
        ? null
        : {
            level: a.recognised_level,
            decisionNumber: a.decision_number ?? '',
            decisionDate: isoDay(a.decision_date),
          },
    events: events.map((e) => ({
      action: e.action,
      status: e.status,
      by: e.actor_name,
      note: e.note,
      at: iso(e.at)!,
    })),
    can: {
      consolidate: stageRight('consolidate'),
      finishReview: stageRight('finish_review'),
      approve: stageRight('approve'),
      submit: stageRight('submit'),
      return: stageRight('return'),
      recognise: !actor.communeId && can(actor.roles, 'criteria.appraise') && a.status === 'submitted',
    },
  };
}

export async function setScore(
  ctx: RequestContext,
  id: string,
  code: string,
  input: { points: number; note?: string; fileIds?: string[] },
) {
  const actor = ctx.actor!;
  const a = await loadAssessment(ctx.db, actor, id);
  const found = allIndicators(a.definition).find((x) => x.indicator.code === code);
  if (!found) throw notFound('Chỉ tiêu');
  const { indicator, criterion } = found;
  const right = scoringRight(actor, a, criterion.responsibleUnit, await unitCodeOf(ctx.db, actor));
  if (!right.ok) throw right.error;
  const problem = scoreProblem(input.points, indicator.maxPoints);
  if (problem) throw badRequest(problem, [{ path: 'points', message: problem }]);
  const points = toHundredths(input.points)!;
  const note = (input.note ?? '').trim();
  const stage = right.stage;
  const current = (await scoreRows(ctx.db, a)).find((r) => r.indicator_code === code);
  const fileIds = [...new Set(input.fileIds ?? [])];
  if (fileIds.length > 0) {
    if (stage !== 'self') {
      const message = 'Chỉ đơn vị tự chấm mới đính kèm tệp minh chứng.';
      throw badRequest(message, [{ path: 'fileIds', message }]);
    }
    const files = await ctx.db
      .selectFrom('files')
      .select('id')
      .where('commune_id', '=', a.commune_id)
      .where('id', 'in', fileIds)
      .execute();
    if (files.length !== fileIds.length) {
      const message = 'Có tệp minh chứng không tồn tại hoặc không thuộc xã này.';
      throw badRequest(message, [{ path: 'fileIds', message }]);
    }
  }
  let measured: { value: number | null; figures: unknown; proposed: number | null } | null = null;
  if (stage === 'self' && indicator.measure) {
    const m = findMeasure(indicator.measure);
    if (m) {
      const v = await m.compute(ctx.db, {
        communeId: a.commune_id,
        year: a.year,
        today: vietnamDate(new Date()),
      });
      measured = {
        value: v.value,
        figures: v.figures,
        proposed: proposePoints(m.kind, v.value, indicator.maxPoints),
      };
      if (measured.proposed !== null && measured.proposed !== points && !note) {
        const message = `Điểm đề xuất từ số liệu là ${formatPoints(measured.proposed)}; muốn chấm khác phải ghi lý do.`;
        throw badRequest(message, [{ path: 'note', message }]);
      }
    }
  }
  if (stage === 'review' && !note) {
    const message = 'Giám sát điều chỉnh điểm phải ghi rõ lý do.';
    throw badRequest(message, [{ path: 'note', message }]);
  }
  if (stage === 'city' && !note && points !== (communePoints(current) ?? -1)) {
    const message = 'Thẩm định cho điểm khác điểm của xã phải ghi rõ lý do.';
    throw badRequest(message, [{ path: 'note', message }]);
  }
  const now = new Date();
  const columns =
    stage === 'self'
      ? {
          self_points: points,
          self_note: note,
          self_by: actor.userId,
          self_at: now,
          ...(input.fileIds !== undefined ? { file_ids: fileIds } : {}),
          ...(measured
            ? {
                measure_value: measured.value,
                measure_figures: JSON.stringify(measured.figures),
                proposed_points: measured.proposed,
              }
            : {}),
        }
      : stage === 'review'
        ? { review_points: points, review_reason: note, review_by: actor.userId, review_at: now }
        : { city_points: points, city_reason: note, city_by: actor.userId, city_at: now };
  await audited(ctx, async (trx) => {
    if (current) {
      await trx
        .updateTable('assessment_scores')
        .set(columns)
        .where('commune_id', '=', a.commune_id)
        .where('assessment_id', '=', a.id)
        .where('indicator_code', '=', code)
        .execute();
    } else {
      await trx
        .insertInto('assessment_scores')
        .values({
          commune_id: a.commune_id,
          assessment_id: a.id,
          indicator_code: code,
          self_points: null,
          self_by: null,
          self_at: null,
          measure_value: null,
          measure_figures: null,
          proposed_points: null,
          review_points: null,
          review_reason: null,
          review_by: null,
          review_at: null,
          city_points: null,
          city_reason: null,
          city_by: null,
          city_at: null,
          ...columns,
        })
        .execute();
    }
    await trx
      .insertInto('score_changes')
      .values({
        commune_id: a.commune_id,
        assessment_id: a.id,
        indicator_code: code,
        stage,
        points,
        note,
        actor_id: actor.userId,
        actor_name: actor.fullName,
      })
      .execute();
    await trx.updateTable('assessments').set({ updated_at: now }).where('id', '=', a.id).execute();
    return {
      result: null,
      audit: {
        action: `assessments.score_${stage}`,
        entityType: 'assessment',
        entityId: a.id,
        communeId: a.commune_id,
        before: current ?? null,
        after: { indicatorCode: code, stage, points: points / 100, note, fileIds },
      },
    };
  });
  return viewAssessment(ctx, id);
}

/**
 * Sending to the city freezes the self-assessment report: the draft Phòng VH-XH wrote (or a new
 * one) is issued with the next BC-UBND number, signed by the signer given or the plan's signer,
 * in the same transaction as the submission.
 */
async function prepareSubmission(
  ctx: RequestContext,
  a: LoadedAssessment,
  input: { signerName?: string; signerTitle?: string },
) {
  const plan = await ctx.db
    .selectFrom('plans')
    .select(['signer_name', 'signer_title'])
    .where('commune_id', '=', a.commune_id)
    .where('period_from', '<=', a.year)
    .where((eb) => eb.or([eb('period_to', 'is', null), eb('period_to', '>=', a.year)]))
    .orderBy('period_from', 'desc')
    .executeTakeFirst();
  const signer = {
    name: (input.signerName ?? plan?.signer_name ?? '').trim(),
    title: (input.signerTitle ?? plan?.signer_title ?? '').trim(),
  };
  const problem = signerProblem(signer);
  if (problem) {
    const message = `Gửi thành phố là ban hành báo cáo tự đánh giá: ${problem.message.charAt(0).toLocaleLowerCase('vi-VN')}${problem.message.slice(1)}`;
    throw badRequest(message, [{ path: problem.path, message }]);
  }
  const draft = await ctx.db
    .selectFrom('documents')
    .select('id')
    .where('commune_id', '=', a.commune_id)
    .where('kind', '=', 'self-assessment-report')
    .where('year', '=', a.year)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  let draftId = draft?.id ?? null;
  if (!draftId) {
    // the report Phòng VH-XH did not draft is written now from the defaults, then issued
    const prepared = await selfAssessmentReportKind.prepare(ctx, a.commune_id, { year: a.year });
    draftId = await audited(ctx, async (trx) => {
      const row = await insertDraft(
        trx,
        ctx.actor!,
        a.commune_id,
        { kind: 'self-assessment-report', year: a.year },
        prepared,
      );
      return {
        result: row.id,
        audit: {
          action: 'documents.draft',
          entityType: 'document',
          entityId: row.id,
          communeId: a.commune_id,
          after: row,
        },
      };
    });
  }
  return {
    signer,
    draftId,
    data: await selfAssessmentData(communeReader(ctx, a.commune_id), a.id),
  };
}

export async function act(
  ctx: RequestContext,
  id: string,
  input: { action: Action; note?: string; signerName?: string; signerTitle?: string },
) {
  const actor = ctx.actor!;
  const a = await loadAssessment(ctx.db, actor, id);
  const rule = ACTION_RULES[input.action];
  if (actor.communeId !== a.commune_id || !mayAct(actor, input.action)) throw forbidden();
  if (!rule.from.includes(a.status)) {
    throw conflict(`Hồ sơ đang ở bước “${STATUS_LABELS[a.status]}”; không thể ${rule.label}.`);
  }
  const note = (input.note ?? '').trim();
  if (input.action === 'return' && !note) {
    const message = 'Trả lại hồ sơ phải ghi rõ lý do.';
    throw badRequest(message, [{ path: 'note', message }]);
  }
  const submission = input.action === 'submit' ? await prepareSubmission(ctx, a, input) : null;
  const change = (claim: Claim | null) =>
    audited(ctx, async (trx) => {
      const now = new Date();
      const updated = await trx
        .updateTable('assessments')
        .set({ status: rule.to, updated_at: now, ...(submission ? { submitted_at: now } : {}) })
        .where('commune_id', '=', a.commune_id)
        .where('id', '=', a.id)
        .where('status', '=', a.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw conflict('Hồ sơ vừa được người khác chuyển bước; vui lòng tải lại.');
      const report: Issued | null = claim ? (await claim(trx)).issued : null;
      await addEvent(
        trx,
        actor,
        a,
        input.action,
        rule.to,
        report ? [note, `Báo cáo số ${report.fullNumber}`].filter(Boolean).join('. ') : note,
      );
      const next = NEXT_TURN[rule.to];
      if (next) {
        await notifyRoles(
          trx,
          { cityId: actor.cityId, communeId: next.city ? null : a.commune_id, roles: next.roles },
          {
            aboutCommuneId: a.commune_id,
            kind: `criteria.${input.action}`,
            title: `Hồ sơ tự đánh giá năm ${a.year} của ${a.commune_name}: ${STATUS_LABELS[rule.to].toLocaleLowerCase('vi-VN')}`,
            body: note,
            link: `/assessments/${a.id}`,
          },
        );
      }
      return {
        result: null,
        audit: {
          action: `assessments.${input.action}`,
          entityType: 'assessment',
          entityId: a.id,
          communeId: a.commune_id,
          before: { status: a.status },
          after: { status: rule.to, note, ...(report ? { report } : {}) },
        },
      };
    });
  if (submission) {
    await issuing(
      ctx,
      { communeId: a.commune_id, docId: submission.draftId },
      submission.signer,
      submission.data,
      change,
    );
  } else {
    await change(null);
  }
  return viewAssessment(ctx, id);
}

export async function recognise(
  ctx: RequestContext,
  id: string,
  input: { level: number; decisionNumber: string; decisionDate: string; note?: string },
) {
  const actor = ctx.actor!;
  const a = await loadAssessment(ctx.db, actor, id);
  if (actor.communeId || !can(actor.roles, 'criteria.appraise')) throw forbidden();
  if (a.status !== 'submitted') {
    throw conflict(`Hồ sơ đang ở bước “${STATUS_LABELS[a.status]}”; chỉ công nhận hồ sơ đã gửi thành phố.`);
  }
  const highest = Math.max(0, ...levelsOf(a.definition));
  if (input.level > highest) {
    const message = `Bộ tiêu chí ${a.set_code} chỉ có ${highest} mức; không công nhận mức ${input.level}.`;
    throw badRequest(message, [{ path: 'level', message }]);
  }
  const submittedOn = a.submitted_at ? vietnamDate(new Date(a.submitted_at)) : null;
  const dateProblem = recognitionDateProblem(input.decisionDate, submittedOn, vietnamDate(new Date()));
  if (dateProblem) throw badRequest(dateProblem, [{ path: 'decisionDate', message: dateProblem }]);
  await audited(ctx, async (trx) => {
    await trx
      .updateTable('assessments')
      .set({
        status: 'recognised',
        recognised_level: input.level,
        decision_number: input.decisionNumber,
        decision_date: input.decisionDate,
        updated_at: new Date(),
      })
      .where('commune_id', '=', a.commune_id)
      .where('id', '=', a.id)
      .execute();
    await notifyRoles(
      trx,
      { cityId: actor.cityId, communeId: a.commune_id, roles: ['coordinator', 'leader'] },
      {
        aboutCommuneId: a.commune_id,
        kind: 'criteria.recognise',
        title: `Thành phố công nhận ${levelLabel(input.level).toLocaleLowerCase('vi-VN')} năm ${a.year} (Quyết định số ${input.decisionNumber})`,
        link: `/assessments/${a.id}`,
      },
    );
    await addEvent(
      trx,
      actor,
      a,
      'recognise',
      'recognised',
      `${levelLabel(input.level)} — Quyết định số ${input.decisionNumber} ngày ${formatVietnameseDate(input.decisionDate)}${input.note ? `. ${input.note}` : ''}`,
    );
    return {
      result: null,
      audit: {
        action: 'assessments.recognise',
        entityType: 'assessment',
        entityId: a.id,
        communeId: a.commune_id,
        before: { status: a.status },
        after: { status: 'recognised', ...input },
      },
    };
  });
  return viewAssessment(ctx, id);
}

/** Every change of one indicator's score: who, when, at which stage, why. */
export async function scoreHistory(ctx: RequestContext, id: string, code: string) {
  const a = await loadAssessment(ctx.db, ctx.actor!, id);
  const rows = await ctx.db
    .selectFrom('score_changes')
    .selectAll()
    .where('commune_id', '=', a.commune_id)
    .where('assessment_id', '=', a.id)
    .where('indicator_code', '=', code)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    stage: r.stage,
    points: r.points / 100,
    note: r.note,
    by: r.actor_name,
    at: iso(r.at)!,
  }));
}

/** Total and level of an assessment now (the points that count at its stage): figures.ts on a set of one. */
export async function scoreSummary(
  db: Kysely<DB>,
  a: { commune_id: string; id: string; year: number; criteria_set_id: string },
) {
  const s = (await summarize(db, [a], vietnamDate(new Date()))).get(a.id)!;
  return { total: s.total, level: s.level };
}
