/**
 * The yearly report and the review reports as documents of the register (documents/kind.ts):
 * drafted by Phòng Văn hóa - Xã hội from the figures, one per year (a correction replaces the
 * issued one), issued with the next BC-UBND number.
 */
import { can, REVIEW_LABELS } from '@cqtt/domain';
import type { DocumentKindHandler } from '../documents/kind.ts';
import { checkOnePerYear } from '../documents/service.ts';
import { KIND_WORD } from '../documents/words.ts';
import { forbidden } from '../http/errors.ts';
import {
  REVIEW_SECTIONS,
  reportRecipients,
  reviewReportDocx,
  YEARLY_SECTIONS,
  yearlyReportDocx,
} from './docx.ts';
import { type ReviewReportData, reviewOf, reviewReport } from './review.ts';
import { communeOf, type YearlyReportData, yearlyReport } from './yearly.ts';

const coordinator = (actor: { roles: string[]; communeId: string | null }) =>
  actor.communeId !== null && can(actor.roles, 'criteria.coordinate');

const blank = (keys: readonly { key: string }[]) => Object.fromEntries(keys.map((k) => [k.key, '']));

export const yearlyReportKind: DocumentKindHandler<YearlyReportData> = {
  kind: 'yearly-report',
  mayDraft: coordinator,
  sections: [...YEARLY_SECTIONS],
  async prepare(ctx, communeId, { year, replacesId }) {
    await checkOnePerYear(ctx.db, communeId, 'yearly-report', year, { replacesId, what: 'Báo cáo kết quả' });
    const commune = await communeOf(ctx.db, communeId);
    return {
      subject: `Kết quả triển khai thực hiện mô hình “Chính quyền thân thiện” năm ${year}`,
      recordId: null,
      sections: blank(YEARLY_SECTIONS),
      recipients: reportRecipients(commune.kind),
    };
  },
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'yearly-report', doc.year, {
      what: 'Báo cáo kết quả',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  data: (ctx, doc) => yearlyReport(ctx, doc.commune_id, doc.year),
  render: (data, doc, issue, replaced) =>
    yearlyReportDocx(data, {
      sections: doc.sections,
      issue,
      replaced,
      subject: doc.subject,
      recipients: doc.recipients,
    }),
  fileName: (doc, issue) =>
    `Báo cáo kết quả năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};

export const reviewReportKind: DocumentKindHandler<ReviewReportData> = {
  kind: 'review-report',
  mayDraft: coordinator,
  sections: [...REVIEW_SECTIONS],
  async prepare(ctx, communeId, { year, replacesId }) {
    const { review } = await reviewOf(ctx.db, communeId, year);
    await checkOnePerYear(ctx.db, communeId, 'review-report', year, {
      replacesId,
      what: `Báo cáo ${REVIEW_LABELS[review.kind].toLocaleLowerCase('vi-VN')}`,
    });
    const commune = await communeOf(ctx.db, communeId);
    const word = review.kind === 'so_ket' ? 'Sơ kết' : 'Tổng kết';
    return {
      subject: `${word} ${review.toYear - review.fromYear + 1} năm (${review.fromYear}-${review.toYear}) triển khai thực hiện mô hình “Chính quyền thân thiện” trên địa bàn ${KIND_WORD[commune.kind]}`,
      recordId: null,
      sections: blank(REVIEW_SECTIONS),
      recipients: reportRecipients(commune.kind),
    };
  },
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'review-report', doc.year, {
      what: 'Báo cáo sơ kết, tổng kết',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  async data(ctx, doc) {
    if (!ctx.actor) throw forbidden();
    return reviewReport(ctx, doc.commune_id, doc.year);
  },
  render: (data, doc, issue, replaced) =>
    reviewReportDocx(data, {
      sections: doc.sections,
      issue,
      replaced,
      subject: doc.subject,
      recipients: doc.recipients,
    }),
  fileName: (doc, issue) =>
    `Báo cáo sơ kết, tổng kết năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};
