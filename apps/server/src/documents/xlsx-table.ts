/**
 * A one-sheet table as XLSX, in the look plans/export-xlsx.ts set: a bold
 * centred title, an italic subtitle, a framed header row, Times New Roman.
 * The yearly tables of budget, outreach, villages and rewards use it.
 */
import ExcelJS from 'exceljs';

export interface XlsxColumn {
  header: string;
  width: number;
  /** Excel number format, e.g. '#,##0' or 'dd/mm/yyyy'. */
  numFmt?: string;
  center?: boolean;
}

export type XlsxCell = string | number | Date | null;

export interface XlsxTable {
  sheetName: string;
  title: string;
  subtitle?: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
  /** Rows after the data, in bold (totals). */
  footer?: XlsxCell[][];
}

/** 'YYYY-MM-DD' as a date cell (UTC midnight, so Excel shows the same day). */
export function dayCell(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export async function tableXlsx(table: XlsxTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cqtt';
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const font = { name: 'Times New Roman', size: 12 };
  const last = columnLetter(table.columns.length);
  sheet.columns = table.columns.map((c) => ({ width: c.width }));
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = table.title;
  sheet.getCell('A1').font = { ...font, size: 14, bold: true };
  sheet.getCell('A1').alignment = { horizontal: 'center', wrapText: true };
  sheet.getRow(1).height = 36;
  if (table.subtitle) {
    sheet.mergeCells(`A2:${last}2`);
    sheet.getCell('A2').value = table.subtitle;
    sheet.getCell('A2').font = { ...font, italic: true };
    sheet.getCell('A2').alignment = { horizontal: 'center', wrapText: true };
    sheet.getRow(2).height = 32;
  }
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const header = sheet.getRow(4);
  header.values = table.columns.map((c) => c.header);
  header.font = { ...font, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  const add = (values: XlsxCell[], bold: boolean) => {
    const row = sheet.addRow(values);
    row.font = { ...font, bold };
    row.alignment = { vertical: 'top', wrapText: true };
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.center) cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
      cell.border = border;
    });
  };
  for (const values of table.rows) add(values, false);
  for (const values of table.footer ?? []) add(values, true);
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel format for whole đồng with Vietnamese thousands separators ("1.250.000"). */
export const VND_FORMAT = '#,##0';
