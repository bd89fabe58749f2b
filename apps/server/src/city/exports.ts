import type { CommuneRow } from '@cqtt/contract/city';
import { COMMUNE_KIND_LABELS, formatIndex, type StageCounts, vietnamDate } from '@cqtt/domain';
import { type Block, buildOfficialDocument } from '../documents/official.ts';
import { tableXlsx } from '../documents/xlsx-table.ts';
import type { RequestContext } from '../http/route.ts';
import { cityHome } from './city-home.ts';
import { type CompareQuery, compareCommunes } from './compare-communes.ts';

const pct = (v: number | null) => (v === null ? '' : formatIndex(v));
const lvl = (v: number | null) => (v === null ? '' : v === 0 ? 'Chưa đạt' : `Mức ${v}`);
const num = (v: number | null) => (v === null ? null : v);

/** The side-by-side view as the console shows it (same filters, same order), one row per commune. */
export async function communesXlsx(ctx: RequestContext, q: CompareQuery) {
  const view = await compareCommunes(ctx, q);
  const range = view.from === view.to ? `năm ${view.to}` : `${view.from}-${view.to} (số liệu năm ${view.to})`;
  const groups = view.items[0]?.groups ?? [];
  return {
    name: `Cac xa canh nhau ${view.from === view.to ? view.to : `${view.from}-${view.to}`}.xlsx`,
    bytes: await tableXlsx({
      sheetName: 'Cac xa',
      title: `KẾT QUẢ THỰC HIỆN MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN” CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU ${range.toLocaleUpperCase('vi-VN')}`,
      subtitle: `Trích xuất ngày ${vietnamDate(new Date()).split('-').reverse().join('/')}; ${view.total} đơn vị`,
      columns: [
        { header: 'Hạng', width: 7, center: true },
        { header: 'Mã', width: 16 },
        { header: 'Tên', width: 28 },
        { header: 'Loại', width: 10 },
        { header: 'Bước', width: 26 },
        { header: 'Mức đăng ký', width: 10, center: true },
        { header: 'Đăng ký đúng hạn', width: 10, center: true },
        { header: 'Mức tự đánh giá', width: 10, center: true },
        { header: 'Mức công nhận', width: 10, center: true },
        { header: 'Số quyết định', width: 16 },
        { header: 'Tổng điểm', width: 9, numFmt: '0.00' },
        ...groups.map((g) => ({ header: `Nhóm ${g.code} (${g.maxPoints})`, width: 10, numFmt: '0.00' })),
        { header: 'Chỉ số hài lòng', width: 10 },
        { header: 'Số câu trả lời', width: 10, numFmt: '#,##0' },
        ...(view.items[0]?.satisfaction.elements ?? []).map((e) => ({ header: e.name, width: 12 })),
        { header: 'Hài lòng tại quầy', width: 10 },
        { header: 'Lượt đánh giá tại quầy', width: 11, numFmt: '#,##0' },
        { header: 'Phản ánh nhận', width: 9, numFmt: '#,##0' },
        { header: 'Đã trả lời', width: 9, numFmt: '#,##0' },
        { header: 'Trả lời đúng hạn', width: 9, numFmt: '#,##0' },
        { header: 'Quá hạn chưa trả lời', width: 9, numFmt: '#,##0' },
        { header: 'Nhiệm vụ đúng hạn', width: 10 },
        { header: 'Hoạt động tuyên truyền', width: 10, numFmt: '#,##0' },
        { header: 'Thôn được tuyên truyền', width: 10 },
        { header: 'Kinh phí đã chi / dự toán', width: 11 },
        { header: 'SIPAS (%)', width: 9 },
        { header: 'PAR INDEX (%)', width: 9 },
        ...(view.from === view.to ? [] : [{ header: `Mức công nhận ${view.from}-${view.to}`, width: 20 }]),
      ],
      rows: view.items.map((r: CommuneRow) => [
        r.rank,
        r.communeCode,
        r.communeName,
        COMMUNE_KIND_LABELS[r.kind],
        r.stageLabel,
        num(r.registeredLevel),
        r.registeredOnTime === null ? '' : r.registeredOnTime ? 'Có' : 'Không',
        lvl(r.selfLevel),
        lvl(r.recognisedLevel),
        r.decisionNumber ?? '',
        r.total,
        ...groups.map((g) => r.groups.find((x) => x.code === g.code)?.points ?? null),
        pct(r.satisfaction.index),
        r.satisfaction.answers,
        ...r.satisfaction.elements.map((e) => `${pct(e.index)} (${e.answers})`),
        pct(r.counter.index),
        r.counter.ratings,
        r.feedback.received,
        r.feedback.answered,
        r.feedback.answeredOnTime,
        r.feedback.overdue,
        pct(r.tasksOnTimeShare),
        r.outreach.activities,
        r.outreach.activeVillages === 0 ? '' : `${r.outreach.coveredVillages}/${r.outreach.activeVillages}`,
        pct(r.budget.spentShare),
        r.official.sipas,
        r.official.parIndex,
        ...(view.from === view.to
          ? []
          : [r.years.map((y) => `${y.year}: ${lvl(y.recognisedLevel) || '—'}`).join('; ')]),
      ]),
    }),
  };
}

function stageParagraphs(s: StageCounts, year: number): Block[] {
  return [
    {
      kind: 'paragraph',
      text: `Toàn thành phố có ${s.communes} xã, phường, đặc khu. Đăng ký mức độ năm ${year}: ${s.registeredOnTime} đơn vị đăng ký đúng hạn (trước ngày 15/02), ${s.registeredLate} đơn vị đăng ký muộn, ${s.notRegistered} đơn vị chưa đăng ký.`,
    },
    {
      kind: 'paragraph',
      text: `Tự đánh giá, chấm điểm: ${s.submittedOnTime} đơn vị gửi hồ sơ đúng hạn (trước ngày 12/11), ${s.submittedLate} đơn vị gửi muộn, ${s.inProgress} đơn vị đang tự chấm, ${s.notOpened} đơn vị chưa mở hồ sơ${s.notSubmittedOverdue ? `; ${s.notSubmittedOverdue} đơn vị quá hạn chưa gửi` : ''}. Thành phố đã trả ${s.returned} hồ sơ để bổ sung, đang thẩm định ${s.appraising} hồ sơ, đã công nhận ${s.recognised} đơn vị.`,
    },
  ];
}

/**
 * "Báo cáo tổng hợp kết quả thực hiện mô hình của các xã, phường, đặc khu năm N" (NĐ 30): the
 * year's stages, the distribution by level against the targets, the communes behind, and the table
 * of every commune (same figures as the side-by-side view) as its appendix.
 */
export async function cityReportDocx(ctx: RequestContext, year: number) {
  const [home, view, city] = await Promise.all([
    cityHome(ctx, year),
    compareCommunes(ctx, { year, sort: 'name' }),
    ctx.db
      .selectFrom('cities')
      .select(['name'])
      .where('id', '=', ctx.actor!.cityId)
      .executeTakeFirstOrThrow(),
  ]);
  const cityName = city.name.replace(/^Thành phố\s+/iu, '');
  const gapText = home.gaps
    .filter((g) => g.target !== null || g.reached > 0)
    .map(
      (g) =>
        `mức ${g.level} trở lên: ${g.reached} đơn vị (${pct(g.share)})${g.target === null ? '' : `, chỉ tiêu ${pct(g.target)}${g.missing ? `, còn thiếu ${g.missing} đơn vị` : ', đạt chỉ tiêu'}`}`,
    )
    .join('; ');
  const body: Block[] = [
    { kind: 'heading', text: 'I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI' },
    ...stageParagraphs(home.stages, year),
    { kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN' },
    {
      kind: 'paragraph',
      text: `Mức độ được công nhận: ${home.levels.map((l) => `${l.level === 0 ? 'chưa đạt' : `mức ${l.level}`}: ${l.communes}`).join(', ')} đơn vị${gapText ? `; ${gapText}` : ''}.`,
    },
    {
      kind: 'paragraph',
      text: 'Kết quả của từng xã, phường, đặc khu (mức độ, điểm, sự hài lòng, phản ánh, nhiệm vụ, tuyên truyền, kinh phí) tại Phụ lục kèm theo.',
    },
    { kind: 'heading', text: 'III. ĐƠN VỊ CẦN ĐÔN ĐỐC' },
    ...(home.alerts.length === 0
      ? [{ kind: 'paragraph' as const, text: 'Không có đơn vị nào chậm tiến độ.' }]
      : home.alerts.map((a) => ({ kind: 'paragraph' as const, text: `- ${a.text}` }))),
    { kind: 'heading', text: 'IV. ĐÁNH GIÁ CHUNG, ĐỀ XUẤT, KIẾN NGHỊ' },
    { kind: 'paragraph', text: '(Sở Nội vụ bổ sung nhận xét, đánh giá và kiến nghị.)', italic: true },
  ];
  const bytes = await buildOfficialDocument({
    issuer: [`Ủy ban nhân dân ${city.name}`, 'Sở Nội vụ'],
    number: null,
    symbol: 'BC-SNV',
    place: cityName,
    date: null,
    year,
    type: 'Báo cáo',
    subject: `Tổng hợp kết quả thực hiện mô hình “Chính quyền thân thiện” của các xã, phường, đặc khu năm ${year}`,
    body,
    recipients: [`UBND ${city.name} (để báo cáo)`, 'Các xã, phường, đặc khu', 'Lưu: VT, XDCQ'],
    signature: { lines: ['GIÁM ĐỐC'], name: '' },
    appendices: [
      {
        title: 'PHỤ LỤC KẾT QUẢ CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU',
        subtitle: `Năm ${year}`,
        note: `(Kèm theo Báo cáo tổng hợp của Sở Nội vụ ${city.name})`,
        landscape: true,
        table: {
          columns: [
            { header: 'TT', width: 4, align: 'center' },
            { header: 'Đơn vị', width: 18, align: 'left' },
            { header: 'Mức đăng ký', width: 7, align: 'center' },
            { header: 'Điểm', width: 7, align: 'center' },
            { header: 'Mức tự đánh giá', width: 8, align: 'center' },
            { header: 'Mức công nhận', width: 8, align: 'center' },
            { header: 'Hài lòng (số câu trả lời)', width: 12, align: 'center' },
            { header: 'Phản ánh: nhận / trả lời / đúng hạn', width: 12, align: 'center' },
            { header: 'Nhiệm vụ đúng hạn', width: 8, align: 'center' },
            { header: 'Tuyên truyền (thôn)', width: 9, align: 'center' },
            { header: 'Kinh phí đã chi', width: 7, align: 'center' },
          ],
          rows: view.items.map((r, i) => [
            String(i + 1),
            r.communeName,
            r.registeredLevel === null ? '—' : String(r.registeredLevel),
            r.total === null ? '—' : String(r.total).replace('.', ','),
            lvl(r.selfLevel) || '—',
            lvl(r.recognisedLevel) || '—',
            r.satisfaction.index === null ? '—' : `${pct(r.satisfaction.index)} (${r.satisfaction.answers})`,
            `${r.feedback.received} / ${r.feedback.answered} / ${r.feedback.answeredOnTime}`,
            pct(r.tasksOnTimeShare) || '—',
            `${r.outreach.activities} (${r.outreach.coveredVillages}/${r.outreach.activeVillages})`,
            pct(r.budget.spentShare) || '—',
          ]),
        },
      },
    ],
    creator: 'cqtt',
  });
  return { name: `Bao cao tong hop cac xa nam ${year}.docx`, bytes };
}
