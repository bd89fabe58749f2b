import {
  describeSchedule,
  EVENT_FULFILMENT_KINDS,
  FULFILMENT_KINDS,
  MAX_LEVEL,
  OCCURRENCE_STATUSES,
} from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { reminderSettingsRoutes } from './reminder-settings.ts';
import * as service from './service.ts';
import * as store from './store.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const isoDay = z.iso.date();
const UnitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

const ScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('before_date'), day: z.number().int(), month: z.number().int() }),
  z.strictObject({ kind: z.literal('within_month'), month: z.number().int() }),
  z.strictObject({ kind: z.literal('yearly') }),
  z.strictObject({ kind: z.literal('continuous') }),
  z.strictObject({ kind: z.literal('named_years'), years: z.array(z.number().int()).min(1).max(50) }),
  z.strictObject({ kind: z.literal('once'), date: isoDay }),
]);

const PlanRole = z.object({ heading: z.string(), unitId: z.uuid().nullable(), text: z.string() });
/** A unit's id, or 'all' when every unit of the commune leads the task. */
const leadUnitId = z.union(
  [z.uuid(), z.literal('all')],
  'Đơn vị chủ trì phải là một đơn vị của xã hoặc “all” (tất cả các đơn vị).',
);

const Task = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  number: z.number(),
  content: z.string(),
  schedule: z.unknown(),
  scheduleText: z.string(),
  leadUnit: UnitRef.nullable(),
  /** Led by every unit of the commune (“Các phòng, ban, cơ quan, đơn vị thuộc UBND xã”). */
  leadAllUnits: z.boolean(),
  leadName: z.string(),
  coordinatingUnits: z.array(UnitRef),
  coordinatingText: z.string(),
  addedOn: z.string(),
  isActive: z.boolean(),
  fulfilment: z.enum(FULFILMENT_KINDS).nullable(),
  fulfilmentLabel: z.string().nullable(),
});
const YearTarget = z.object({
  year: z.number(),
  level: z.number(),
  raiseLevel: z.boolean(),
  satisfaction: z.number().nullable(),
  feedbackOnTime: z.number().nullable(),
});
const PlanSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  periodFrom: z.number(),
  periodTo: z.number().nullable(),
  issuedOn: z.string().nullable(),
});
const Plan = PlanSummary.extend({
  communeId: z.uuid(),
  issuedPlace: z.string(),
  legalBases: z.array(z.string()),
  purpose: z.string(),
  requirements: z.string(),
  objectives: z.string(),
  content: z.string(),
  funding: z.string(),
  organization: z.string(),
  /** V. Tổ chức thực hiện: each unit's (or group's) role, as the plan words it. */
  roles: z.array(PlanRole),
  targets: z.array(YearTarget),
  signerTitle: z.string(),
  signerName: z.string(),
  recipients: z.array(z.string()),
  tasks: z.array(Task),
});
const Occurrence = z.object({
  taskId: z.uuid(),
  planId: z.uuid(),
  taskNumber: z.number(),
  content: z.string(),
  scheduleText: z.string(),
  year: z.number(),
  opensOn: z.string(),
  dueDate: z.string().nullable(),
  leadUnit: UnitRef.nullable(),
  leadAllUnits: z.boolean(),
  leadName: z.string(),
  coordinatingUnits: z.array(UnitRef),
  coordinatingText: z.string(),
  status: z.enum(OCCURRENCE_STATUSES),
  progress: z.number(),
  completedOn: z.string().nullable(),
  daysLeft: z.number().nullable(),
  noteCount: z.number(),
  openDifficulties: z.number(),
  /** What the task names as its fulfilment (null: completed by hand). */
  fulfilment: z.object({ kind: z.enum(FULFILMENT_KINDS), label: z.string() }).nullable(),
  /** Set when the linked work completed the occurrence: the kind, the day, the record. */
  fulfilledBy: z
    .object({ kind: z.enum(EVENT_FULFILMENT_KINDS), at: z.string(), ref: z.string().nullable() })
    .nullable(),
  /** "Hoàn thành tự động: đăng ký mức độ gửi 10/02/2026". */
  fulfilledText: z.string().nullable(),
  /** The year's figures of outreach, villages or the service centre, when the task names them. */
  figures: z.array(z.object({ label: z.string(), value: z.union([z.number(), z.string()]) })).nullable(),
  source: z.enum(['work', 'override', 'manual']).nullable(),
  override: z
    .object({
      state: z.enum(['done', 'open']),
      on: z.string().nullable(),
      reason: z.string(),
      by: z.string(),
      at: z.string().nullable(),
    })
    .nullable(),
});
const Counts = z.object({
  total: z.number(),
  done: z.number(),
  doneOnTime: z.number(),
  overdue: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
});
const Note = z.object({
  id: z.uuid(),
  year: z.number(),
  unit: UnitRef.nullable(),
  author: z.object({ id: z.string(), fullName: z.string() }),
  note: z.string(),
  progress: z.number().nullable(),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() })),
  createdAt: z.string(),
});
const Difficulty = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  taskNumber: z.number(),
  taskContent: z.string(),
  year: z.number(),
  unit: UnitRef.nullable(),
  /** The village whose head reported it (then no unit). */
  village: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  author: z.object({ id: z.string(), fullName: z.string() }),
  content: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});

const longText = optionalText(20_000);
const planFields = {
  number: optionalText(50).optional(),
  issuedPlace: optionalText(100).optional(),
  issuedOn: isoDay.nullable().optional(),
  legalBases: z.array(text(2000)).max(50).optional(),
  purpose: longText.optional(),
  requirements: longText.optional(),
  objectives: longText.optional(),
  content: longText.optional(),
  funding: longText.optional(),
  organization: longText.optional(),
  roles: z
    .array(
      z.strictObject({
        heading: text(300),
        unitId: z.uuid().nullable().optional(),
        text: optionalText(10_000),
      }),
    )
    .max(40)
    .optional(),
  targets: z
    .array(
      z.strictObject({
        year: z.number().int().min(2000).max(2100),
        level: z.number().int().min(1).max(MAX_LEVEL),
        raiseLevel: z.boolean().optional(),
        satisfaction: z.number().min(0).max(1).nullable().optional(),
        feedbackOnTime: z.number().min(0).max(1).nullable().optional(),
      }),
    )
    .max(50)
    .optional(),
  periodTo: z.number().int().min(2000).max(2100).nullable().optional(),
  signerTitle: optionalText(100).optional(),
  signerName: optionalText(100).optional(),
  recipients: z.array(text(300)).max(50).optional(),
};
const taskFields = {
  content: text(5000),
  schedule: ScheduleSchema,
  scheduleText: optionalText(200).optional(),
  leadUnitId,
  coordinatingUnitIds: z.array(z.uuid()).max(50).optional(),
  coordinatingText: optionalText(1000).optional(),
  addedOn: isoDay.optional(),
  fulfilment: z.enum(FULFILMENT_KINDS).nullable().optional(),
};

const planExample = {
  number: '25/KH-UBND',
  title: 'Kế hoạch thực hiện mô hình “Chính quyền thân thiện” năm 2027',
  periodFrom: 2027,
  periodTo: 2027,
  targets: [{ year: 2027, level: 3 }],
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Vũ Đăng Chương',
};

export function plansRoutes(app: FastifyInstance) {
  reminderSettingsRoutes(app);
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans',
      tag: 'plans',
      summary: 'Các kế hoạch của xã',
      access: 'user',
      query: z.strictObject({ communeId: z.uuid().optional() }),
      response: z.array(PlanSummary),
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        return (await store.listPlans(ctx.db, communeId)).map(service.planSummaryView);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id',
      tag: 'plans',
      summary: 'Một kế hoạch với phụ lục nhiệm vụ',
      access: 'user',
      params: idParams,
      response: Plan,
      handler: async ({ ctx, params }) => {
        const { plan, tasks, unit } = await service.loadPlan(ctx, params.id);
        return service.planView(plan, tasks, unit);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/plans',
      tag: 'plans',
      summary: 'Tạo kế hoạch',
      access: { permission: 'plans.manage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        title: text(1000),
        periodFrom: z.number().int().min(2000).max(2100),
        ...planFields,
      }),
      example: planExample,
      response: Plan,
      status: 201,
      handler: ({ ctx, body }) => service.createPlan(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/plans/:id',
      tag: 'plans',
      summary: 'Sửa kế hoạch',
      access: { permission: 'plans.manage' },
      params: idParams,
      body: z.strictObject({
        title: text(1000).optional(),
        periodFrom: z.number().int().min(2000).max(2100).optional(),
        ...planFields,
      }),
      example: { number: '25/KH-UBND', signerName: 'Vũ Đăng Chương' },
      response: Plan,
      handler: ({ ctx, params, body }) => service.updatePlan(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tasks',
      tag: 'plans',
      summary: 'Thêm nhiệm vụ vào phụ lục của kế hoạch',
      access: { permission: 'plans.manage' },
      body: z.strictObject({ planId: z.uuid(), number: z.number().int().min(1).max(1000), ...taskFields }),
      example: {
        planId: '00000000-0000-4000-8000-000000000000',
        number: 11,
        content: 'Tổ chức hội nghị đối thoại với Nhân dân về thực hiện mô hình',
        schedule: { kind: 'within_month', month: 9 },
        leadUnitId: '00000000-0000-4000-8000-000000000000',
      },
      response: Task,
      status: 201,
      handler: ({ ctx, body }) => service.createTask(ctx, body, describeSchedule),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/tasks/:id',
      tag: 'plans',
      summary: 'Sửa nhiệm vụ',
      access: { permission: 'plans.manage' },
      params: idParams,
      body: z.strictObject({
        number: z.number().int().min(1).max(1000).optional(),
        content: taskFields.content.optional(),
        schedule: ScheduleSchema.optional(),
        scheduleText: taskFields.scheduleText,
        leadUnitId: leadUnitId.optional(),
        coordinatingUnitIds: taskFields.coordinatingUnitIds,
        coordinatingText: taskFields.coordinatingText,
        addedOn: taskFields.addedOn,
        isActive: z.boolean().optional(),
        fulfilment: taskFields.fulfilment,
      }),
      example: {
        content: 'Tuyên truyền, phổ biến các văn bản về Chính quyền thân thiện',
        scheduleText: 'Hằng năm',
      },
      response: Task,
      handler: ({ ctx, params, body }) => service.updateTask(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/occurrences',
      tag: 'plans',
      summary: 'Các nhiệm vụ của kế hoạch trong một năm: hạn, trạng thái, tiến độ',
      access: 'user',
      params: idParams,
      query: z.strictObject({
        year: year.optional(),
        /** A unit (the tasks it leads or coordinates, and those every unit leads), or 'all'. */
        unitId: leadUnitId.optional(),
        status: z.enum(OCCURRENCE_STATUSES).optional(),
      }),
      response: z.array(Occurrence),
      handler: async ({ ctx, params, query }) => {
        const list = await service.planOccurrences(
          ctx,
          params.id,
          query.year ?? Number(service.today().slice(0, 4)),
        );
        return list.filter(
          (o) =>
            (!query.unitId ||
              o.leadAllUnits ||
              (query.unitId !== 'all' && o.leadUnit?.id === query.unitId) ||
              o.coordinatingUnits.some((u) => u.id === query.unitId)) &&
            (!query.status || o.status === query.status),
        );
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/occurrences/mine',
      tag: 'plans',
      summary: 'Nhiệm vụ trong năm mà đơn vị của tôi chủ trì hoặc phối hợp',
      access: 'user',
      query: z.strictObject({ year: year.optional() }),
      response: z.array(Occurrence),
      handler: ({ ctx, query }) =>
        service.myOccurrences(ctx, query.year ?? Number(service.today().slice(0, 4))),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/summary',
      tag: 'plans',
      summary: 'Số nhiệm vụ đúng hạn, quá hạn, đang làm của từng đơn vị chủ trì trong năm',
      access: 'user',
      params: idParams,
      query: z.strictObject({ year: year.optional() }),
      response: z.object({
        year: z.number(),
        /** A unit's row; the tasks every unit leads are one row with the id 'all'. */
        units: z.array(Counts.extend({ unit: UnitRef.extend({ id: z.string() }) })),
        totals: Counts,
      }),
      handler: async ({ ctx, params, query }) => {
        const y = query.year ?? Number(service.today().slice(0, 4));
        return service.summarize(await service.planOccurrences(ctx, params.id, y), y);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id/notes',
      tag: 'plans',
      summary: 'Các ghi nhận tiến độ (kèm minh chứng) của một nhiệm vụ trong năm',
      access: 'user',
      params: idParams,
      query: z.strictObject({ year: year.optional() }),
      response: z.array(Note),
      handler: ({ ctx, params, query }) =>
        service.listNotes(ctx, params.id, query.year ?? Number(service.today().slice(0, 4))),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/notes',
      tag: 'plans',
      summary: 'Báo cáo tiến độ nhiệm vụ, kèm minh chứng',
      access: 'user',
      params: idParams,
      body: z.strictObject({
        year: z.number().int().min(2000).max(2100),
        note: text(5000),
        progress: z.number().int().min(0).max(100).optional(),
        fileIds: z.array(z.uuid()).max(20).optional(),
      }),
      example: { year: 2026, note: 'Đã tổ chức hội nghị quán triệt cho cán bộ, công chức', progress: 60 },
      response: Note,
      status: 201,
      handler: ({ ctx, params, body }) => service.addNote(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/complete',
      tag: 'plans',
      summary: 'Đánh dấu hoàn thành nhiệm vụ trong năm (đơn vị chủ trì)',
      access: 'user',
      params: idParams,
      body: z.strictObject({ year: z.number().int().min(2000).max(2100), completedOn: isoDay.optional() }),
      example: { year: 2026 },
      response: Occurrence,
      handler: ({ ctx, params, body }) =>
        service.setCompleted(ctx, params.id, body.year, body.completedOn ?? service.today()),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/reopen',
      tag: 'plans',
      summary: 'Mở lại nhiệm vụ đã đánh dấu hoàn thành',
      access: 'user',
      params: idParams,
      body: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
      example: { year: 2026 },
      response: Occurrence,
      handler: ({ ctx, params, body }) => service.setCompleted(ctx, params.id, body.year, null),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/override',
      tag: 'plans',
      summary:
        'Phòng VH-XH ghi nhận thủ công (có lý do) nhiệm vụ hoàn thành theo công việc liên kết: đã xong, chưa xong, hoặc theo công việc',
      access: { permission: 'plans.manage' },
      params: idParams,
      body: z.strictObject({
        year: z.number().int().min(2000).max(2100),
        state: z.enum(['done', 'open', 'auto']),
        completedOn: isoDay.optional(),
        reason: optionalText(2000).optional(),
      }),
      example: { year: 2026, state: 'done', completedOn: '2026-02-09', reason: 'Đã gửi bản giấy ngày 09/02' },
      response: Occurrence,
      handler: ({ ctx, params, body }) => service.setOverride(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/difficulties',
      tag: 'plans',
      summary: 'Vướng mắc, khó khăn các đơn vị và các thôn báo cáo',
      access: 'user',
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: year.optional(),
        planId: z.uuid().optional(),
        answered: z.enum(['true', 'false']).optional(),
      }),
      response: z.array(Difficulty),
      handler: ({ ctx, query }) =>
        service.listDifficulties(ctx, {
          ...query,
          answered: query.answered === undefined ? undefined : query.answered === 'true',
        }),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/difficulties',
      tag: 'plans',
      summary:
        'Báo vướng mắc, khó khăn khi thực hiện một nhiệm vụ (đơn vị chủ trì, phối hợp; trưởng thôn cho thôn mình)',
      access: 'user',
      body: z.strictObject({
        taskId: z.uuid(),
        year: z.number().int().min(2000).max(2100),
        content: text(5000),
      }),
      example: {
        taskId: '00000000-0000-4000-8000-000000000000',
        year: 2026,
        content: 'Chưa có kinh phí làm pano tuyên truyền tại trụ sở',
      },
      response: Difficulty,
      status: 201,
      handler: ({ ctx, body }) => service.reportDifficulty(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/difficulties/:id/answer',
      tag: 'plans',
      summary: 'Trả lời vướng mắc (Phòng Văn hóa - Xã hội, lãnh đạo)',
      access: { permission: 'plans.answer_difficulties' },
      params: idParams,
      body: z.strictObject({ answer: text(5000) }),
      example: { answer: 'Phòng Kinh tế bố trí trong dự toán quý III.' },
      response: Difficulty,
      handler: ({ ctx, params, body }) => service.answerDifficulty(ctx, params.id, body.answer),
    }),
  );
}
