/**
 * A year's task status as a spreadsheet: one row per occurrence, the same occurrences the
 * console lists (plans/occurrences.ts), in appendix order.
 */
import { formatVietnameseDate, type IsoDate, OCCURRENCE_STATUS_LABELS } from '@cqtt/domain';
import ExcelJS from 'exceljs';

export interface OccurrenceExportData {
  communeName: string;
  planTitle: string;
  year: number;
  /** The day status is judged on (Việt Nam's today). */
  today: IsoDate;
  /** The year's occurrences as plans/occurrences.ts computes them for the console. */
  rows: OccurrenceRow[];
}

export interface OccurrenceRow {
  taskNumber: number;
  content: string;
  scheduleText: string;
  dueDate: IsoDate | null;
  leadName: string;
  status: keyof typeof OCCURRENCE_STATUS_LABELS;
  progress: number;
  completedOn: IsoDate | null;
  fulfilledText: string | null;
}

export const XLSX_HEADERS = [
  'STT',
  'Nhiệm vụ',
  'Thời gian thực hiện',
  'Hạn',
  'Cơ quan chủ trì',
  'Trạng thái',
  'Tiến độ (%)',
  'Ngày hoàn thành',
  'Ghi chú',
] as const;

const STATUS_FILL: Record<OccurrenceRow['status'], string> = {
  done: 'FFE2F0D9',
  overdue: 'FFF8CBAD',
  in_progress: 'FFFFF2CC',
  not_started: 'FFFFFFFF',
};

export async function occurrencesXlsx(data: OccurrenceExportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cqtt';
  const sheet = workbook.addWorksheet(`Năm ${data.year}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const font = { name: 'Times New Roman', size: 12 };
  sheet.columns = [
    { width: 6 },
    { width: 70 },
    { width: 22 },
    { width: 14 },
    { width: 28 },
    { width: 16 },
    { width: 11 },
    { width: 16 },
    { width: 44 },
  ];
  sheet.mergeCells('A1:I1');
  sheet.getCell('A1').value = `TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ NĂM ${data.year}`;
  sheet.getCell('A1').font = { ...font, size: 14, bold: true };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:I2');
  sheet.getCell('A2').value =
    `${data.planTitle} — ${data.communeName}. Số liệu đến ngày ${formatVietnameseDate(data.today)}.`;
  sheet.getCell('A2').font = { ...font, italic: true };
  sheet.getCell('A2').alignment = { horizontal: 'center', wrapText: true };
  sheet.getRow(2).height = 32;

  const header = sheet.getRow(4);
  header.values = [...XLSX_HEADERS];
  header.font = { ...font, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 30;

  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  header.eachCell((cell) => {
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });

  const asDate = (iso: IsoDate) => {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  };
  for (const r of [...data.rows].sort((a, b) => a.taskNumber - b.taskNumber)) {
    const row = sheet.addRow([
      r.taskNumber,
      r.content,
      r.scheduleText,
      r.dueDate ? asDate(r.dueDate) : 'Thường xuyên',
      r.leadName,
      OCCURRENCE_STATUS_LABELS[r.status],
      r.progress,
      r.completedOn ? asDate(r.completedOn) : null,
      r.fulfilledText ?? '',
    ]);
    row.font = font;
    row.alignment = { vertical: 'top', wrapText: true };
    for (const col of [1, 3, 4, 6, 7, 8])
      row.getCell(col).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.getCell(8).numFmt = 'dd/mm/yyyy';
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
    });
    row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[r.status] } };
  }
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: XLSX_HEADERS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
