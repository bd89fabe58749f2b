/**
 * The criteria set as a workbook with the same columns as the JSON interchange
 * format: sheet "Thông tin" (code, name, issuedBy, decision, effectiveFrom: a date cell), sheet
 * "Chỉ tiêu" (one row per indicator, its criterion and group repeated or left blank
 * to continue the row above), sheet "Mức" (one row per level: as many as the decision defines).
 * The optional last column "deduction" marks a deduction criterion (điểm trừ: "x"); a workbook
 * made before it existed has none and reads as before.
 */
import type { CriteriaSetInput } from '@cqtt/domain';
import ExcelJS from 'exceljs';
import { dayCell } from '../documents/xlsx-table.ts';
import { type Cell, type ImportedSheet, readXlsxImport } from '../files/xlsx-import.ts';
import { badRequest } from '../http/errors.ts';

export const INFO_SHEET = 'Thông tin';
export const ROWS_SHEET = 'Chỉ tiêu';
export const LEVELS_SHEET = 'Mức';
export const ROW_COLUMNS = [
  'groupCode',
  'groupName',
  'criterionCode',
  'criterionName',
  'criterionMaxPoints',
  'passPoints',
  'responsibleUnit',
  'evidence',
  'guidance',
  'indicatorCode',
  'indicatorName',
  'indicatorMaxPoints',
  'measure',
] as const;
/** Optional: a deduction criterion is marked "x" (or có, 1, true) on its rows. */
export const DEDUCTION_COLUMN = 'deduction';
const YES = new Set(['x', 'có', 'co', '1', 'true', 'trừ', 'tru']);
export const LEVEL_COLUMNS = ['level', 'minTotal', 'mandatory', 'minGroupShare', 'minIndex'] as const;
const INFO_KEYS = ['code', 'name', 'issuedBy', 'decision', 'effectiveFrom'] as const;

export async function setToXlsx(set: CriteriaSetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cqtt';
  const info = wb.addWorksheet(INFO_SHEET);
  info.columns = [
    { header: 'key', width: 16 },
    { header: 'value', width: 80 },
  ];
  for (const key of INFO_KEYS) {
    if (key !== 'effectiveFrom') info.addRow([key, set[key]]);
    // a date cell shown dd/mm/yyyy, as every date in our workbooks; it reads back as YYYY-MM-DD
    else info.addRow([key, dayCell(set[key])]).getCell(2).numFmt = 'dd/mm/yyyy';
  }
  const rows = wb.addWorksheet(ROWS_SHEET);
  rows.columns = [...ROW_COLUMNS, DEDUCTION_COLUMN].map((c) => ({
    header: c,
    width: c.endsWith('Name') ? 50 : 14,
  }));
  for (const g of set.groups)
    for (const c of g.criteria)
      for (const i of c.indicators)
        rows.addRow([
          g.code,
          g.name,
          c.code,
          c.name,
          c.maxPoints,
          c.passPoints ?? c.maxPoints,
          c.responsibleUnit ?? '',
          c.evidence ?? '',
          c.guidance ?? '',
          i.code,
          i.name,
          i.maxPoints,
          i.measure ?? '',
          c.deduction ? 'x' : '',
        ]);
  const levels = wb.addWorksheet(LEVELS_SHEET);
  levels.columns = LEVEL_COLUMNS.map((c) => ({ header: c, width: 20 }));
  for (const l of set.levels)
    levels.addRow([
      l.level,
      l.minTotal,
      (l.mandatory ?? []).join(', '),
      l.minGroupShare ?? '',
      Object.entries(l.minIndex ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    ]);
  for (const ws of [info, rows, levels]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const str = (v: Cell) => (v === null ? '' : String(v).trim());
/** A number cell; text such as "12,5" is read with the decimal comma; NaN when not a number. */
export function num(v: Cell): number {
  if (typeof v === 'number') return v;
  const s = str(v).replace(',', '.');
  return s === '' ? Number.NaN : Number(s);
}

function sheetRows(ws: ImportedSheet | undefined, name: string) {
  if (!ws)
    throw badRequest(`Tệp thiếu trang tính “${name}”.`, [{ path: name, message: 'Thiếu trang tính.' }]);
  const first = ws.rows.find((r) => r.n === 1);
  const header = (first?.cells ?? []).map((v) => str(v));
  const out: { row: number; get: (col: string) => Cell }[] = [];
  for (const { n, cells } of ws.rows) {
    if (n === 1) continue;
    if (cells.every((v) => str(v) === '')) continue;
    out.push({ row: n, get: (col) => cells[header.indexOf(col)] ?? null });
  }
  return { header, rows: out };
}

/**
 * Reads a workbook into the interchange format; the domain then checks it like JSON. The
 * workbook is read by the import reader (ZIP limits first, then a worker thread).
 */
export async function xlsxToSet(bytes: Buffer): Promise<CriteriaSetInput> {
  const sheets = await readXlsxImport(bytes);
  const sheet = (name: string) => sheets.find((x) => x.name === name);
  sheetRows(sheet(INFO_SHEET), INFO_SHEET);
  const infoMap = new Map<string, string>();
  for (const { cells } of sheet(INFO_SHEET)!.rows) {
    const [k, v] = cells;
    if (k !== undefined && k !== null) infoMap.set(str(k), str(v ?? null));
  }
  const rows = sheetRows(sheet(ROWS_SHEET), ROWS_SHEET);
  const problems: { path: string; message: string }[] = [];
  for (const col of ROW_COLUMNS) {
    if (!rows.header.includes(col))
      problems.push({ path: `${ROWS_SHEET}.${col}`, message: `Thiếu cột “${col}”.` });
  }
  const levelRows = sheetRows(sheet(LEVELS_SHEET), LEVELS_SHEET);
  for (const col of LEVEL_COLUMNS) {
    if (!levelRows.header.includes(col)) {
      problems.push({ path: `${LEVELS_SHEET}.${col}`, message: `Thiếu cột “${col}”.` });
    }
  }
  if (problems.length) throw badRequest('Tệp Excel thiếu cột của định dạng bộ tiêu chí.', problems);

  const set: CriteriaSetInput = {
    code: infoMap.get('code') ?? '',
    name: infoMap.get('name') ?? '',
    issuedBy: infoMap.get('issuedBy') ?? '',
    decision: infoMap.get('decision') ?? '',
    effectiveFrom: infoMap.get('effectiveFrom') ?? '',
    groups: [],
    levels: [],
  };
  let group: CriteriaSetInput['groups'][number] | undefined;
  let criterion: CriteriaSetInput['groups'][number]['criteria'][number] | undefined;
  for (const r of rows.rows) {
    const gCode = str(r.get('groupCode'));
    if (gCode && gCode !== group?.code) {
      group = set.groups.find((g) => g.code === gCode);
      if (!group) {
        group = { code: gCode, name: str(r.get('groupName')), criteria: [] };
        set.groups.push(group);
      }
      criterion = undefined;
    }
    if (!group) {
      problems.push({ path: `${ROWS_SHEET}.${r.row}.groupCode`, message: `Dòng ${r.row}: thiếu mã nhóm.` });
      continue;
    }
    const cCode = str(r.get('criterionCode'));
    if (cCode && cCode !== criterion?.code) {
      const pass = r.get('passPoints');
      criterion = {
        code: cCode,
        name: str(r.get('criterionName')),
        maxPoints: num(r.get('criterionMaxPoints')),
        passPoints: str(pass) === '' ? null : num(pass),
        responsibleUnit: str(r.get('responsibleUnit')) || null,
        evidence: str(r.get('evidence')),
        guidance: str(r.get('guidance')),
        ...(YES.has(str(r.get(DEDUCTION_COLUMN)).toLocaleLowerCase('vi-VN')) ? { deduction: true } : {}),
        indicators: [],
      };
      group.criteria.push(criterion);
    }
    if (!criterion) {
      problems.push({
        path: `${ROWS_SHEET}.${r.row}.criterionCode`,
        message: `Dòng ${r.row}: thiếu mã tiêu chí.`,
      });
      continue;
    }
    criterion.indicators.push({
      code: str(r.get('indicatorCode')),
      name: str(r.get('indicatorName')),
      maxPoints: num(r.get('indicatorMaxPoints')),
      measure: str(r.get('measure')) || null,
    });
  }
  for (const r of levelRows.rows) {
    const minIndex: Record<string, number> = {};
    for (const part of str(r.get('minIndex')).split(';')) {
      if (!part.trim()) continue;
      const [k, v] = part.split('=');
      minIndex[str(k ?? '')] = num(v ?? '');
    }
    const share = r.get('minGroupShare');
    set.levels.push({
      level: num(r.get('level')),
      minTotal: num(r.get('minTotal')),
      mandatory: str(r.get('mandatory'))
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      minGroupShare: str(share) === '' ? null : num(share),
      minIndex,
    });
  }
  if (problems.length) throw badRequest(`Tệp Excel có ${problems.length} lỗi, chưa lưu gì.`, problems);
  return set;
}
