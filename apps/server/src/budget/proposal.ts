/**
 * The proposal to the city (tờ trình đề xuất bố trí kinh phí, TTr-UBND): the lines of the year's
 * estimate funded by the city budget, drafted by Phòng Kinh tế (or Phòng VH-XH), issued with the
 * next TTr-UBND number. Task 8 of the plan is fulfilled by it.
 */
import { can, formatVnd } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DocumentKindHandler } from '../documents/kind.ts';
import { type Block, buildOfficialDocument } from '../documents/official.ts';
import { checkOnePerYear } from '../documents/service.ts';
import {
  committeeOf,
  dateText,
  KIND_WORD,
  lowerFirst,
  placeOf,
  referenceDate,
  signatureLines,
} from '../documents/words.ts';
import { badRequest } from '../http/errors.ts';
import { blocksFromText } from '../plans/export-docx.ts';
import { communeOf, planOfYear } from '../reports/yearly.ts';
import { proposeCityLines } from './city-funds.ts';

/** The unit that asks the city for funds (Phòng Kinh tế). */
export const ECONOMY_UNIT = 'KT';

interface ProposalData {
  communeName: string;
  communeKind: 'xa' | 'phuong' | 'dac_khu';
  cityName: string;
  year: number;
  plan: { number: string; issuedOn: string | null; title: string } | null;
  estimate: { title: string; status: string; decidedOn: string | null };
  lines: { number: number; content: string; amount: number; note: string }[];
}

async function estimateOf(db: Kysely<DB>, communeId: string, year: number) {
  const estimate = await db
    .selectFrom('budget_estimates')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!estimate) return null;
  const lines = await db
    .selectFrom('budget_lines')
    .select(['id', 'number', 'content', 'amount', 'note'])
    .where('commune_id', '=', communeId)
    .where('estimate_id', '=', estimate.id)
    .where('source', '=', 'city')
    .orderBy('number')
    .execute();
  return { estimate, lines };
}

function refusal(year: number, found: Awaited<ReturnType<typeof estimateOf>>) {
  if (!found) return `Xã chưa lập dự toán kinh phí năm ${year}.`;
  if (found.lines.length === 0)
    return `Dự toán kinh phí năm ${year} chưa có dòng nào đề nghị ngân sách thành phố bố trí.`;
  return null;
}

export const budgetProposalKind: DocumentKindHandler<ProposalData> = {
  kind: 'budget-proposal',
  mayDraft: (actor, unitCode) =>
    actor.communeId !== null &&
    (can(actor.roles, 'criteria.coordinate') ||
      (can(actor.roles, 'documents.draft') && actor.roles.includes('focal') && unitCode === ECONOMY_UNIT)),
  sections: [
    {
      key: 'reason',
      label: 'Sự cần thiết',
      hint: 'Vì sao xã cần ngân sách thành phố bố trí các khoản này.',
    },
  ],
  async prepare(ctx, communeId, { year, replacesId }) {
    const found = await estimateOf(ctx.db, communeId, year);
    const problem = refusal(year, found);
    if (problem) throw badRequest(problem, [{ path: 'year', message: problem }]);
    await checkOnePerYear(ctx.db, communeId, 'budget-proposal', year, {
      replacesId,
      what: 'Tờ trình đề xuất kinh phí',
    });
    const commune = await communeOf(ctx.db, communeId);
    return {
      subject: `Đề xuất bố trí kinh phí thực hiện mô hình “Chính quyền thân thiện” năm ${year}`,
      recordId: found!.estimate.id,
      sections: { reason: '' },
      recipients: [
        'Như trên',
        'Sở Tài chính',
        'Sở Nội vụ',
        `CT, các PCT UBND ${KIND_WORD[commune.kind]}`,
        'Lưu: VT, KT',
      ],
    };
  },
  // issuing the tờ trình proposes the year's city lines to the city (budget/city-funds.ts)
  afterIssue: (trx, doc) => proposeCityLines(trx, doc),
  async checkIssue(trx, doc) {
    await checkOnePerYear(trx, doc.commune_id, 'budget-proposal', doc.year, {
      what: 'Tờ trình đề xuất kinh phí',
      exceptId: doc.id,
      replacesId: doc.replaces_id,
    });
  },
  async data(ctx, doc) {
    const [commune, plan, found] = await Promise.all([
      communeOf(ctx.db, doc.commune_id),
      planOfYear(ctx.db, doc.commune_id, doc.year),
      estimateOf(ctx.db, doc.commune_id, doc.year),
    ]);
    const problem = refusal(doc.year, found);
    if (problem) throw badRequest(problem, [{ path: 'year', message: problem }]);
    return {
      communeName: commune.name,
      communeKind: commune.kind,
      cityName: commune.city_name,
      year: doc.year,
      plan: plan
        ? {
            number: plan.number,
            issuedOn: plan.issued_on ? String(plan.issued_on).slice(0, 10) : null,
            title: plan.title,
          }
        : null,
      estimate: {
        title: found!.estimate.title,
        status: found!.estimate.status,
        decidedOn: found!.estimate.decided_at
          ? new Date(found!.estimate.decided_at).toISOString().slice(0, 10)
          : null,
      },
      lines: found!.lines.map((l) => ({
        number: l.number,
        content: l.content,
        amount: Number(l.amount),
        note: l.note,
      })),
    };
  },
  render(d, doc, issue, replaced) {
    const w = KIND_WORD[d.communeKind];
    const total = d.lines.reduce((a, l) => a + l.amount, 0);
    const city = d.cityName.replace(/^thành phố\s+/iu, '');
    const body: Block[] = [
      ...(replaced
        ? [
            {
              kind: 'paragraph',
              italic: true,
              text: `Tờ trình này thay thế Tờ trình số ${replaced.number} ngày ${dateText(replaced.date)} của ${committeeOf(d.communeName)}.`,
            } as Block,
          ]
        : []),
      ...(d.plan
        ? [
            {
              kind: 'paragraph',
              text: `Căn cứ Kế hoạch${d.plan.number.trim() ? ` số ${d.plan.number.trim()}` : ''}${d.plan.issuedOn ? ` ngày ${referenceDate(d.plan.issuedOn)}` : ''} của Ủy ban nhân dân ${w} về ${lowerFirst(d.plan.title.replace(/^kế hoạch\s+/iu, ''))};`,
            } as Block,
          ]
        : []),
      {
        kind: 'paragraph',
        text: `Căn cứ ${lowerFirst(d.estimate.title)}${d.estimate.decidedOn ? ` được Chủ tịch Ủy ban nhân dân ${w} phê duyệt ngày ${dateText(d.estimate.decidedOn)}` : ''},`,
      },
      {
        kind: 'paragraph',
        text: `Ủy ban nhân dân ${w} kính trình Ủy ban nhân dân thành phố xem xét, bố trí kinh phí từ ngân sách thành phố năm ${d.year} để thực hiện mô hình “Chính quyền thân thiện” trên địa bàn ${w}, cụ thể như sau:`,
      },
      { kind: 'heading', text: '1. Sự cần thiết' },
      ...(blocksFromText(doc.sections.reason ?? '').length
        ? blocksFromText(doc.sections.reason ?? '')
        : [{ kind: 'paragraph', text: '(Phòng Kinh tế viết phần này)', italic: true } as Block]),
      { kind: 'heading', text: '2. Nội dung đề xuất' },
      ...d.lines.map(
        (l, i): Block => ({
          kind: 'paragraph',
          text: `${String.fromCharCode(97 + (i % 26))}) ${l.content.replace(/[.;\s]+$/, '')}: ${formatVnd(l.amount)}.`,
        }),
      ),
      {
        kind: 'paragraph',
        bold: true,
        text: `Tổng kinh phí đề nghị ngân sách thành phố bố trí: ${formatVnd(total)} (chi tiết tại Phụ lục kèm theo).`,
      },
      {
        kind: 'paragraph',
        text: `Ủy ban nhân dân ${w} kính trình Ủy ban nhân dân thành phố ${city} xem xét, quyết định./.`,
      },
    ];
    return buildOfficialDocument({
      issuer: ['Ủy ban nhân dân', d.communeName],
      number: issue?.number ?? null,
      symbol: doc.symbol,
      place: placeOf(d.communeName),
      date: issue?.date ?? null,
      year: d.year,
      type: 'Tờ trình',
      subject: doc.subject,
      to: [`Ủy ban nhân dân thành phố ${city}`],
      body,
      recipients: doc.recipients,
      signature: { lines: signatureLines(issue?.signer.title ?? ''), name: issue?.signer.name ?? '' },
      draft: issue === null,
      appendices: [
        {
          title: 'Phụ lục kinh phí đề nghị ngân sách thành phố bố trí',
          subtitle: `Năm ${d.year} — ${d.communeName}`,
          note: `(Kèm theo Tờ trình số ${issue ? issue.number : `     /${doc.symbol}`} ngày ${referenceDate(issue?.date, d.year)} của ${committeeOf(d.communeName)})`,
          table: {
            columns: [
              { header: 'STT', width: 7, align: 'center' },
              { header: 'Nội dung', width: 55 },
              { header: 'Số tiền (đồng)', width: 18, align: 'center' },
              { header: 'Ghi chú', width: 20, align: 'left' },
            ],
            rows: [
              ...d.lines.map((l, i) => [
                String(i + 1),
                l.content,
                formatVnd(l.amount).replace(/\s*đ$/, ''),
                l.note,
              ]),
              ['', 'TỔNG CỘNG', formatVnd(total).replace(/\s*đ$/, ''), ''],
            ],
          },
        },
      ],
    });
  },
  fileName: (doc, issue) =>
    `Tờ trình kinh phí năm ${doc.year}${issue ? ` ${issue.number.replace('/', '-')}` : ' (dự thảo)'}.docx`,
};
