import {
  type FulfilmentKind,
  parseIsoDate,
  type Schedule,
  type StoredTarget,
  scheduleProblem,
  targetsProblem,
} from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import { columnIfDefined } from '../db/columns.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { today } from './occurrences.ts';
import * as store from './store.ts';
import { planView, taskView, unitMap } from './views.ts';

/** Writing plans and their tasks (plans.manage). */
export async function loadPlan(ctx: RequestContext, id: string) {
  const plan = await store.findPlan(ctx.db, ctx.actor!, id);
  if (!plan) throw notFound('Kế hoạch');
  const [tasks, units] = await Promise.all([
    store.tasksOfPlan(ctx.db, plan.commune_id, plan.id),
    store.unitsOf(ctx.db, plan.commune_id),
  ]);
  return { plan, tasks, unit: unitMap(units) };
}

export interface PlanInput {
  communeId?: string;
  number?: string;
  title?: string;
  issuedPlace?: string;
  issuedOn?: string | null;
  legalBases?: string[];
  purpose?: string;
  requirements?: string;
  objectives?: string;
  content?: string;
  funding?: string;
  organization?: string;
  roles?: Array<{ heading: string; unitId?: string | null | undefined; text: string }>;
  targets?: StoredTarget[];
  periodFrom?: number;
  periodTo?: number | null;
  signerTitle?: string;
  signerName?: string;
  recipients?: string[];
}

function planColumns(input: PlanInput) {
  return {
    ...columnIfDefined(input.number, 'number'),
    ...columnIfDefined(input.title, 'title'),
    ...columnIfDefined(input.issuedPlace, 'issued_place'),
    ...columnIfDefined(input.issuedOn, 'issued_on'),
    ...columnIfDefined(input.legalBases, 'legal_bases'),
    ...columnIfDefined(input.purpose, 'purpose'),
    ...columnIfDefined(input.requirements, 'requirements'),
    ...columnIfDefined(input.objectives, 'objectives'),
    ...columnIfDefined(input.content, 'content'),
    ...columnIfDefined(input.funding, 'funding'),
    ...columnIfDefined(input.organization, 'organization'),
    ...columnIfDefined(
      input.roles === undefined
        ? undefined
        : JSON.stringify(
            input.roles.map((r) => ({ heading: r.heading, unitId: r.unitId ?? null, text: r.text })),
          ),
      'roles',
    ),
    ...columnIfDefined(input.targets === undefined ? undefined : JSON.stringify(input.targets), 'targets'),
    ...columnIfDefined(input.periodFrom, 'period_from'),
    ...columnIfDefined(input.periodTo, 'period_to'),
    ...columnIfDefined(input.signerTitle, 'signer_title'),
    ...columnIfDefined(input.signerName, 'signer_name'),
    ...columnIfDefined(input.recipients, 'recipients'),
  };
}

/** Each role's unit, when it names one, is a unit of the plan's commune. */
async function checkRoles(ctx: RequestContext, communeId: string, roles: PlanInput['roles']) {
  const ids = [...new Set((roles ?? []).flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  if (ids.length === 0) return;
  const found = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', 'in', ids)
    .execute();
  const known = new Set(found.map((u) => u.id));
  const i = (roles ?? []).findIndex((r) => r.unitId && !known.has(r.unitId));
  if (i >= 0) {
    const message = 'Đơn vị không thuộc xã, phường, đặc khu của kế hoạch.';
    throw badRequest(message, [{ path: `roles.${i}.unitId`, message }]);
  }
}

function checkPeriod(from: number, to: number | null, targets: StoredTarget[]) {
  if (to !== null && to < from) {
    const message = 'Năm kết thúc phải từ năm bắt đầu trở đi.';
    throw badRequest(message, [{ path: 'periodTo', message }]);
  }
  const problem = targetsProblem(targets, { fromYear: from, toYear: to });
  if (problem) throw badRequest(problem.message, [problem]);
}

export async function createPlan(
  ctx: RequestContext,
  input: PlanInput & { title: string; periodFrom: number },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  checkPeriod(input.periodFrom, input.periodTo ?? null, input.targets ?? []);
  await checkRoles(ctx, communeId, input.roles);
  return audited(ctx, async (trx) => {
    const plan = await trx
      .insertInto('plans')
      .values({
        commune_id: communeId,
        ...(planColumns(input) as { title: string; period_from: number }),
        created_by: ctx.actor!.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const units = unitMap(await store.unitsOf(trx, communeId));
    return {
      result: planView(plan, [], units),
      audit: { action: 'plans.create', entityType: 'plan', entityId: plan.id, communeId, after: plan },
    };
  });
}

export async function updatePlan(ctx: RequestContext, id: string, input: PlanInput) {
  const before = await store.findPlan(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Kế hoạch');
  const from = input.periodFrom ?? before.period_from;
  const to = input.periodTo === undefined ? before.period_to : input.periodTo;
  checkPeriod(from, to, input.targets ?? before.targets);
  await checkRoles(ctx, before.commune_id, input.roles);
  return audited(ctx, async (trx) => {
    const plan = await trx
      .updateTable('plans')
      .set({ ...planColumns(input), updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [tasks, units] = await Promise.all([
      store.tasksOfPlan(trx, plan.commune_id, plan.id),
      store.unitsOf(trx, plan.commune_id),
    ]);
    return {
      result: planView(plan, tasks, unitMap(units)),
      audit: {
        action: 'plans.update',
        entityType: 'plan',
        entityId: id,
        communeId: plan.commune_id,
        before,
        after: plan,
      },
    };
  });
}

export interface TaskInput {
  planId?: string;
  number?: number;
  content?: string;
  schedule?: Schedule;
  scheduleText?: string;
  /** A unit's id, or 'all': every unit of the commune leads. */
  leadUnitId?: string;
  coordinatingUnitIds?: string[];
  coordinatingText?: string;
  addedOn?: string;
  isActive?: boolean;
  fulfilment?: FulfilmentKind | null;
}

async function checkTask(
  ctx: RequestContext,
  communeId: string,
  plan: { period_from: number; period_to: number | null },
  input: TaskInput,
) {
  if (input.schedule) {
    const problem = scheduleProblem(input.schedule);
    if (problem) throw badRequest(problem, [{ path: 'schedule', message: problem }]);
    if (input.schedule.kind === 'once') {
      const year = Number(input.schedule.date.slice(0, 4));
      if (year < plan.period_from || (plan.period_to !== null && year > plan.period_to)) {
        const message = `Ngày thực hiện nằm ngoài giai đoạn ${plan.period_from}-${plan.period_to ?? '…'} của kế hoạch.`;
        throw badRequest(message, [{ path: 'schedule', message }]);
      }
    }
  }
  if (input.addedOn !== undefined && !parseIsoDate(input.addedOn)) {
    const message = `Ngày ${input.addedOn} không có trong lịch.`;
    throw badRequest(message, [{ path: 'addedOn', message }]);
  }
  const lead = input.leadUnitId === 'all' ? undefined : input.leadUnitId;
  const unitIds = [...(lead ? [lead] : []), ...(input.coordinatingUnitIds ?? [])];
  if (unitIds.length > 0) {
    const found = await ctx.db
      .selectFrom('units')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('id', 'in', unitIds)
      .execute();
    const known = new Set(found.map((u) => u.id));
    const missing = unitIds.find((id) => !known.has(id));
    if (missing) {
      const path = missing === input.leadUnitId ? 'leadUnitId' : 'coordinatingUnitIds';
      const message = 'Đơn vị không thuộc xã, phường, đặc khu của kế hoạch.';
      throw badRequest(message, [{ path, message }]);
    }
  }
}

function taskColumns(input: TaskInput) {
  return {
    ...columnIfDefined(input.number, 'number'),
    ...columnIfDefined(input.content, 'content'),
    ...columnIfDefined(input.schedule === undefined ? undefined : JSON.stringify(input.schedule), 'schedule'),
    ...columnIfDefined(input.scheduleText, 'schedule_text'),
    ...columnIfDefined(input.leadUnitId === 'all' ? null : input.leadUnitId, 'lead_unit_id'),
    ...columnIfDefined(
      input.leadUnitId === undefined ? undefined : input.leadUnitId === 'all',
      'lead_all_units',
    ),
    ...columnIfDefined(input.coordinatingUnitIds, 'coordinating_unit_ids'),
    ...columnIfDefined(input.coordinatingText, 'coordinating_text'),
    ...columnIfDefined(input.addedOn, 'added_on'),
    ...columnIfDefined(input.isActive, 'is_active'),
    ...columnIfDefined(input.fulfilment, 'fulfilment'),
  };
}

export async function createTask(
  ctx: RequestContext,
  input: TaskInput & {
    planId: string;
    number: number;
    content: string;
    schedule: Schedule;
    leadUnitId: string;
  },
  describe: (s: Schedule) => string,
) {
  const plan = await store.findPlan(ctx.db, ctx.actor!, input.planId);
  if (!plan) throw notFound('Kế hoạch');
  await checkTask(ctx, plan.commune_id, plan, input);
  return audited(ctx, async (trx) => {
    const task = await trx
      .insertInto('plan_tasks')
      .values({
        commune_id: plan.commune_id,
        plan_id: plan.id,
        ...(taskColumns(input) as {
          number: number;
          content: string;
          schedule: string;
          lead_unit_id: string | null;
        }),
        schedule_text: input.scheduleText || describe(input.schedule),
        added_on: input.addedOn ?? today(),
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: taskView(task, unitMap(await store.unitsOf(trx, plan.commune_id))),
      audit: {
        action: 'tasks.create',
        entityType: 'task',
        entityId: task.id,
        communeId: plan.commune_id,
        after: task,
      },
    };
  });
}

export async function updateTask(ctx: RequestContext, id: string, input: TaskInput) {
  const before = await store.findTask(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Nhiệm vụ');
  await checkTask(ctx, before.commune_id, before, input);
  return audited(ctx, async (trx) => {
    const { period_from: _f, period_to: _t, ...beforeRow } = before;
    const task = await trx
      .updateTable('plan_tasks')
      .set({ ...taskColumns(input), updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: taskView(task, unitMap(await store.unitsOf(trx, task.commune_id))),
      audit: {
        action: 'tasks.update',
        entityType: 'task',
        entityId: id,
        communeId: task.commune_id,
        before: beforeRow,
        after: task,
      },
    };
  });
}
