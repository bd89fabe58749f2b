/**
 * The plan as a document of the register (KH-UBND): issuing it gives the plan its number and date,
 * and the signed DOCX is kept as issued. The public page of the commune offers that file.
 */
import { can } from '@cqtt/domain';
import type { DocumentKindHandler } from '../documents/kind.ts';
import { checkOnePerYear } from '../documents/service.ts';
import { badRequest } from '../http/errors.ts';
import { type PlanExportData, planDocx, planSubject } from './export-docx.ts';
import { exportData, loadPlan } from './export-routes.ts';

export const planDocumentKind: DocumentKindHandler<PlanExportData> = {
  kind: 'plan',
  mayDraft: (actor) => actor.communeId !== null && can(actor.roles, 'plans.manage'),
  sections: [],
  async prepare(ctx, communeId, { year, recordId, replacesId }) {
    let q = ctx.db.selectFrom('plans').selectAll().where('commune_id', '=', communeId);
    q = recordId
      ? q.where('id', '=', recordId)
      : q
          .where('period_from', '<=', year)
          .where((eb) => eb.or([eb('period_to', 'is', null), eb('period_to', '>=', year)]))
          .orderBy('period_from', 'desc');
    const plan = await q.executeTakeFirst();
    if (!plan) {
      const message = recordId
        ? 'Kế hoạch không tồn tại hoặc không thuộc xã này.'
        : `Xã chưa có kế hoạch của năm ${year}.`;
      throw badRequest(message, [{ path: 'recordId', message }]);
    }
    await checkOnePerYear(ctx.db, communeId, 'plan', year, { replacesId, what: 'Kế hoạch' });
    return {
      subject: planSubject(plan.title),
      recordId: plan.id,
      sections: {},
      recipients: plan.recipients,
    };
  },
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'plan', doc.year, {
      what: 'Kế hoạch',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  async data(ctx, doc) {
    return exportData(await loadPlan(ctx.db, ctx.actor!, doc.record_id!));
  },
  render(data, doc, issue) {
    return planDocx(
      {
        ...data,
        plan: {
          ...data.plan,
          recipients: doc.recipients,
          number: issue?.number ?? '',
          issuedOn: issue?.date ?? null,
          signerName: issue?.signer.name ?? data.plan.signerName,
          signerTitle: issue?.signer.title ?? data.plan.signerTitle,
        },
      },
      { draft: issue === null },
    );
  },
  async afterIssue(trx, doc, issue) {
    await trx
      .updateTable('plans')
      .set({
        number: issue.number,
        issued_on: issue.date,
        signer_name: issue.signer.name,
        signer_title: issue.signer.title.toLocaleUpperCase('vi-VN'),
        updated_at: new Date(),
      })
      .where('commune_id', '=', doc.commune_id)
      .where('id', '=', doc.record_id!)
      .execute();
  },
  fileName: (doc, issue) =>
    `Kế hoạch năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};
