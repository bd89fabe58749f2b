/**
 * The criteria capability's documents of the register: the level registration letter (công văn to
 * Sở Nội vụ) and the self-assessment report, which is frozen at submission (criteria/assessments
 * act 'submit' issues it with the next BC-UBND number).
 */
import { can } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DocumentKindHandler, DocumentRow } from '../documents/kind.ts';
import { type Block, buildOfficialDocument } from '../documents/official.ts';
import { checkOnePerYear, communeReader, documentFile } from '../documents/service.ts';
import { committeeOf, dateText, KIND_WORD, placeOf, signatureLines } from '../documents/words.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { blocksFromText } from '../plans/export-docx.ts';
import { communeOf, planOfYear } from '../reports/yearly.ts';
import { viewAssessment } from './assessments.ts';
import { reportDocx, SELF_ASSESSMENT_SECTIONS } from './exports.ts';

const coordinator = (actor: { roles: string[]; communeId: string | null }) =>
  actor.communeId !== null && can(actor.roles, 'criteria.coordinate');

const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);

// ------------------------------------------------------------ the registration letter

interface LetterData {
  communeName: string;
  communeKind: 'xa' | 'phuong' | 'dac_khu';
  cityName: string;
  year: number;
  level: number;
  sentOn: string;
  planBasis: string | null;
}

async function registrationOf(db: Kysely<DB>, communeId: string, year: number) {
  return db
    .selectFrom('level_registrations')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export const registrationLetterKind: DocumentKindHandler<LetterData> = {
  kind: 'registration-letter',
  mayDraft: coordinator,
  sections: [
    {
      key: 'content',
      label: 'Nội dung đăng ký',
      hint: 'Lý do chọn mức, cam kết thực hiện; mỗi dòng một đoạn.',
    },
  ],
  async prepare(ctx, communeId, { year, replacesId }) {
    const registration = await registrationOf(ctx.db, communeId, year);
    if (!registration) {
      const message = `Xã chưa đăng ký mức độ năm ${year}; hãy đăng ký mức độ trước khi soạn văn bản đăng ký.`;
      throw badRequest(message, [{ path: 'year', message }]);
    }
    await checkOnePerYear(ctx.db, communeId, 'registration-letter', year, {
      replacesId,
      what: 'Văn bản đăng ký mức độ',
    });
    const commune = await communeOf(ctx.db, communeId);
    return {
      subject: `Đăng ký mức độ đạt chuẩn mô hình “Chính quyền thân thiện” năm ${year}`,
      recordId: registration.id,
      sections: { content: registration.justification },
      recipients: ['Như trên', `CT, các PCT UBND ${KIND_WORD[commune.kind]}`, 'Lưu: VT, VHXH'],
    };
  },
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'registration-letter', doc.year, {
      what: 'Văn bản đăng ký mức độ',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  async data(ctx, doc) {
    const [commune, registration, plan] = await Promise.all([
      communeOf(ctx.db, doc.commune_id),
      registrationOf(ctx.db, doc.commune_id, doc.year),
      planOfYear(ctx.db, doc.commune_id, doc.year),
    ]);
    if (!registration) {
      const message = `Xã chưa đăng ký mức độ năm ${doc.year}.`;
      throw badRequest(message, [{ path: 'year', message }]);
    }
    const cityPlan = plan?.legal_bases.find((b) => /kế hoạch số/iu.test(b)) ?? null;
    return {
      communeName: commune.name,
      communeKind: commune.kind,
      cityName: commune.city_name,
      year: doc.year,
      level: registration.target_level,
      sentOn: new Date(registration.sent_at).toISOString().slice(0, 10),
      planBasis: cityPlan,
    };
  },
  render(d, doc, issue, replaced) {
    const w = KIND_WORD[d.communeKind];
    const city = d.cityName.replace(/^thành phố\s+/iu, '');
    const body: Block[] = [
      ...(replaced
        ? [
            {
              kind: 'paragraph',
              italic: true,
              text: `Văn bản này thay thế văn bản số ${replaced.number} ngày ${dateText(replaced.date)} của ${committeeOf(d.communeName)}.`,
            } as Block,
          ]
        : []),
      {
        kind: 'paragraph',
        text: `Thực hiện ${d.planBasis ? d.planBasis.replace(/[;.]+$/, '') : 'Kế hoạch của Ủy ban nhân dân thành phố về triển khai thực hiện mô hình “Chính quyền thân thiện” tại xã, phường, đặc khu'}, Ủy ban nhân dân ${w} đăng ký phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ ${d.level} năm ${d.year}.`,
      },
      ...blocksFromText(doc.sections.content ?? ''),
      {
        kind: 'paragraph',
        text: `Ủy ban nhân dân ${w} kính gửi Sở Nội vụ thành phố ${city} tổng hợp, theo dõi./.`,
      },
    ];
    return buildOfficialDocument({
      issuer: ['Ủy ban nhân dân', d.communeName],
      number: issue?.number ?? null,
      symbol: doc.symbol,
      place: placeOf(d.communeName),
      date: issue?.date ?? null,
      year: d.year,
      type: 'Công văn',
      subject: doc.subject,
      body,
      recipients: doc.recipients,
      signature: { lines: signatureLines(issue?.signer.title ?? ''), name: issue?.signer.name ?? '' },
      letter: true,
      to: [`Sở Nội vụ thành phố ${city}`],
      draft: issue === null,
    });
  },
  fileName: (doc, issue) =>
    `Đăng ký mức độ năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};

// ------------------------------------------------------------ the self-assessment report

type View = Awaited<ReturnType<typeof viewAssessment>>;
interface ReportData {
  view: View;
  communeKind: 'xa' | 'phuong' | 'dac_khu';
  plan: { number: string; issuedOn: string | null; title: string } | null;
  criteriaSetIssuedBy: string;
}

async function assessmentOf(db: Kysely<DB>, communeId: string, year: number) {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The data of the report of an assessment, read now (also before the submission freezes it). */
export async function selfAssessmentData(ctx: RequestContext, assessmentId: string): Promise<ReportData> {
  const view = await viewAssessment(ctx, assessmentId);
  const [commune, plan, set] = await Promise.all([
    communeOf(ctx.db, view.communeId),
    planOfYear(ctx.db, view.communeId, view.year),
    ctx.db
      .selectFrom('criteria_sets')
      .select('issued_by')
      .where('id', '=', view.criteriaSet.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    view,
    communeKind: commune.kind,
    plan: plan ? { number: plan.number, issuedOn: day(plan.issued_on), title: plan.title } : null,
    criteriaSetIssuedBy: set.issued_by,
  };
}

export const SELF_ASSESSMENT_RECIPIENTS = ['Sở Nội vụ thành phố', 'TTĐU, TTHĐND xã', 'Lưu: VT, VHXH'];

export const selfAssessmentReportKind: DocumentKindHandler<ReportData> = {
  kind: 'self-assessment-report',
  mayDraft: coordinator,
  sections: [...SELF_ASSESSMENT_SECTIONS],
  async prepare(ctx, communeId, { year, replacesId }) {
    const assessment = await assessmentOf(ctx.db, communeId, year);
    if (!assessment) {
      const message = `Xã chưa mở hồ sơ tự đánh giá năm ${year}.`;
      throw badRequest(message, [{ path: 'year', message }]);
    }
    await checkOnePerYear(ctx.db, communeId, 'self-assessment-report', year, {
      replacesId,
      what: 'Báo cáo tự đánh giá',
    });
    const commune = await communeOf(ctx.db, communeId);
    return {
      subject: `Kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${year}`,
      recordId: assessment.id,
      sections: { results: '', shortcomings: '', proposals: '' },
      recipients: SELF_ASSESSMENT_RECIPIENTS.map((r) => r.replace(/ xã$/, ` ${KIND_WORD[commune.kind]}`)),
    };
  },
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'self-assessment-report', doc.year, {
      what: 'Báo cáo tự đánh giá',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  data: (ctx, doc) => selfAssessmentData(ctx, doc.record_id!),
  render: (d, doc, issue, replaced) =>
    reportDocx(d.view, {
      communeKind: d.communeKind,
      plan: d.plan,
      criteriaSetIssuedBy: d.criteriaSetIssuedBy,
      sections: doc.sections,
      recipients: doc.recipients,
      issue,
      replaced,
    }),
  fileName: (doc: DocumentRow, issue) =>
    `Báo cáo tự đánh giá năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};

/**
 * The self-assessment report of an assessment: the issued one (frozen at submission; the latest
 * correction if it was replaced), or, before submission, the draft rendered from today's scores.
 */
export async function assessmentReport(ctx: RequestContext, assessmentId: string) {
  const view = await viewAssessment(ctx, assessmentId);
  const issued = await ctx.db
    .selectFrom('documents as d')
    .select('d.id')
    .where('d.commune_id', '=', view.communeId)
    .where('d.kind', '=', 'self-assessment-report')
    .where('d.year', '=', view.year)
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
    .executeTakeFirst();
  if (issued) return documentFile(ctx, issued.id);
  const draft = await ctx.db
    .selectFrom('documents')
    .selectAll()
    .where('commune_id', '=', view.communeId)
    .where('kind', '=', 'self-assessment-report')
    .where('year', '=', view.year)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  const data = await selfAssessmentData(communeReader(ctx, view.communeId), assessmentId);
  const commune = await communeOf(ctx.db, view.communeId);
  return {
    name: `Báo cáo tự đánh giá ${view.year} ${view.communeName} (dự thảo).docx`,
    bytes: await reportDocx(data.view, {
      communeKind: data.communeKind,
      plan: data.plan,
      criteriaSetIssuedBy: data.criteriaSetIssuedBy,
      sections: draft?.sections ?? {},
      recipients:
        draft?.recipients ??
        SELF_ASSESSMENT_RECIPIENTS.map((r) => r.replace(/ xã$/, ` ${KIND_WORD[commune.kind]}`)),
      issue: null,
      replaced: null,
    }),
    stream: undefined,
  };
}
