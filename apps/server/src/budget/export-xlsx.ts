import type { Estimate as Detail } from '@cqtt/contract/budget';
import { BUDGET_STATUS_LABELS, formatVietnameseDate, formatVnd, vietnamDate } from '@cqtt/domain';
import { dayCell, tableXlsx, VND_FORMAT } from '../documents/xlsx-table.ts';

/** The year's estimate as a table: one row per line, then its spendings, then the totals. */
export function budgetXlsx(detail: Detail, communeName: string): Promise<Buffer> {
  const rows: (string | number | Date | null)[][] = [];
  for (const line of detail.lines) {
    rows.push([
      line.number,
      line.content,
      line.sourceLabel,
      line.amount,
      line.approvedAmount,
      line.spent,
      line.approvedAmount === null ? null : line.remaining,
      null,
      line.note,
    ]);
    for (const s of line.spendings) {
      rows.push([
        '',
        `– ${s.content}`,
        '',
        null,
        null,
        s.amount,
        null,
        dayCell(s.spentOn),
        s.overReason ? `Chi vượt: ${s.overReason}` : '',
      ]);
    }
  }
  const t = detail.totals;
  return tableXlsx({
    sheetName: `Năm ${detail.year}`,
    title: `DỰ TOÁN VÀ TÌNH HÌNH SỬ DỤNG KINH PHÍ NĂM ${detail.year}`,
    subtitle: `${detail.title} — ${communeName}. ${BUDGET_STATUS_LABELS[detail.status]}; số liệu đến ngày ${formatVietnameseDate(
      vietnamDate(new Date()),
    )}. Tổng đã chi ${formatVnd(t.spent)}.`,
    columns: [
      { header: 'STT', width: 6, center: true },
      { header: 'Nội dung', width: 60 },
      { header: 'Nguồn kinh phí', width: 22 },
      { header: 'Dự toán (đồng)', width: 18, numFmt: VND_FORMAT },
      { header: 'Được duyệt (đồng)', width: 18, numFmt: VND_FORMAT },
      { header: 'Đã chi (đồng)', width: 18, numFmt: VND_FORMAT },
      { header: 'Còn lại (đồng)', width: 18, numFmt: VND_FORMAT },
      { header: 'Ngày chi', width: 13, numFmt: 'dd/mm/yyyy', center: true },
      { header: 'Ghi chú', width: 36 },
    ],
    rows,
    footer: [['', 'Tổng cộng', '', t.estimated, t.approved, t.spent, t.remaining, null, '']],
  });
}
