/**
 * The figures of the yearly report and the review reports (the drafts' data, every section), and
 * the commune's year at a glance. The documents themselves are drafted and issued under
 * /api/documents.
 */
import { documentNumber, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, registerRoute } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { yearGlance } from './glance.ts';
import { reviewReport } from './review.ts';
import { yearlyReport } from './yearly.ts';

const query = z.strictObject({
  communeId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const thisYear = () => Number(vietnamDate(new Date()).slice(0, 4));

/** The yearly or review report of the year in the register: the draft, else the issued one standing. */
async function reportDocument(
  ctx: Parameters<typeof yearlyReport>[0],
  communeId: string,
  kind: 'yearly-report' | 'review-report',
  year: number,
) {
  const rows = await ctx.db
    .selectFrom('documents as d')
    .select(['d.id', 'd.status', 'd.number', 'd.symbol', 'd.issued_on', 'd.sections'])
    .where('d.commune_id', '=', communeId)
    .where('d.kind', '=', kind)
    .where('d.year', '=', year)
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
    .orderBy('d.created_at', 'desc')
    .execute();
  const d = rows.find((r) => r.status === 'draft') ?? rows[0];
  return d
    ? {
        id: d.id,
        status: d.status,
        fullNumber: d.number === null ? null : documentNumber(d.number, d.symbol),
        issuedOn: d.issued_on ? String(d.issued_on).slice(0, 10) : null,
        sections: d.sections,
      }
    : null;
}

export function reportsRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/reports/yearly',
      tag: 'reports',
      summary:
        'Số liệu của báo cáo kết quả năm, từng phần (nhiệm vụ, tuyên truyền, thôn, hài lòng, phản ánh, mức độ, khen thưởng, kinh phí, vướng mắc, gương điển hình), bằng đúng số liệu các trang của bảng điều khiển',
      access: { permission: 'reports.read' },
      query,
      status: 200,
      handler: async ({ ctx, query: q }) => {
        const year = q.year ?? thisYear();
        const data = await yearlyReport(ctx, q.communeId, year);
        return { ...data, document: await reportDocument(ctx, data.communeId, 'yearly-report', year) };
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/reports/review',
      tag: 'reports',
      summary:
        'Số liệu của báo cáo sơ kết (năm 2027: 2026-2027) hoặc tổng kết (năm 2030: cả giai đoạn): bảng từng năm so với mục tiêu của kế hoạch',
      access: { permission: 'reports.read' },
      query,
      status: 200,
      handler: async ({ ctx, query: q }) => {
        const year = q.year ?? thisYear();
        const data = await reviewReport(ctx, q.communeId, year);
        return { ...data, document: await reportDocument(ctx, data.communeId, 'review-report', year) };
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/reports/glance',
      tag: 'reports',
      summary:
        'Năm của xã trong một trang: nhiệm vụ sắp đến hạn, quá hạn; mức đăng ký, hồ sơ tự đánh giá; hài lòng, phản ánh so với chỉ tiêu; mục tiêu 2026-2030',
      access: 'user',
      query,
      status: 200,
      handler: async ({ ctx, query: q }) =>
        yearGlance(ctx, await resolveCommuneId(ctx.db, ctx.actor!, q.communeId), q.year ?? thisYear()),
    }),
  );
}
