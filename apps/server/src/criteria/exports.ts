/**
 * Downloads: the self-assessment report (DOCX, Nghị định 30/2020 format, with the
 * scoring table), the scoring table (XLSX), and the city's table of communes (XLSX).
 */
import {
  formatPoints,
  formatVietnameseDate,
  levelLabel,
  percentText,
  toHundredths,
  vietnamDate,
} from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { type Block, buildOfficialDocument } from '../documents/official.ts';
import {
  attachedTo,
  committeeOf,
  dateText,
  KIND_WORD,
  lowerFirst,
  placeOf,
  referenceDate,
  signatureLines,
} from '../documents/words.ts';
import { blocksFromText } from '../plans/export-docx.ts';
import type { viewAssessment } from './assessments.ts';
import type { levelOverview } from './overview.ts';

type View = Awaited<ReturnType<typeof viewAssessment>>;
const p = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : formatPoints(toHundredths(n) ?? 0);

/** One row per group, criterion and indicator, as the scoring table reads. */
export function scoringRows(v: View) {
  const rows: {
    kind: 'group' | 'criterion' | 'indicator';
    code: string;
    name: string;
    max: number;
    self: number | null;
    review: number | null;
    city: number | null;
    points: number | null;
    note: string;
  }[] = [];
  for (const g of v.groups) {
    rows.push({
      kind: 'group',
      code: g.code,
      name: g.name,
      max: g.maxPoints,
      self: null,
      review: null,
      city: null,
      points: g.points,
      note: '',
    });
    for (const c of v.criteria.filter((x) => x.groupCode === g.code)) {
      // a deduction (điểm trừ) reads as negative points, its maximum as the cap it takes off
      const sign = c.deduction ? -1 : 1;
      const signed = (n: number | null | undefined) =>
        n === null || n === undefined ? null : n === 0 ? 0 : sign * n;
      rows.push({
        kind: 'criterion',
        code: c.code,
        name: c.name,
        max: signed(c.maxPoints)!,
        self: null,
        review: null,
        city: null,
        points: signed(c.points),
        note: c.deduction
          ? `Điểm trừ, tối đa ${p(c.maxPoints)} điểm${c.uncapped > c.maxPoints ? ` (các chỉ tiêu trừ ${p(c.uncapped)} điểm, chỉ tính ${p(c.maxPoints)})` : ''}`
          : c.met
            ? 'Đạt'
            : 'Chưa đạt',
      });
      for (const i of v.indicators.filter((x) => x.criterionCode === c.code)) {
        rows.push({
          kind: 'indicator',
          code: i.code,
          name: i.name,
          max: signed(i.maxPoints)!,
          self: signed(i.self?.points),
          review: signed(i.review?.points),
          city: signed(i.city?.points),
          points: signed(i.points),
          note: [
            i.self?.note,
            i.review ? `Giám sát: ${i.review.reason}` : '',
            i.city ? `Thẩm định: ${i.city.reason}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        });
      }
    }
  }
  return rows;
}

/** What the self-assessment report states besides the assessment itself. */
export interface ReportContext {
  communeKind: 'xa' | 'phuong' | 'dac_khu';
  /** The commune's plan: its number and date name it among the legal bases. */
  plan: { number: string; issuedOn: string | null; title: string } | null;
  criteriaSetIssuedBy: string;
  /** Narrative parts written by people: results, shortcomings, proposals. */
  sections: Record<string, string>;
  recipients: string[];
  issue: { number: string; date: string; signer: { name: string; title: string } } | null;
  replaced: { number: string; date: string } | null;
}

export const SELF_ASSESSMENT_SECTIONS = [
  { key: 'results', label: 'Kết quả đạt được', hint: 'Phần III.1 của báo cáo.' },
  { key: 'shortcomings', label: 'Tồn tại, hạn chế', hint: 'Phần III.2.' },
  { key: 'proposals', label: 'Đề xuất, kiến nghị', hint: 'Phần IV: với thành phố, Sở Nội vụ.' },
] as const;

/** A measured figure as the report prints it beside the unit's claim. */
export function measuredText(m: View['indicators'][number]['measure']): string {
  if (!m) return '';
  const value =
    m.value === null
      ? 'chưa có số liệu'
      : m.kind === 'ratio'
        ? percentText(m.value)
        : m.kind === 'boolean'
          ? m.value >= 1
            ? 'Có'
            : 'Không'
          : String(m.value);
  const figures = m.figures
    .filter((f) => !/^\d{4}-\d{2}-\d{2}/.test(String(f.value)))
    .slice(0, 3)
    .map((f) => `${f.label}: ${f.value}`)
    .join('; ');
  return `${value}${figures ? ` (${figures})` : ''}${m.proposedPoints === null ? '' : `; điểm đề xuất ${p(m.proposedPoints)}`}`;
}

export async function reportDocx(v: View, c: ReportContext): Promise<Buffer> {
  const w = KIND_WORD[c.communeKind];
  const place = placeOf(v.communeName);
  const reached = levelLabel(v.level);
  const narrative = (key: string, placeholder: string): Block[] => {
    const blocks = blocksFromText(c.sections[key] ?? '');
    return blocks.length ? blocks : [{ kind: 'paragraph', text: placeholder, italic: true }];
  };
  const planBasis = c.plan
    ? `Căn cứ Kế hoạch${c.plan.number.trim() ? ` số ${c.plan.number.trim()}` : ''}${c.plan.issuedOn ? ` ngày ${referenceDate(c.plan.issuedOn)}` : ''} của Ủy ban nhân dân ${w} về ${lowerFirst(c.plan.title.replace(/^kế hoạch\s+/iu, ''))};`
    : null;
  const measured = v.indicators.filter((i) => i.measure);
  const body: Block[] = [
    ...(c.replaced
      ? [
          {
            kind: 'paragraph',
            italic: true,
            text: `Báo cáo này thay thế Báo cáo số ${c.replaced.number} ngày ${dateText(c.replaced.date)} của ${committeeOf(v.communeName)}.`,
          } as Block,
        ]
      : []),
    {
      kind: 'paragraph',
      text: `Căn cứ ${v.criteriaSet.name}${v.criteriaSet.decision ? ` (${v.criteriaSet.decision})` : ''}${c.criteriaSetIssuedBy ? ` của ${c.criteriaSetIssuedBy}` : ''};`,
    },
    ...(planBasis ? [{ kind: 'paragraph', text: planBasis } as Block] : []),
    {
      kind: 'paragraph',
      text: `Ủy ban nhân dân ${w} báo cáo kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${v.year} theo mức đăng ký như sau:`,
    },
    { kind: 'heading', text: 'I. KẾT QUẢ CHẤM ĐIỂM' },
    ...v.groups.map(
      (g, i): Block => ({
        kind: 'paragraph',
        text: `${i + 1}. ${g.name}: ${p(g.points)}/${p(g.maxPoints)} điểm.`,
      }),
    ),
    ...(v.deducted > 0
      ? [
          {
            kind: 'paragraph',
            text: `Điểm đạt được: ${p(v.earned)} điểm; điểm trừ: ${p(v.deducted)} điểm${v.earned < v.deducted ? ' (nhiều hơn điểm đạt được: tổng điểm tính bằng 0)' : ''}.`,
          } as Block,
        ]
      : []),
    {
      kind: 'paragraph',
      bold: true,
      text: `Tổng điểm: ${p(v.total)}/${p(v.maxTotal)} điểm (chi tiết tại Phụ lục bảng chấm điểm kèm theo).`,
    },
    ...(measured.length
      ? [
          {
            kind: 'paragraph',
            text: `Các chỉ tiêu do hệ thống đo từ số liệu: ${measured
              .map(
                (i) =>
                  `${i.code} ${lowerFirst(i.measure!.name)}: ${measuredText(i.measure).replace(/; điểm đề xuất.*$/, '')}`,
              )
              .join('; ')}.`,
          } as Block,
        ]
      : []),
    { kind: 'heading', text: 'II. TỰ ĐÁNH GIÁ MỨC ĐỘ' },
    {
      kind: 'paragraph',
      text: `Đối chiếu quy định về mức độ, Ủy ban nhân dân ${w} tự đánh giá đạt: ${v.level === 0 ? 'chưa đạt mức 1' : reached.toLocaleLowerCase('vi-VN')}.`,
    },
    ...(v.registeredLevel
      ? [
          {
            kind: 'paragraph',
            text: `Mức đăng ký đầu năm: mức độ ${v.registeredLevel}. ${
              v.missing?.reached
                ? 'Đã đạt mức đăng ký.'
                : `Chưa đạt mức đăng ký${v.missing && v.missing.pointsShort > 0 ? `: còn thiếu ${p(v.missing.pointsShort)} điểm` : ''}${
                    v.missing?.unmetMandatory.length
                      ? `; tiêu chí bắt buộc chưa đạt: ${v.missing.unmetMandatory.join(', ')}`
                      : ''
                  }${v.missing?.groupsBelow.length ? `; nhóm chưa đạt tỷ lệ tối thiểu: ${v.missing.groupsBelow.map((g) => g.code).join(', ')}` : ''}.`
            }`,
          } as Block,
        ]
      : []),
    ...(v.recognition
      ? [
          {
            kind: 'paragraph',
            text: `Thành phố công nhận: ${levelLabel(v.recognition.level).toLocaleLowerCase('vi-VN')} (Quyết định số ${v.recognition.decisionNumber}${v.recognition.decisionDate ? ` ngày ${dateText(v.recognition.decisionDate)}` : ''}).`,
          } as Block,
        ]
      : []),
    { kind: 'heading', text: 'III. ĐÁNH GIÁ CHUNG' },
    { kind: 'heading', text: '1. Kết quả đạt được' },
    ...narrative('results', '(Phòng Văn hóa - Xã hội viết phần này)'),
    { kind: 'heading', text: '2. Tồn tại, hạn chế' },
    ...narrative('shortcomings', '(Chưa viết)'),
    { kind: 'heading', text: 'IV. ĐỀ XUẤT, KIẾN NGHỊ' },
    ...narrative(
      'proposals',
      `Ủy ban nhân dân ${w} kính đề nghị Sở Nội vụ thẩm định, trình Ủy ban nhân dân thành phố xem xét, công nhận kết quả.`,
    ),
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${v.year} của ${committeeOf(v.communeName)}./.`,
    },
  ];
  const rows = scoringRows(v);
  const measureOf = new Map(v.indicators.map((i) => [i.code, i.measure]));
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', v.communeName],
    number: c.issue?.number ?? null,
    symbol: 'BC-UBND',
    place,
    date: c.issue?.date ?? null,
    year: v.year,
    type: 'Báo cáo',
    subject: `Kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${v.year}`,
    body,
    recipients: c.recipients,
    signature: { lines: signatureLines(c.issue?.signer.title ?? ''), name: c.issue?.signer.name ?? '' },
    draft: c.issue === null,
    appendices: [
      {
        title: 'Phụ lục bảng chấm điểm',
        subtitle: `Mô hình “Chính quyền thân thiện” năm ${v.year} — ${v.communeName}`,
        note: attachedTo('Báo cáo', 'BC-UBND', c.issue, v.communeName, v.year),
        landscape: true,
        table: {
          columns: [
            { header: 'Mã', width: 7, align: 'center' },
            { header: 'Nội dung', width: 34 },
            { header: 'Điểm tối đa', width: 7, align: 'center' },
            { header: 'Tự chấm', width: 7, align: 'center' },
            { header: 'Sau rà soát', width: 7, align: 'center' },
            { header: 'Thẩm định', width: 7, align: 'center' },
            { header: 'Điểm tính', width: 7, align: 'center' },
            { header: 'Số liệu hệ thống đo', width: 14, align: 'left' },
            { header: 'Ghi chú', width: 12, align: 'left' },
          ],
          rows: [
            ...rows.map((r) => [
              r.code,
              r.kind === 'indicator' ? r.name : r.name.toLocaleUpperCase('vi-VN'),
              p(r.max),
              r.kind === 'indicator' ? p(r.self) : '',
              p(r.review),
              p(r.city),
              p(r.points),
              r.kind === 'indicator' ? measuredText(measureOf.get(r.code) ?? null) : '',
              r.note,
            ]),
            ...(v.deducted > 0 ? [['', 'TỔNG ĐIỂM TRỪ', '', '', '', '', p(-v.deducted), '', '']] : []),
            ['', 'TỔNG CỘNG', p(v.maxTotal), '', '', '', p(v.total), '', reached],
          ],
        },
      },
    ],
  });
}

export async function scoresXlsx(v: View): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cqtt';
  const ws = wb.addWorksheet('Bảng chấm điểm');
  ws.addRow([
    `BẢNG CHẤM ĐIỂM MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN” NĂM ${v.year} — ${v.communeName.toLocaleUpperCase('vi-VN')}`,
  ]).font = { bold: true };
  ws.addRow([`${v.criteriaSet.name}, phiên bản ${v.criteriaSet.version}. Trạng thái: ${v.statusLabel}`]);
  ws.addRow([]);
  const header = ws.addRow([
    'Mã',
    'Nội dung',
    'Điểm tối đa',
    'Tự chấm',
    'Sau rà soát',
    'Thẩm định',
    'Điểm tính',
    'Số liệu hệ thống đo',
    'Ghi chú',
  ]);
  header.font = { bold: true };
  const measureOf = new Map(v.indicators.map((i) => [i.code, i.measure]));
  for (const r of scoringRows(v)) {
    const measure = r.kind === 'indicator' ? measureOf.get(r.code) : null;
    const row = ws.addRow([
      r.code,
      r.name,
      r.max,
      r.self,
      r.review,
      r.city,
      r.points,
      measure ? measuredText(measure) : null,
      r.note,
    ]);
    if (r.kind !== 'indicator') row.font = { bold: true };
  }
  if (v.deducted > 0) {
    ws.addRow(['', 'Tổng điểm trừ', null, null, null, null, -v.deducted, null, null]).font = { bold: true };
  }
  ws.addRow(['', 'Tổng cộng', v.maxTotal, null, null, null, v.total, null, levelLabel(v.level)]).font = {
    bold: true,
  };
  ws.columns = [
    { width: 10 },
    { width: 60 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 11 },
    { width: 11 },
    { width: 40 },
    { width: 50 },
  ];
  for (let c = 3; c <= 7; c++) ws.getColumn(c).numFmt = '0.##';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function overviewXlsx(
  rows: Awaited<ReturnType<typeof levelOverview>>,
  year: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cqtt';
  const ws = wb.addWorksheet(`Mức độ ${year}`);
  ws.addRow([`MỨC ĐỘ “CHÍNH QUYỀN THÂN THIỆN” CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU NĂM ${year}`]).font = {
    bold: true,
  };
  ws.addRow([]);
  ws.addRow([
    'STT',
    'Xã, phường, đặc khu',
    'Mức đăng ký',
    'Đăng ký đúng hạn (trước 15/02)',
    'Trạng thái hồ sơ',
    'Gửi báo cáo tự đánh giá (trước 12/11)',
    'Tổng điểm',
    'Mức tự đánh giá',
    'Mức công nhận',
    'Số quyết định',
    'Ngày quyết định',
  ]).font = { bold: true };
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.communeName,
      r.registeredLevel,
      r.registrationOnTime === null ? 'Chưa đăng ký' : r.registrationOnTime ? 'Đúng hạn' : 'Muộn',
      r.statusLabel,
      r.submissionOnTime === null
        ? 'Chưa gửi'
        : `${r.submissionOnTime ? 'Đúng hạn' : 'Muộn'} (${formatVietnameseDate(vietnamDate(new Date(r.submittedAt!)))})`,
      r.total,
      r.level === null ? '' : levelLabel(r.level),
      r.recognisedLevel === null ? '' : levelLabel(r.recognisedLevel),
      r.decisionNumber ?? '',
      r.decisionDate ? formatVietnameseDate(r.decisionDate) : '',
    ]);
  });
  ws.columns = [
    { width: 6 },
    { width: 30 },
    { width: 12 },
    { width: 22 },
    { width: 30 },
    { width: 22 },
    { width: 10 },
    { width: 16 },
    { width: 16 },
    { width: 18 },
    { width: 14 },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
