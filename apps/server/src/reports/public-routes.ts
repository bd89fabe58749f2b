/**
 * What citizens see of the commune's commitments (its public page): the plan as issued (the
 * frozen KH-UBND document), the level the city recognised each year against the plan's target,
 * this year's satisfaction against its target, and the city's official indices.
 */
import { documentNumber, normaliseTargets, objectiveSentence, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { documentFiles } from '../documents/service.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { notFound } from '../http/errors.ts';
import { defineRoute, registerRoute } from '../http/route.ts';
import { INDEX_LABELS } from '../indices/service.ts';
import * as officialIndices from '../indices/store.ts';
import { findMeasure } from '../measures/index.ts';
import { communeCodeParams, findPublicCommune } from '../public/routes.ts';
import { planOfYear } from './yearly.ts';

const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);

/** The issued plan document of the plan holding the year (not replaced), if any. */
async function issuedPlanDocument(db: Kysely<DB>, communeId: string, planId: string) {
  return db
    .selectFrom('documents as d')
    .innerJoin('files as f', (j) =>
      j.onRef('f.commune_id', '=', 'd.commune_id').onRef('f.id', '=', 'd.file_id'),
    )
    .select([
      'd.id',
      'd.number',
      'd.symbol',
      'd.issued_on',
      'd.signer_name',
      'd.signer_title',
      'f.storage_key',
      'f.size',
      'f.name',
    ])
    .where('d.commune_id', '=', communeId)
    .where('d.kind', '=', 'plan')
    .where('d.record_id', '=', planId)
    .where('d.status', '=', 'issued')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documents as r')
            .select('r.id')
            .whereRef('r.commune_id', '=', 'd.commune_id')
            .whereRef('r.replaces_id', '=', 'd.id')
            .where('r.status', '=', 'issued'),
        ),
      ),
    )
    .orderBy('d.issued_on', 'desc')
    .executeTakeFirst();
}

const PublicResults = z.object({
  year: z.number(),
  plan: z
    .object({
      title: z.string(),
      periodFrom: z.number(),
      periodTo: z.number().nullable(),
      document: z
        .object({ fullNumber: z.string(), issuedOn: z.string(), signer: z.string(), url: z.string() })
        .nullable(),
      objectives: z.array(z.object({ year: z.number(), sentence: z.string() })),
    })
    .nullable(),
  levels: z.array(
    z.object({
      year: z.number(),
      targetLevel: z.number().nullable(),
      recognisedLevel: z.number().nullable(),
      decisionNumber: z.string().nullable(),
      decisionDate: z.string().nullable(),
    }),
  ),
  satisfaction: z.object({
    index: z.number().nullable(),
    responses: z.number(),
    target: z.number().nullable(),
  }),
  indices: z.array(
    z.object({
      year: z.number(),
      kind: z.string(),
      kindLabel: z.string(),
      value: z.number(),
      decision: z.string(),
    }),
  ),
});

export function reportsPublicRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/results',
      tag: 'reports',
      summary:
        'Trang của xã cho người dân: kế hoạch đã ban hành, mức độ được công nhận từng năm, chỉ số hài lòng năm nay so với chỉ tiêu',
      access: 'public',
      params: communeCodeParams,
      response: PublicResults,
      handler: async ({ ctx, params }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const today = vietnamDate(new Date());
        const year = Number(today.slice(0, 4));
        const plan = await planOfYear(ctx.db, commune.id, year);
        const targets = plan ? normaliseTargets(plan.targets) : [];
        const [doc, assessments, satisfaction, indices] = await Promise.all([
          plan ? issuedPlanDocument(ctx.db, commune.id, plan.id) : Promise.resolve(undefined),
          ctx.db
            .selectFrom('assessments')
            .select(['year', 'recognised_level', 'decision_number', 'decision_date'])
            .where('commune_id', '=', commune.id)
            .where('status', '=', 'recognised')
            .execute(),
          findMeasure('satisfaction.index')!.compute(ctx.db, { communeId: commune.id, year, today }),
          officialIndices.forCommunes(ctx.db, [commune.id]),
        ]);
        const years = plan
          ? Array.from(
              { length: (plan.period_to ?? year) - plan.period_from + 1 },
              (_, i) => plan.period_from + i,
            )
          : [];
        const responses = satisfaction.figures.find((f) => f.label === 'Số phiếu')?.value;
        return {
          year,
          plan: plan
            ? {
                title: plan.title,
                periodFrom: plan.period_from,
                periodTo: plan.period_to,
                document: doc
                  ? {
                      fullNumber: documentNumber(doc.number!, doc.symbol),
                      issuedOn: day(doc.issued_on)!,
                      signer: `${doc.signer_title ?? ''} ${doc.signer_name ?? ''}`.trim(),
                      url: `/api/public/communes/${commune.code}/plan.docx`,
                    }
                  : null,
                objectives: targets.map((t) => ({ year: t.year, sentence: objectiveSentence(t) })),
              }
            : null,
          levels: years.map((y) => {
            const a = assessments.find((x) => x.year === y);
            return {
              year: y,
              targetLevel: targets.find((t) => t.year === y)?.level ?? null,
              recognisedLevel: a?.recognised_level ?? null,
              decisionNumber: a?.decision_number ?? null,
              decisionDate: day(a?.decision_date),
            };
          }),
          satisfaction: {
            index: satisfaction.value,
            responses: typeof responses === 'number' ? responses : 0,
            target: targets.find((t) => t.year === year)?.satisfaction ?? null,
          },
          indices: indices.map((i) => ({
            year: i.year,
            kind: i.index_kind,
            kindLabel: INDEX_LABELS[i.index_kind],
            value: i.value / 100,
            decision: i.decision,
          })),
        };
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/plan.docx',
      tag: 'reports',
      summary: 'Tải kế hoạch của xã đúng như đã ban hành (DOCX đã ký số, lưu một lần)',
      access: 'public',
      params: communeCodeParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const plan = await planOfYear(ctx.db, commune.id, Number(vietnamDate(new Date()).slice(0, 4)));
        const doc = plan ? await issuedPlanDocument(ctx.db, commune.id, plan.id) : undefined;
        if (!doc) throw notFound('Kế hoạch đã ban hành');
        reply
          .header('content-type', FILE_KINDS.docx.mime)
          .header('content-disposition', attachmentHeader(doc.name))
          .header('content-length', doc.size)
          .header('x-content-type-options', 'nosniff');
        return documentFiles(ctx).get(doc.storage_key);
      },
    }),
  );
}
