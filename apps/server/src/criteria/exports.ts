/**
 * Downloads: the self-assessment report (DOCX, Nghị định 30/2020 format, with the
 * scoring table), the scoring table (XLSX), and the city's table of communes (XLSX).
 */
import { formatPoints, LEVEL_LABELS, toHundredths } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { type Block, buildOfficialDocument } from '../documents/official.ts';
import type { viewAssessment } from './assessments.ts';
import type { levelOverview } from './overview.ts';

type View = Awaited<ReturnType<typeof viewAssessment>>;
const p = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : formatPoints(toHundredths(n) ?? 0);
const KIND_PREFIX = /^(xã|phường|đặc khu)\s+/iu;

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
      rows.push({
        kind: 'criterion',
        code: c.code,
        name: c.name,
        max: c.maxPoints,
        self: null,
        review: null,
        city: null,
        points: c.points,
        note: c.met ? 'Đạt' : 'Chưa đạt',
      });
      for (const i of v.indicators.filter((x) => x.criterionCode === c.code)) {
        rows.push({
          kind: 'indicator',
          code: i.code,
          name: i.name,
          max: i.maxPoints,
          self: i.self?.points ?? null,
          review: i.review?.points ?? null,
          city: i.city?.points ?? null,
          points: i.points,
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

export async function reportDocx(v: View, kind: 'xa' | 'phuong' | 'dac_khu'): Promise<Buffer> {
  const kindWord = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' }[kind];
  const place = v.communeName.replace(KIND_PREFIX, '');
  const reached = LEVEL_LABELS[v.level]!;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `Thực hiện ${v.criteriaSet.name}${v.criteriaSet.decision ? ` (${v.criteriaSet.decision})` : ''}, Ủy ban nhân dân ${kindWord} báo cáo kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${v.year} như sau:`,
    },
    { kind: 'heading', text: 'I. KẾT QUẢ CHẤM ĐIỂM' },
    ...v.groups.map(
      (g, i): Block => ({
        kind: 'paragraph',
        text: `${i + 1}. ${g.name}: ${p(g.points)}/${p(g.maxPoints)} điểm.`,
      }),
    ),
    {
      kind: 'paragraph',
      bold: true,
      text: `Tổng điểm: ${p(v.total)}/${p(v.maxTotal)} điểm (chi tiết tại Phụ lục bảng chấm điểm kèm theo).`,
    },
    { kind: 'heading', text: 'II. TỰ ĐÁNH GIÁ MỨC ĐỘ' },
    {
      kind: 'paragraph',
      text: `Đối chiếu quy định về mức độ, Ủy ban nhân dân ${kindWord} tự đánh giá đạt: ${v.level === 0 ? 'chưa đạt mức 1' : reached.toLocaleLowerCase('vi-VN')}.`,
    },
    ...(v.registeredLevel
      ? [
          {
            kind: 'paragraph',
            text: `Mức đăng ký đầu năm: mức ${v.registeredLevel}. ${
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
            text: `Thành phố công nhận: ${LEVEL_LABELS[v.recognition.level]!.toLocaleLowerCase('vi-VN')} (Quyết định số ${v.recognition.decisionNumber} ngày ${v.recognition.decisionDate}).`,
          } as Block,
        ]
      : []),
    { kind: 'heading', text: 'III. ĐỀ NGHỊ' },
    {
      kind: 'paragraph',
      text: `Ủy ban nhân dân ${kindWord} kính đề nghị Sở Nội vụ thẩm định, trình Ủy ban nhân dân thành phố xem xét, công nhận kết quả./.`,
    },
  ];
  const rows = scoringRows(v);
  return buildOfficialDocument({
    issuer: ['Ủy ban nhân dân', v.communeName],
    number: null,
    symbol: 'BC-UBND',
    place,
    date: null,
    year: v.year,
    type: 'Báo cáo',
    subject: `Kết quả tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện” năm ${v.year}`,
    body,
    recipients: ['Sở Nội vụ thành phố', 'Thường trực Đảng ủy, HĐND xã', 'Lưu: VT, VHXH'],
    signature: { lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: '' },
    appendices: [
      {
        title: 'Phụ lục bảng chấm điểm',
        subtitle: `Mô hình “Chính quyền thân thiện” năm ${v.year} — ${v.communeName}`,
        note: `(Theo ${v.criteriaSet.name}, phiên bản ${v.criteriaSet.version}; mức tự đánh giá: ${reached})`,
        landscape: true,
        table: {
          columns: [
            { header: 'Mã', width: 8, align: 'center' },
            { header: 'Nội dung', width: 44 },
            { header: 'Điểm tối đa', width: 9, align: 'center' },
            { header: 'Tự chấm', width: 9, align: 'center' },
            { header: 'Điểm giám sát', width: 9, align: 'center' },
            { header: 'Điểm thẩm định', width: 9, align: 'center' },
            { header: 'Ghi chú', width: 12, align: 'left' },
          ],
          rows: [
            ...rows.map((r) => [
              r.code,
              r.kind === 'indicator' ? r.name : r.name.toLocaleUpperCase('vi-VN'),
              p(r.max),
              r.kind === 'indicator' ? p(r.self) : p(r.points),
              p(r.review),
              p(r.city),
              r.note,
            ]),
            ['', 'TỔNG CỘNG', p(v.maxTotal), p(v.total), '', '', reached],
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
    'Giám sát',
    'Thẩm định',
    'Điểm tính',
    'Ghi chú',
  ]);
  header.font = { bold: true };
  for (const r of scoringRows(v)) {
    const row = ws.addRow([r.code, r.name, r.max, r.self, r.review, r.city, r.points, r.note]);
    if (r.kind !== 'indicator') row.font = { bold: true };
  }
  ws.addRow(['', 'Tổng cộng', v.maxTotal, null, null, null, v.total, LEVEL_LABELS[v.level]]).font = {
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
      r.total,
      r.level === null ? '' : LEVEL_LABELS[r.level],
      r.recognisedLevel === null ? '' : LEVEL_LABELS[r.recognisedLevel],
      r.decisionNumber ?? '',
      r.decisionDate ?? '',
    ]);
  });
  ws.columns = [
    { width: 6 },
    { width: 30 },
    { width: 12 },
    { width: 22 },
    { width: 30 },
    { width: 10 },
    { width: 16 },
    { width: 16 },
    { width: 18 },
    { width: 14 },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
