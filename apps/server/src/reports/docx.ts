/**
 * The yearly report and the review reports as the commune issues them (Nghị định 30/2020):
 * I. Công tác chỉ đạo, triển khai; II. Kết quả thực hiện (from the figures); III. Đánh giá chung,
 * IV. Phương hướng, V. Đề xuất, kiến nghị (written by people); appendices of the tasks and, for a
 * review, of the years against the plan's objectives.
 */
import {
  formatPoints,
  LEVEL_LABELS,
  OCCURRENCE_STATUS_LABELS,
  percentText,
  toHundredths,
} from '@cqtt/domain';
import type { IssueFacts, Replaced } from '../documents/kind.ts';
import { type Appendix, type Block, buildOfficialDocument } from '../documents/official.ts';
import {
  attachedTo,
  committeeOf,
  dateText,
  KIND_WORD,
  lowerFirst,
  money,
  pct,
  placeOf,
  referenceDate,
  signatureLines,
  VILLAGE_WORD,
} from '../documents/words.ts';
import { blocksFromText } from '../plans/export-docx.ts';
import type { ReviewReportData } from './review.ts';
import type { YearlyReportData } from './yearly.ts';

export const YEARLY_SECTIONS = [
  { key: 'results', label: 'Ưu điểm, kết quả nổi bật', hint: 'Phần III.1 của báo cáo.' },
  { key: 'shortcomings', label: 'Tồn tại, hạn chế', hint: 'Phần III.2.' },
  { key: 'causes', label: 'Nguyên nhân', hint: 'Phần III.3: nguyên nhân khách quan, chủ quan.' },
  { key: 'nextTasks', label: 'Phương hướng, nhiệm vụ thời gian tới', hint: 'Phần IV.' },
  { key: 'proposals', label: 'Đề xuất, kiến nghị', hint: 'Phần V: với thành phố, Sở Nội vụ.' },
] as const;

export const REVIEW_SECTIONS = [
  YEARLY_SECTIONS[0],
  YEARLY_SECTIONS[1],
  YEARLY_SECTIONS[2],
  { key: 'lessons', label: 'Bài học kinh nghiệm', hint: 'Phần III.4.' },
  YEARLY_SECTIONS[3],
  YEARLY_SECTIONS[4],
] as const;

const RECIPIENTS = ['Sở Nội vụ thành phố', 'TTĐU, TTHĐND xã', 'CT, các PCT UBND xã', 'Lưu: VT, VHXH'];

export function reportRecipients(kind: 'xa' | 'phuong' | 'dac_khu'): string[] {
  const w = KIND_WORD[kind];
  return RECIPIENTS.map((r) => r.replace(/ xã$/, ` ${w}`));
}

const para = (text: string, extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({
  kind: 'paragraph',
  text,
  ...extra,
});
const heading = (text: string): Block => ({ kind: 'heading', text });
const pts = (n: number | null) => (n === null ? '—' : formatPoints(toHundredths(n) ?? 0));

/** A narrative part written by people; a placeholder line while empty. */
function narrative(text: string | undefined, placeholder: string): Block[] {
  const blocks = blocksFromText(text ?? '');
  return blocks.length ? blocks : [para(placeholder, { italic: true })];
}

function planReference(d: YearlyReportData): string {
  const w = KIND_WORD[d.communeKind];
  if (!d.plan) return `Thực hiện mô hình “Chính quyền thân thiện” trên địa bàn ${w}`;
  const number = d.plan.number.trim();
  return `Thực hiện Kế hoạch${number ? ` số ${number}` : ''}${d.plan.issuedOn ? ` ngày ${referenceDate(d.plan.issuedOn)}` : ''} của Ủy ban nhân dân ${w} về ${lowerFirst(d.plan.title.replace(/^kế hoạch\s+/iu, ''))}`;
}

/** Sections I and II, from the figures of one year. */
export function resultBlocks(d: YearlyReportData, n = { chapter: 'II' }): Block[] {
  const village = VILLAGE_WORD[d.communeKind];
  const t = d.tasks.totals;
  const s = d.satisfaction;
  const q = s.questionnaire;
  const onTime = d.feedback.measures.find((m) => m.key === 'feedback.answeredOnTimeShare');
  const answerSatisfied = d.feedback.measures.find((m) => m.key === 'feedback.answerSatisfaction');
  const blocks: Block[] = [];

  blocks.push(heading(`${n.chapter}. KẾT QUẢ THỰC HIỆN`));
  blocks.push(heading('1. Kết quả thực hiện các nhiệm vụ của Kế hoạch'));
  blocks.push(
    para(
      t.total === 0
        ? `Năm ${d.year} không có nhiệm vụ nào của Kế hoạch đến kỳ thực hiện.`
        : `Năm ${d.year} có ${t.total} nhiệm vụ đến kỳ thực hiện: hoàn thành ${t.done} nhiệm vụ (đúng hạn ${t.doneOnTime}); đang thực hiện ${t.inProgress}; quá hạn ${t.overdue}; chưa bắt đầu ${t.notStarted} (chi tiết tại Phụ lục kèm theo).`,
    ),
  );

  blocks.push(heading('2. Công tác thông tin, tuyên truyền'));
  const o = d.outreach;
  blocks.push(
    para(
      `Tổ chức ${o.activities} hoạt động tuyên truyền với ${o.audience} lượt người tham dự; ${o.coveredVillages}/${o.activeVillages} ${village} có hoạt động tuyên truyền${o.share === null ? '' : ` (${pct(o.share)})`}.`,
    ),
  );
  const channels = o.channels.filter((c) => c.activities > 0);
  if (channels.length)
    blocks.push(
      para(
        `Theo hình thức: ${channels.map((c) => `${lowerFirst(c.label)} ${c.activities} hoạt động`).join('; ')}.`,
      ),
    );

  blocks.push(heading(`3. Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” ở các ${village}`));
  const v = d.villages;
  blocks.push(
    para(
      `${v.assessed}/${v.activeVillages} ${village} đã bình xét danh hiệu văn hóa năm ${d.year}; ${v.recognised} ${village} đạt danh hiệu “${village.charAt(0).toLocaleUpperCase('vi-VN')}${village.slice(1)} văn hóa”${v.cultureTitleShare === null ? '' : ` (${pct(v.cultureTitleShare)})`}${v.titles.length ? `: ${v.titles.join(', ')}` : ''}.`,
    ),
  );

  blocks.push(heading('4. Cải cách thủ tục hành chính, hoạt động của Trung tâm Phục vụ hành chính công'));
  const dos = s.dossiers;
  blocks.push(
    para(
      dos.counted + dos.pending === 0
        ? 'Chưa có số liệu hồ sơ thủ tục hành chính được nhập từ hệ thống một cửa.'
        : `Hồ sơ đã đến hạn hoặc đã trả kết quả: ${dos.counted}; đúng hạn ${dos.onTime} (${pct(dos.share)}), trễ hạn ${dos.late}; chưa đến hạn ${dos.pending}.`,
    ),
  );
  blocks.push(
    para(
      q && q.responses > 0
        ? `Chỉ số hài lòng của người dân (phiếu khảo sát năm yếu tố): ${pct(q.overall)} trên ${q.responses} phiếu${s.target === null ? '' : `, so với chỉ tiêu ${percentText(s.target)}: ${q.overall !== null && q.overall >= s.target ? 'đạt' : 'chưa đạt'}`}. Theo yếu tố: ${q.elements.map((e) => `${lowerFirst(e.name)} ${pct(e.index)}`).join('; ')}.`
        : `Chưa có phiếu khảo sát mức độ hài lòng trong năm${s.target === null ? '' : ` (chỉ tiêu ${percentText(s.target)})`}.`,
    ),
  );
  if (s.counter && s.counter.ratings > 0) {
    blocks.push(
      para(
        `Đánh giá tại quầy: ${s.counter.ratings} lượt, hài lòng và rất hài lòng ${s.counter.satisfied} lượt (${pct(s.counter.index)}). Theo quầy: ${s.byCounter.map((c) => `${c.label} ${pct(c.index)} (${c.ratings} lượt)`).join('; ')}.`,
      ),
    );
  }

  blocks.push(heading('5. Tiếp nhận, trả lời phản ánh, kiến nghị của người dân'));
  blocks.push(
    para(
      `Tiếp nhận ${d.feedback.received} phản ánh, kiến nghị; tỷ lệ trả lời đúng hạn ${pct(onTime?.value)}${d.feedback.target === null ? '' : ` (chỉ tiêu ${percentText(d.feedback.target)})`}; người dân hài lòng với câu trả lời ${pct(answerSatisfied?.value)}; hiện còn ${d.feedback.overdue} phản ánh quá hạn chưa trả lời.`,
    ),
  );

  blocks.push(heading('6. Tự đánh giá, chấm điểm và công nhận mức độ'));
  const l = d.level;
  blocks.push(
    para(
      [
        l.planTarget === null ? null : `Mục tiêu của Kế hoạch: mức độ ${l.planTarget}`,
        l.registeredLevel === null ? 'chưa đăng ký mức độ' : `mức đăng ký: mức độ ${l.registeredLevel}`,
        l.total === null
          ? 'chưa có hồ sơ tự đánh giá'
          : `tự đánh giá: ${pts(l.total)} điểm, ${l.selfLevel ? LEVEL_LABELS[l.selfLevel]!.toLocaleLowerCase('vi-VN') : 'chưa đạt mức 1'}${l.statusLabel ? ` (${lowerFirst(l.statusLabel)})` : ''}`,
        l.recognisedLevel === null
          ? 'thành phố chưa công nhận'
          : `thành phố công nhận ${LEVEL_LABELS[l.recognisedLevel]!.toLocaleLowerCase('vi-VN')}`,
      ]
        .filter(Boolean)
        .join('; ')
        .replace(/^./, (c) => c.toLocaleUpperCase('vi-VN'))
        .concat('.'),
    ),
  );

  blocks.push(heading('7. Công tác khen thưởng'));
  const r = d.rewards;
  blocks.push(
    para(
      r.items.length === 0
        ? 'Chưa có quyết định khen thưởng trong năm.'
        : `Khen thưởng ${r.individuals} cá nhân, ${r.collectives} tập thể: ${r.items
            .map(
              (x) =>
                `${x.nomineeName} (${lowerFirst(x.form || 'khen thưởng')}${x.decisionNumber ? `, Quyết định số ${x.decisionNumber}` : ''}${x.decisionDate ? ` ngày ${dateText(x.decisionDate)}` : ''})`,
            )
            .join('; ')}.`,
    ),
  );

  blocks.push(heading('8. Kinh phí thực hiện'));
  const b = d.budget;
  blocks.push(
    para(
      b === null
        ? 'Chưa lập dự toán kinh phí của năm.'
        : `Dự toán ${money(b.estimated)}; được duyệt ${money(b.approved)}; đã chi ${money(b.spent)}; còn lại ${money(b.remaining)}.`,
    ),
  );

  blocks.push(heading('9. Vướng mắc, khó khăn của các đơn vị'));
  const diff = d.difficulties;
  blocks.push(
    para(
      diff.reported === 0
        ? 'Các đơn vị không báo vướng mắc, khó khăn trong năm.'
        : `Các đơn vị báo ${diff.reported} vướng mắc, khó khăn; đã trả lời ${diff.answered}.`,
    ),
  );
  for (const x of diff.items)
    blocks.push(
      para(
        `- Nhiệm vụ số ${x.taskNumber}${x.unit ? ` (${x.unit})` : ''}: ${x.content.replace(/[.;\s]+$/, '')}. ${x.answer ? `Trả lời: ${x.answer.replace(/[.;\s]+$/, '')}.` : 'Chưa trả lời.'}`,
      ),
    );

  blocks.push(heading('10. Gương điển hình, đơn vị thực hiện chưa nghiêm túc'));
  const ex = d.examples;
  blocks.push(
    para(
      ex.good.length
        ? `Gương điển hình, cách làm hay: ${ex.good.map((e) => `${e.subject} (${lowerFirst(e.title)})`).join('; ')}.`
        : 'Chưa ghi nhận gương điển hình trong năm.',
    ),
  );
  if (ex.shortcomings.length)
    blocks.push(
      para(
        `Đơn vị, cá nhân thực hiện chưa nghiêm túc: ${ex.shortcomings.map((e) => `${e.subject} (${lowerFirst(e.title)})`).join('; ')}.`,
      ),
    );
  return blocks;
}

function directionBlocks(d: YearlyReportData): Block[] {
  const w = KIND_WORD[d.communeKind];
  const docs = d.direction.documents;
  const reg = d.direction.registration;
  return [
    heading('I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI'),
    para(
      docs.length
        ? `Trong năm ${d.year}, Ủy ban nhân dân ${w} đã ban hành ${docs.length} văn bản: ${docs.map((x) => `${x.kindLabel} số ${x.fullNumber} ngày ${dateText(x.issuedOn)}`).join('; ')}.`
        : `Trong năm ${d.year}, Ủy ban nhân dân ${w} chưa ban hành văn bản nào trong sổ văn bản đi về mô hình.`,
    ),
    para(
      reg
        ? `Ủy ban nhân dân ${w} đăng ký phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ ${reg.level}, gửi Sở Nội vụ ngày ${dateText(reg.sentOn)} (${reg.onTime ? 'đúng hạn, trước ngày 15/02' : 'sau hạn 15/02'}).`
        : `Ủy ban nhân dân ${w} chưa đăng ký mức độ đạt chuẩn năm ${d.year}.`,
    ),
  ];
}

function taskAppendix(d: YearlyReportData, issue: IssueFacts | null): Appendix {
  return {
    title: `Phụ lục kết quả thực hiện nhiệm vụ năm ${d.year}`,
    subtitle: `Kế hoạch thực hiện mô hình “Chính quyền thân thiện” — ${d.communeName}`,
    note: attachedTo('Báo cáo', 'BC-UBND', issue, d.communeName, d.year),
    landscape: true,
    table: {
      columns: [
        { header: 'STT', width: 6, align: 'center' },
        { header: 'Nhiệm vụ', width: 40 },
        { header: 'Thời gian thực hiện', width: 14, align: 'center' },
        { header: 'Cơ quan chủ trì', width: 14, align: 'center' },
        { header: 'Kết quả', width: 26, align: 'left' },
      ],
      rows: [...d.tasks.occurrences]
        .sort((a, b) => a.taskNumber - b.taskNumber)
        .map((o) => [
          String(o.taskNumber),
          o.content,
          o.scheduleText,
          o.leadUnit,
          [
            `${OCCURRENCE_STATUS_LABELS[o.status]}${o.completedOn ? ` ngày ${dateText(o.completedOn)}` : ''}`,
            o.fulfilledText ?? '',
            ...(o.figures ?? []).map((f) => `${f.label}: ${f.value}`),
          ]
            .filter(Boolean)
            .join('\n'),
        ]),
    },
  };
}

function closing(sections: Record<string, string>, keys: readonly { key: string; label: string }[]) {
  const blocks: Block[] = [];
  const has = (k: string) => keys.some((s) => s.key === k);
  blocks.push(heading('III. ĐÁNH GIÁ CHUNG'));
  blocks.push(
    heading('1. Ưu điểm'),
    ...narrative(sections.results, '(Phòng Văn hóa - Xã hội viết phần này)'),
  );
  blocks.push(heading('2. Tồn tại, hạn chế'), ...narrative(sections.shortcomings, '(Chưa viết)'));
  blocks.push(heading('3. Nguyên nhân'), ...narrative(sections.causes, '(Chưa viết)'));
  if (has('lessons'))
    blocks.push(heading('4. Bài học kinh nghiệm'), ...narrative(sections.lessons, '(Chưa viết)'));
  return blocks;
}

interface Render {
  sections: Record<string, string>;
  issue: IssueFacts | null;
  replaced: Replaced | null;
  subject: string;
  recipients: string[];
}

function replacesBlock(replaced: Replaced | null, communeName: string): Block[] {
  return replaced
    ? [
        para(
          `Báo cáo này thay thế Báo cáo số ${replaced.number} ngày ${dateText(replaced.date)} của ${committeeOf(communeName)}.`,
          { italic: true },
        ),
      ]
    : [];
}

export async function yearlyReportDocx(d: YearlyReportData, r: Render): Promise<Buffer> {
  const w = KIND_WORD[d.communeKind];
  const body: Block[] = [
    ...replacesBlock(r.replaced, d.communeName),
    para(
      `${planReference(d)}, Ủy ban nhân dân ${w} báo cáo kết quả triển khai thực hiện năm ${d.year} như sau:`,
    ),
    ...directionBlocks(d),
    ...resultBlocks(d),
    ...closing(r.sections, YEARLY_SECTIONS),
    heading(`IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${d.year + 1}`),
    ...narrative(r.sections.nextTasks, '(Chưa viết)'),
    heading('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...narrative(r.sections.proposals, '(Chưa viết)'),
    para(
      `Trên đây là báo cáo kết quả triển khai thực hiện mô hình “Chính quyền thân thiện” năm ${d.year} của ${committeeOf(d.communeName)}./.`,
    ),
  ];
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', d.communeName],
    number: r.issue?.number ?? null,
    symbol: 'BC-UBND',
    place: placeOf(d.communeName),
    date: r.issue?.date ?? null,
    year: d.year,
    type: 'Báo cáo',
    subject: r.subject,
    body,
    recipients: r.recipients,
    signature: { lines: signatureLines(r.issue?.signer.title ?? ''), name: r.issue?.signer.name ?? '' },
    appendices: [taskAppendix(d, r.issue)],
    draft: r.issue === null,
  });
}

export async function reviewReportDocx(d: ReviewReportData, r: Render): Promise<Buffer> {
  const w = KIND_WORD[d.communeKind];
  const period = `${d.fromYear}-${d.toYear}`;
  const achieved = d.years.map((y) => {
    const level = y.recognisedLevel ?? y.selfLevel;
    const reached = (n: number) => (n === 0 ? 'chưa đạt mức độ 1' : `mức độ ${n}`);
    return `năm ${y.year}: mục tiêu ${y.raiseLevel ? `nâng mức độ (tối thiểu mức độ ${y.targetLevel})` : `mức độ ${y.targetLevel}`}, ${
      y.recognisedLevel !== null
        ? `được công nhận ${reached(y.recognisedLevel)}`
        : level !== null
          ? `tự đánh giá ${reached(level)}`
          : 'chưa có kết quả'
    }${y.targetLevel !== null && level !== null ? (level >= y.targetLevel ? ' (đạt)' : ' (chưa đạt)') : ''}`;
  });
  const body: Block[] = [
    ...replacesBlock(r.replaced, d.communeName),
    para(
      `${planReference(d.current)}, Ủy ban nhân dân ${w} báo cáo ${d.kind === 'so_ket' ? 'sơ kết' : 'tổng kết'} ${d.toYear - d.fromYear + 1} năm (${period}) triển khai thực hiện mô hình như sau:`,
    ),
    heading('I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI'),
    para(
      `Mục tiêu của Kế hoạch: ${d.objectives.years.map((t) => t.sentence.replace(/\.$/, '')).join('; ')}.`,
    ),
    para(`Kết quả so với mục tiêu: ${achieved.join('; ')} (chi tiết tại Phụ lục kèm theo).`),
    ...directionBlocks(d.current).slice(1),
    ...resultBlocks(d.current).map((b) =>
      b.kind === 'heading' && b.text === 'II. KẾT QUẢ THỰC HIỆN'
        ? heading(`II. KẾT QUẢ THỰC HIỆN (SỐ LIỆU NĂM ${d.year})`)
        : b,
    ),
    ...closing(r.sections, REVIEW_SECTIONS),
    heading('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'),
    ...narrative(r.sections.nextTasks, '(Chưa viết)'),
    heading('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...narrative(r.sections.proposals, '(Chưa viết)'),
    para(
      `Trên đây là báo cáo ${d.kind === 'so_ket' ? 'sơ kết' : 'tổng kết'} giai đoạn ${period} thực hiện mô hình “Chính quyền thân thiện” của ${committeeOf(d.communeName)}./.`,
    ),
  ];
  const ratio = (v: number | null, target: number | null) =>
    `${pct(v)}${target === null ? '' : `\n(chỉ tiêu ${percentText(target)})`}`;
  const level = (n: number | null) => (n === null ? '—' : n === 0 ? 'Chưa đạt mức độ 1' : `Mức độ ${n}`);
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', d.communeName],
    number: r.issue?.number ?? null,
    symbol: 'BC-UBND',
    place: placeOf(d.communeName),
    date: r.issue?.date ?? null,
    year: d.year,
    type: 'Báo cáo',
    subject: r.subject,
    body,
    recipients: r.recipients,
    signature: { lines: signatureLines(r.issue?.signer.title ?? ''), name: r.issue?.signer.name ?? '' },
    appendices: [
      {
        title: `Phụ lục kết quả thực hiện giai đoạn ${period} so với mục tiêu`,
        subtitle: `Mô hình “Chính quyền thân thiện” — ${d.communeName}`,
        note: attachedTo('Báo cáo', 'BC-UBND', r.issue, d.communeName, d.year),
        landscape: true,
        table: {
          columns: [
            { header: 'Năm', width: 7, align: 'center' },
            { header: 'Mục tiêu mức độ', width: 13, align: 'center' },
            { header: 'Mức đăng ký', width: 11, align: 'center' },
            { header: 'Mức tự đánh giá', width: 11, align: 'center' },
            { header: 'Mức công nhận', width: 11, align: 'center' },
            { header: 'Chỉ số hài lòng', width: 13, align: 'center' },
            { header: 'Phản ánh trả lời đúng hạn', width: 13, align: 'center' },
            { header: 'Nhiệm vụ hoàn thành đúng hạn', width: 12, align: 'center' },
          ],
          rows: d.years.map((y) => [
            String(y.year),
            `${y.raiseLevel ? 'Nâng mức độ\n(tối thiểu ' : ''}${level(y.targetLevel)}${y.raiseLevel ? ')' : ''}`,
            level(y.registeredLevel),
            level(y.selfLevel),
            level(y.recognisedLevel),
            ratio(y.satisfactionIndex, y.satisfactionTarget),
            ratio(y.feedbackOnTime, y.feedbackOnTimeTarget),
            pct(y.tasksOnTime),
          ]),
        },
      },
      taskAppendix(d.current, r.issue),
    ],
    draft: r.issue === null,
  });
}
