/**
 * Downloads of a plan: the document (DOCX, Nghị định 30/2020) and a year's
 * task status (XLSX). Any signed-in user who can see the plan may download;
 * another commune's plan answers 404 like everywhere else.
 */
import { allUnitsLead, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { notFound } from '../http/errors.ts';
import { type Actor, defineRoute, idParams, registerRoute } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import { type PlanExportData, planDocx, planFileName } from './export-docx.ts';
import { occurrencesXlsx } from './export-xlsx.ts';
import { occurrences } from './occurrences.ts';
import { rolesOf } from './views.ts';

export async function loadPlan(db: Kysely<DB>, actor: Actor, id: string) {
  const plan = await db
    .selectFrom('plans')
    .innerJoin('communes', 'communes.id', 'plans.commune_id')
    .selectAll('plans')
    .select(['communes.name as commune_name', 'communes.kind as commune_kind'])
    .where('plans.id', '=', id)
    .where('plans.commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
  if (!plan) throw notFound('Kế hoạch');
  const [tasks, units] = await Promise.all([
    db
      .selectFrom('plan_tasks')
      .selectAll()
      .where('commune_id', '=', plan.commune_id)
      .where('plan_id', '=', plan.id)
      .where('is_active', '=', true)
      .orderBy('number')
      .execute(),
    db.selectFrom('units').select(['id', 'name']).where('commune_id', '=', plan.commune_id).execute(),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return { plan, tasks, unitName };
}

type Loaded = Awaited<ReturnType<typeof loadPlan>>;

/** Dates come back as 'YYYY-MM-DD' strings or as Date objects depending on the driver. */
function isoDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return vietnamDate(value);
  return String(value).slice(0, 10);
}

export function exportData({ plan, tasks, unitName }: Loaded): PlanExportData {
  return {
    commune: { name: plan.commune_name, kind: plan.commune_kind },
    plan: {
      number: plan.number,
      title: plan.title,
      issuedPlace: plan.issued_place,
      issuedOn: isoDay(plan.issued_on),
      legalBases: plan.legal_bases,
      purpose: plan.purpose,
      requirements: plan.requirements,
      objectives: plan.objectives,
      content: plan.content,
      funding: plan.funding,
      organization: plan.organization,
      roles: rolesOf(plan.roles).map((r) => ({ heading: r.heading, text: r.text })),
      targets: plan.targets,
      periodFrom: plan.period_from,
      periodTo: plan.period_to,
      signerTitle: plan.signer_title,
      signerName: plan.signer_name,
      recipients: plan.recipients,
    },
    tasks: tasks.map((t) => ({
      number: t.number,
      content: t.content,
      scheduleText: t.schedule_text,
      leadUnit:
        t.lead_all_units || t.lead_unit_id === null
          ? allUnitsLead(plan.commune_kind)
          : (unitName.get(t.lead_unit_id) ?? ''),
      coordinatingText: t.coordinating_text,
      coordinatingUnits: t.coordinating_unit_ids.map((id) => unitName.get(id) ?? '').filter(Boolean),
    })),
  };
}

export function planExportRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/export.docx',
      tag: 'plans',
      summary: 'Tải kế hoạch dạng Word (DOCX) theo thể thức Nghị định 30/2020/NĐ-CP, kèm phụ lục nhiệm vụ',
      access: 'user',
      params: idParams,
      // the handler returns the bytes, which registerRoute sends with this status
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const data = exportData(await loadPlan(ctx.db, ctx.actor!, params.id));
        const bytes = await planDocx(data);
        reply
          .header('content-type', FILE_KINDS.docx.mime)
          .header('content-disposition', attachmentHeader(planFileName(data, 'docx')))
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/occurrences.xlsx',
      tag: 'plans',
      summary: 'Tải tình hình thực hiện nhiệm vụ của một năm dạng Excel (XLSX); mặc định năm hiện tại',
      access: 'user',
      params: idParams,
      query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      status: 200,
      handler: async ({ ctx, params, query, reply }) => {
        const loaded = await loadPlan(ctx.db, ctx.actor!, params.id);
        const today = vietnamDate(new Date());
        const year = query.year ?? Number(today.slice(0, 4));
        const rows = await occurrences(
          ctx.db,
          loaded.plan.commune_id,
          loaded.tasks.map((t) => ({
            ...t,
            period_from: loaded.plan.period_from,
            period_to: loaded.plan.period_to,
          })),
          year,
          today,
        );
        const bytes = await occurrencesXlsx({
          communeName: loaded.plan.commune_name,
          planTitle: loaded.plan.title,
          year,
          today,
          rows,
        });
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header(
            'content-disposition',
            attachmentHeader(`Tiến độ nhiệm vụ năm ${year} - ${loaded.plan.commune_name}.xlsx`),
          )
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
}
