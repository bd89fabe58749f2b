/**
 * The work waiting for the signed-in user (the console's home): each source below reads only its
 * own commune, and a unit's share where the user works for a unit; each item says what waits,
 * when it is due and where it opens. The rules of who acts are the capabilities' own (feedback's
 * actorMay, the assessment's workflow, the domain's permissions), not repeated here.
 */
import type { WorkItem, WorkKind, WorkList } from '@cqtt/contract/work';
import {
  allIndicators,
  type CriteriaSet,
  can,
  compareWork,
  excerpt,
  FEEDBACK_STATUS_LABELS,
  type FeedbackAction,
  type FeedbackStatus,
  formatVietnameseDate,
  vietnamDate,
  weekEnd,
  workUrgency,
} from '@cqtt/domain';
import { sql } from 'kysely';
import { STATUS_LABELS } from '../criteria/assessments.ts';
import type { AssessmentStatus } from '../db/schema.ts';
import { handlesAll } from '../feedback/access.ts';
import { actorMay, OPEN_STATUSES } from '../feedback/items.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { myOccurrences, occurrences } from '../plans/occurrences.ts';

/**
 * At most this many items of one kind, the most urgent first: the list is a to-do, each kind's
 * page has the rest, and the answer says how many of each kind there are in all (`more`).
 */
const PER_KIND = 50;
const TITLE = 160;

interface Scope {
  ctx: RequestContext;
  actor: Actor & { communeId: string };
  today: string;
  weekEnd: string;
  year: number;
  /** How many items a source found in all where it read only the first PER_KIND (SQL limit). */
  totals: Map<WorkKind, number>;
}

/** The whole count of a query cut at PER_KIND, read from a `count(*) over ()` column. */
function noteTotal(s: Scope, kind: WorkKind, rows: readonly { total: number | string | bigint }[]) {
  if (rows.length > 0) s.totals.set(kind, (s.totals.get(kind) ?? 0) + Number(rows[0]!.total));
}
const countAll = sql<string>`count(*) over ()`.as('total');

export async function workList(ctx: RequestContext): Promise<WorkList> {
  const actor = ctx.actor!;
  const today = vietnamDate(new Date());
  const end = weekEnd(today);
  // a city-level account follows communes from its own home (city/city-home.ts)
  if (!actor.communeId) return { today, weekEnd: end, items: [], more: [] };
  const s: Scope = {
    ctx,
    actor: actor as Scope['actor'],
    today,
    weekEnd: end,
    year: Number(today.slice(0, 4)),
    totals: new Map(),
  };
  const parts = await Promise.all([
    tasks(s),
    assessments(s),
    feedback(s),
    difficulties(s),
    villages(s),
    budgets(s),
    rewards(s),
  ]);
  const byKind = new Map<WorkKind, WorkItem[]>();
  for (const i of parts.flat()) {
    const list = byKind.get(i.kind);
    if (list) list.push(i);
    else byKind.set(i.kind, [i]);
  }
  const items: WorkItem[] = [];
  const more: WorkList['more'] = [];
  for (const [kind, list] of byKind) {
    // sources cut in SQL counted what they found; the rest are whole lists
    const total = Math.max(list.length, s.totals.get(kind) ?? 0);
    const shown = list.sort(compareWork).slice(0, PER_KIND);
    items.push(...shown);
    if (total > shown.length) more.push({ kind, total });
  }
  return { today, weekEnd: end, items, more };
}

const item = (s: Scope, i: Omit<WorkItem, 'urgency'>): WorkItem => ({
  ...i,
  title: excerpt(i.title, TITLE),
  urgency: workUrgency(i.due, s.today),
});

const day = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? vietnamDate(v) : String(v).slice(0, 10);
/** '05/11/2026', as the rest of the text. */
const formatDay = (v: Date | string) => formatVietnameseDate(day(v)!);

/**
 * Tasks overdue or due by Sunday: the whole commune's for those who follow every unit (the
 * coordinator, the leaders), else the ones the user's unit leads or coordinates.
 */
async function tasks(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  const wholeCommune = actor.roles.some((r) => r === 'coordinator' || r === 'leader');
  let list: Awaited<ReturnType<typeof myOccurrences>>;
  if (wholeCommune) {
    const rows = await ctx.db
      .selectFrom('plan_tasks as t')
      .innerJoin('plans as p', (j) =>
        j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
      )
      .selectAll('t')
      .select(['p.period_from', 'p.period_to'])
      .where('t.commune_id', '=', actor.communeId)
      .execute();
    list = await occurrences(ctx.db, actor.communeId, rows, s.year, s.today);
  } else if (actor.unitId) {
    list = await myOccurrences(ctx, s.year);
  } else {
    return [];
  }
  return list
    .filter(
      (o) =>
        o.status !== 'done' && (o.status === 'overdue' || (o.dueDate !== null && o.dueDate <= s.weekEnd)),
    )
    .map((o) => ({
      ...item(s, {
        kind: 'task',
        key: `task:${o.taskId}`,
        title: `${o.taskNumber}. ${o.content}`,
        detail: `Chủ trì: ${o.leadName} · Tiến độ ${o.progress}%`,
        due: o.dueDate,
        link: { page: 'task', planId: o.planId, taskId: o.taskId, year: s.year },
      }),
      ...(o.status === 'overdue' ? { urgency: 'overdue' as const } : {}),
    }));
}

/** Whose turn an assessment's state is: the permission that takes it on (assessments.ts NEXT_TURN). */
const TURN: Partial<Record<AssessmentStatus, (a: Actor) => boolean>> = {
  consolidated: (a) => can(a.roles, 'criteria.review'),
  reviewed: (a) => can(a.roles, 'criteria.approve'),
  approved: (a) => can(a.roles, 'criteria.coordinate') || can(a.roles, 'criteria.approve'),
};

/**
 * The commune's self-assessments: indicators still unscored (the unit's own, or all of them for
 * the coordinator) while units score; a file waiting for supervision, approval or sending; a file
 * the city returned for more material.
 */
async function assessments(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  const files = await ctx.db
    .selectFrom('assessments as a')
    .innerJoin('criteria_sets as c', 'c.id', 'a.criteria_set_id')
    .select(['a.id', 'a.year', 'a.status', 'c.definition'])
    .where('a.commune_id', '=', actor.communeId)
    .where('a.status', 'in', ['self_scoring', 'consolidated', 'reviewed', 'approved', 'returned'])
    .execute();
  if (files.length === 0) return [];
  const out: WorkItem[] = [];
  const title = (year: number) => `Hồ sơ tự đánh giá mức độ đạt mô hình năm ${year}`;
  const unitCode = actor.unitId
    ? ((
        await ctx.db
          .selectFrom('units')
          .select('code')
          .where('commune_id', '=', actor.communeId)
          .where('id', '=', actor.unitId)
          .executeTakeFirst()
      )?.code ?? null)
    : null;
  for (const a of files) {
    const link = { page: 'assessment' as const, assessmentId: a.id };
    if (a.status === 'self_scoring') {
      const coordinates = can(actor.roles, 'criteria.coordinate');
      if (!coordinates && !unitCode) continue;
      const scored = new Set(
        (
          await ctx.db
            .selectFrom('assessment_scores')
            .select('indicator_code')
            .where('commune_id', '=', actor.communeId)
            .where('assessment_id', '=', a.id)
            .where('self_points', 'is not', null)
            .execute()
        ).map((r) => r.indicator_code),
      );
      const mine = allIndicators(a.definition as CriteriaSet).filter(
        ({ criterion, indicator }) =>
          !scored.has(indicator.code) && (coordinates || criterion.responsibleUnit === unitCode),
      );
      if (mine.length === 0) {
        // every indicator scored: the coordinator's turn to consolidate
        if (coordinates)
          out.push(
            item(s, {
              kind: 'assessment',
              key: `assessment:${a.id}`,
              title: title(a.year),
              detail: 'Các đơn vị đã chấm đủ, chờ tổng hợp',
              due: null,
              link,
            }),
          );
        continue;
      }
      out.push(
        item(s, {
          kind: 'score',
          key: `score:${a.id}`,
          title: title(a.year),
          detail: `${mine.length} chỉ tiêu chưa chấm: ${mine
            .slice(0, 6)
            .map((m) => m.indicator.code)
            .join(', ')}${mine.length > 6 ? '…' : ''}`,
          due: null,
          link,
        }),
      );
    } else if (a.status === 'returned') {
      if (!can(actor.roles, 'city.resubmit')) continue;
      const round = await ctx.db
        .selectFrom('assessment_rounds')
        .select(['request', 'requested_at'])
        .where('commune_id', '=', actor.communeId)
        .where('assessment_id', '=', a.id)
        .where('answer', 'is', null)
        .orderBy('round', 'desc')
        .executeTakeFirst();
      out.push(
        item(s, {
          kind: 'cityReturn',
          key: `cityReturn:${a.id}`,
          title: title(a.year),
          detail: `Thành phố đề nghị bổ sung${round ? ` (${formatDay(round.requested_at)}): ${excerpt(round.request, 200)}` : ''}`,
          due: null,
          link,
        }),
      );
    } else if (TURN[a.status]?.(actor)) {
      out.push(
        item(s, {
          kind: 'assessment',
          key: `assessment:${a.id}`,
          title: title(a.year),
          detail: a.status === 'approved' ? 'Lãnh đạo đã duyệt, chờ gửi thành phố' : STATUS_LABELS[a.status],
          due: null,
          link,
        }),
      );
    }
  }
  return out;
}

/** The step an open item waits for in each state. */
const NEXT_STEP: Partial<Record<FeedbackStatus, FeedbackAction>> = {
  received: 'accept',
  accepted: 'assign',
  assigned: 'draft',
  drafted: 'approve',
  approved: 'publish',
};

/**
 * Citizens' feedback waiting for the user's step (triage, the unit's draft, the leader's approval
 * or publication), and, for those who follow the whole queue (the coordinator, the leaders, MTTQ),
 * every open item due today or late.
 */
async function feedback(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  const follows = handlesAll(actor) || actor.roles.includes('supervisor');
  const unitOnly = !follows;
  if (unitOnly && !actor.unitId) return [];
  let q = ctx.db
    .selectFrom('feedback_items as i')
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'i.commune_id').onRef('u.id', '=', 'i.unit_id'),
    )
    .select([
      'i.id',
      'i.commune_id',
      'i.kind',
      'i.unit_id',
      'i.status',
      'i.deadline',
      'i.tracking_code',
      'i.content',
      'u.name as unit_name',
    ])
    .where('i.commune_id', '=', actor.communeId)
    .where('i.kind', '=', 'feedback')
    .where('i.status', 'in', OPEN_STATUSES);
  if (unitOnly) q = q.where('i.unit_id', '=', actor.unitId);
  const rows = await q.orderBy('i.deadline').execute();
  return rows
    .filter((r) => {
      const step = NEXT_STEP[r.status as FeedbackStatus];
      const mine = step !== undefined && actorMay(actor, r, step);
      return mine || (follows && r.deadline <= s.today);
    })
    .map((r) =>
      item(s, {
        kind: 'feedback',
        key: `feedback:${r.id}`,
        title: r.content,
        detail: [r.tracking_code, FEEDBACK_STATUS_LABELS[r.status as FeedbackStatus], r.unit_name]
          .filter(Boolean)
          .join(' · '),
        due: day(r.deadline),
        link: { page: 'feedback', feedbackId: r.id },
      }),
    );
}

/** Difficulties units reported, still unanswered, for those who answer them. */
async function difficulties(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  if (!can(actor.roles, 'plans.answer_difficulties')) return [];
  const rows = await ctx.db
    .selectFrom('difficulties as d')
    .innerJoin('plan_tasks as t', (j) =>
      j.onRef('t.commune_id', '=', 'd.commune_id').onRef('t.id', '=', 'd.task_id'),
    )
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'd.commune_id').onRef('u.id', '=', 'd.unit_id'),
    )
    .select(['d.id', 'd.year', 'd.content', 'd.created_at', 't.plan_id', 't.number', 'u.name as unit_name'])
    .select(countAll)
    .where('d.commune_id', '=', actor.communeId)
    .where('d.answer', 'is', null)
    .orderBy('d.created_at')
    .limit(PER_KIND)
    .execute();
  noteTotal(s, 'difficulty', rows);
  return rows.map((r) =>
    item(s, {
      kind: 'difficulty',
      key: `difficulty:${r.id}`,
      title: r.content,
      detail: `Nhiệm vụ ${r.number}${r.unit_name ? ` · ${r.unit_name}` : ''} · báo ngày ${formatDay(r.created_at)}`,
      due: null,
      link: { page: 'difficulties', planId: r.plan_id, year: r.year },
    }),
  );
}

/**
 * Villages' "Thôn văn hóa" results: a village head's own village not yet entered or not sent for
 * this year; those who review (Phòng VH-XH), every result sent and not reviewed.
 */
async function villages(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  const out: WorkItem[] = [];
  if (actor.roles.includes('village')) {
    const own = await ctx.db
      .selectFrom('village_heads as h')
      .innerJoin('villages as v', (j) =>
        j.onRef('v.commune_id', '=', 'h.commune_id').onRef('v.id', '=', 'h.village_id'),
      )
      .leftJoin('village_assessments as a', (j) =>
        j
          .onRef('a.commune_id', '=', 'h.commune_id')
          .onRef('a.village_id', '=', 'h.village_id')
          .on('a.year', '=', s.year),
      )
      .select(['v.id', 'v.name', 'a.status'])
      .where('h.commune_id', '=', actor.communeId)
      .where('h.user_id', '=', actor.userId)
      .where('v.is_active', '=', true)
      .execute();
    for (const v of own) {
      if (v.status === 'submitted' || v.status === 'reviewed') continue;
      out.push(
        item(s, {
          kind: 'village',
          key: `village:${v.id}:${s.year}`,
          title: `${v.name}: kết quả bình xét "Thôn văn hóa" năm ${s.year}`,
          detail: v.status === 'draft' ? 'Đã nhập, chưa gửi xã' : 'Chưa nhập kết quả',
          due: null,
          link: { page: 'villageAssessments', year: s.year, village: v.name },
        }),
      );
    }
  }
  if (can(actor.roles, 'villages.review')) {
    const sent = await ctx.db
      .selectFrom('village_assessments as a')
      .innerJoin('villages as v', (j) =>
        j.onRef('v.commune_id', '=', 'a.commune_id').onRef('v.id', '=', 'a.village_id'),
      )
      .select(['a.id', 'a.year', 'v.name'])
      .select(countAll)
      .where('a.commune_id', '=', actor.communeId)
      .where('a.status', '=', 'submitted')
      .orderBy('a.year')
      .orderBy('v.name')
      .limit(PER_KIND)
      .execute();
    // the village head's own villages are listed whole; the reviewer's are cut at PER_KIND
    noteTotal(s, 'village', sent);
    if (sent.length > 0) s.totals.set('village', (s.totals.get('village') ?? 0) + out.length);
    for (const a of sent)
      out.push(
        item(s, {
          kind: 'village',
          key: `village:${a.id}`,
          title: `${a.name}: kết quả bình xét "Thôn văn hóa" năm ${a.year}`,
          detail: 'Thôn đã gửi, chờ xét danh hiệu',
          due: null,
          link: { page: 'villageAssessments', year: a.year, village: a.name },
        }),
      );
  }
  return out;
}

/** Budget estimates sent for the leader's approval. */
async function budgets(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  if (!can(actor.roles, 'budget.approve')) return [];
  const rows = await ctx.db
    .selectFrom('budget_estimates as e')
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'e.commune_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .select(['e.id', 'e.year', 'e.title', 'e.submitted_at', 'u.name as unit_name'])
    .select(countAll)
    .where('e.commune_id', '=', actor.communeId)
    .where('e.status', '=', 'submitted')
    .orderBy('e.submitted_at')
    .limit(PER_KIND)
    .execute();
  noteTotal(s, 'budget', rows);
  return rows.map((r) =>
    item(s, {
      kind: 'budget',
      key: `budget:${r.id}`,
      title: r.title,
      detail: `Chờ lãnh đạo duyệt${r.unit_name ? ` · ${r.unit_name}` : ''}${r.submitted_at ? ` · gửi ngày ${formatDay(r.submitted_at)}` : ''}`,
      due: null,
      link: { page: 'budget', year: r.year },
    }),
  );
}

/** Nominations waiting for MTTQ's comment, or for the leader's decision. */
async function rewards(s: Scope): Promise<WorkItem[]> {
  const { ctx, actor } = s;
  const comments = can(actor.roles, 'rewards.comment');
  const decides = can(actor.roles, 'rewards.decide');
  if (!comments && !decides) return [];
  let q = ctx.db
    .selectFrom('rewards')
    .select(['id', 'year', 'nominee_name', 'nominee_kind', 'mttq_comment'])
    .select(countAll)
    .where('commune_id', '=', actor.communeId)
    .where('status', '=', 'nominated');
  if (!decides) q = q.where(sql<string>`trim(mttq_comment)`, '=', '');
  const rows = await q.orderBy('year').orderBy('created_at').limit(PER_KIND).execute();
  noteTotal(s, 'reward', rows);
  return rows.map((r) =>
    item(s, {
      kind: 'reward',
      key: `reward:${r.id}`,
      title: `Đề nghị khen thưởng năm ${r.year}: ${r.nominee_name}`,
      detail:
        decides && r.mttq_comment.trim()
          ? 'Chờ lãnh đạo quyết định khen thưởng'
          : decides
            ? 'Chờ lãnh đạo quyết định (MTTQ chưa cho ý kiến)'
            : 'Chờ MTTQ cho ý kiến',
      due: null,
      link: { page: 'rewards', year: r.year },
    }),
  );
}
