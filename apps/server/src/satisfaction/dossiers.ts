import { foldVietnamese, onTimeShare, parseDossierDate, parseDossierStatus, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { readXlsxImport } from '../files/xlsx-import.ts';
import { badRequest, conflict } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { cellKey, cellsOf, type FigureScope, yearSpan } from '../measures/registry.ts';
import { managedCommune } from './access.ts';

type Field = 'code' | 'procedure' | 'received' | 'due' | 'returned' | 'status';

/** Column headings the one-stop system's exports use, folded (no diacritics, lower case). */
const HEADINGS: Record<Field, string[]> = {
  code: ['ma ho so', 'so ho so', 'code', 'ma'],
  procedure: ['ma thu tuc', 'thu tuc', 'ma tthc', 'procedure'],
  received: ['ngay tiep nhan', 'ngay nhan', 'received'],
  due: ['ngay hen tra', 'han xu ly', 'ngay hen', 'due'],
  returned: ['ngay tra ket qua', 'ngay tra', 'ngay hoan thanh', 'returned'],
  status: ['trang thai', 'tinh trang', 'status'],
};

export const MAX_DOSSIER_ROWS = 50_000;

/** Splits CSV text (comma or semicolon, quotes doubled inside quotes). */
export function parseCsv(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (quoted) {
      if (ch === '"' && clean[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && clean[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The first sheet's rows as text (read off the main thread, after the ZIP limits: xlsx-import.ts). */
async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const [first] = await readXlsxImport(bytes);
  const header = first?.rows.at(0);
  if (!first || !header) return [];
  const text = (r: { cells: (string | number | null)[] }) =>
    Array.from(r.cells, (c) => (c === null ? '' : String(c)));
  // a sheet without the needed columns is refused from its header, without decoding every row
  if (dossierColumns(text(header)).problems.length) return [text(header)];
  return Array.from(first.rows, text);
}

export interface ParsedDossier {
  code: string;
  procedureCode: string;
  receivedOn: string | null;
  dueOn: string | null;
  returnedOn: string | null;
  status: 'received' | 'processing' | 'returned' | 'cancelled';
}

function readCsv(bytes: Buffer): string[][] {
  try {
    return parseCsv(bytes.toString('utf8'));
  } catch {
    throw badRequest('Không đọc được tệp. Vui lòng dùng tệp CSV (UTF-8) hoặc Excel (XLSX).');
  }
}

/** Where each field's column is in the header row, and the columns that are missing. */
function dossierColumns(headerRow: string[]) {
  const header = headerRow.map((h) => foldVietnamese(h).trim().toLowerCase());
  const col = {} as Record<Field, number>;
  for (const field of Object.keys(HEADINGS) as Field[]) {
    col[field] = header.findIndex((h) => HEADINGS[field].includes(h));
  }
  const problems: { path: string; message: string }[] = [];
  for (const field of ['code', 'due', 'status'] as Field[]) {
    if (col[field] < 0) {
      problems.push({ path: 'file', message: `Thiếu cột «${HEADINGS[field][0]}» ở dòng tiêu đề.` });
    }
  }
  return { col, problems };
}

/** Reads the rows; every problem is reported with its row number, nothing is half-imported. */
export function readDossierRows(rows: string[][]): {
  dossiers: ParsedDossier[];
  problems: { path: string; message: string }[];
} {
  const noData = { dossiers: [], problems: [{ path: 'file', message: 'Tệp không có dòng dữ liệu nào.' }] };
  if (rows.length === 0) return noData;
  const { col, problems } = dossierColumns(rows[0]!);
  if (problems.length) return { dossiers: [], problems };
  if (rows.length < 2) return noData;
  if (rows.length - 1 > MAX_DOSSIER_ROWS) {
    return {
      dossiers: [],
      problems: [{ path: 'file', message: `Mỗi lần nhập tối đa ${MAX_DOSSIER_ROWS} hồ sơ.` }],
    };
  }
  const dossiers: ParsedDossier[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (f: Field) => (col[f] >= 0 ? (r[col[f]] ?? '').trim() : '');
    const code = get('code').toUpperCase();
    const date = (f: Field, label: string) => {
      const raw = get(f);
      if (!raw) return null;
      const d = parseDossierDate(raw);
      if (!d)
        problems.push({ path: `row ${line}`, message: `Dòng ${line}: ${label} «${raw}» không hợp lệ.` });
      return d;
    };
    if (!/^[A-Z0-9./_-]{1,40}$/.test(code)) {
      problems.push({ path: `row ${line}`, message: `Dòng ${line}: mã hồ sơ «${code}» không hợp lệ.` });
      return;
    }
    if (seen.has(code)) {
      problems.push({ path: `row ${line}`, message: `Dòng ${line}: mã hồ sơ ${code} bị lặp trong tệp.` });
      return;
    }
    seen.add(code);
    const status = parseDossierStatus(get('status'));
    if (!status)
      problems.push({
        path: `row ${line}`,
        message: `Dòng ${line}: trạng thái «${get('status')}» không rõ.`,
      });
    const d: ParsedDossier = {
      code,
      procedureCode: get('procedure').slice(0, 50),
      receivedOn: date('received', 'ngày tiếp nhận'),
      dueOn: date('due', 'ngày hẹn trả'),
      returnedOn: date('returned', 'ngày trả kết quả'),
      status: status ?? 'received',
    };
    dossiers.push(d);
  });
  return { dossiers, problems };
}

/** Imports (adds or updates by code) the dossiers of a CSV or XLSX file, all or nothing. */
export async function importDossiers(
  ctx: RequestContext,
  input: { communeId?: string; fileName: string; contentBase64: string },
) {
  const communeId = await managedCommune(ctx, input.communeId);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  // an XLSX is read by the import reader, which answers its own Vietnamese 4xx
  const rows = bytes.subarray(0, 2).toString('latin1') === 'PK' ? await parseXlsx(bytes) : readCsv(bytes);
  const { dossiers, problems } = readDossierRows(rows);
  if (problems.length) throw badRequest(problems[0]!.message, problems.slice(0, 100));
  return audited(ctx, async (trx) => {
    for (let i = 0; i < dossiers.length; i += 500) {
      await trx
        .insertInto('dossiers')
        .values(
          dossiers.slice(i, i + 500).map((d) => ({
            commune_id: communeId,
            code: d.code,
            procedure_code: d.procedureCode,
            received_on: d.receivedOn,
            due_on: d.dueOn,
            returned_on: d.returnedOn,
            status: d.status,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['commune_id', 'code']).doUpdateSet((eb) => ({
            procedure_code: eb.ref('excluded.procedure_code'),
            received_on: eb.ref('excluded.received_on'),
            due_on: eb.ref('excluded.due_on'),
            returned_on: eb.ref('excluded.returned_on'),
            status: eb.ref('excluded.status'),
            imported_at: new Date(),
          })),
        )
        .execute();
    }
    return {
      result: { imported: dossiers.length },
      audit: {
        action: 'dossiers.import',
        entityType: 'dossier_import',
        entityId: communeId,
        communeId,
        after: { fileName: input.fileName, rows: dossiers.length },
      },
    };
  });
}

/**
 * One dossier entered by hand at the counter (when the one-stop system's list is not imported
 * yet): from then on a rating with its code counts as one with a dossier code.
 */
export async function enterDossier(
  ctx: RequestContext,
  input: {
    communeId?: string;
    code: string;
    procedureCode?: string;
    receivedOn?: string;
    dueOn?: string;
  },
) {
  const communeId = await managedCommune(ctx, input.communeId);
  const code = input.code.trim().toUpperCase();
  if (input.receivedOn && input.dueOn && input.dueOn < input.receivedOn) {
    const message = 'Ngày hẹn trả phải sau hoặc trùng ngày tiếp nhận.';
    throw badRequest(message, [{ path: 'dueOn', message }]);
  }
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('dossiers')
      .values({
        commune_id: communeId,
        code,
        procedure_code: input.procedureCode?.trim() ?? '',
        received_on: input.receivedOn ?? vietnamDate(new Date()),
        due_on: input.dueOn ?? null,
        returned_on: null,
        status: 'received',
      })
      .onConflict((oc) => oc.columns(['commune_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict(`Hồ sơ ${code} đã có trong danh sách.`);
    return {
      result: { id: row.id, code },
      audit: {
        action: 'dossiers.enter',
        entityType: 'dossier',
        entityId: row.id,
        communeId,
        after: { code, procedureCode: input.procedureCode ?? '', receivedOn: input.receivedOn ?? null },
      },
    };
  });
}

/** The share of dossiers returned on time in a commune's year (GET /api/satisfaction/dossiers/on-time). */
export async function dossierFigures(
  db: Kysely<DB>,
  communeId: string,
  year: number,
  today = vietnamDate(new Date()),
) {
  const cells = await dossierFiguresFor(db, { communeIds: [communeId], years: [year], today });
  return { year, ...cells.get(cellKey(communeId, year))! };
}

/** The same share for every commune and year of a scope, in one query. */
export async function dossierFiguresFor(db: Kysely<DB>, scope: FigureScope) {
  const span = yearSpan(scope);
  const rows = await db
    .selectFrom('dossiers')
    .select(['commune_id', 'received_on', 'due_on', 'returned_on'])
    .where('commune_id', 'in', [...scope.communeIds])
    .where('status', '<>', 'cancelled')
    .where('received_on', '>=', span.from)
    .where('received_on', '<=', span.to)
    .execute();
  const byCell = new Map<string, { dueOn: string | null; returnedOn: string | null }[]>();
  for (const r of rows) {
    const key = cellKey(r.commune_id, Number(String(r.received_on).slice(0, 4)));
    const list = byCell.get(key) ?? [];
    list.push({ dueOn: r.due_on, returnedOn: r.returned_on });
    byCell.set(key, list);
  }
  return cellsOf(scope, (communeId, year) =>
    onTimeShare(byCell.get(cellKey(communeId, year)) ?? [], scope.today),
  );
}
