import { parseIsoDate } from '@cqtt/domain';
import type { FastifyRequest } from 'fastify';
import { num, str } from '../criteria/sets-xlsx.ts';
import { tableXlsx } from '../documents/xlsx-table.ts';
import { readUpload } from '../files/routes.ts';
import { type Cell, readXlsxImport } from '../files/xlsx-import.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { type IndexInput, type IndexKind, indexProblems, requireCity, saveIndices } from './service.ts';
import * as store from './store.ts';

/**
 * A year of official results from an XLSX, one row per commune (the template names them): every row
 * checked first by the rules a typed result meets (service.ts indexProblems), every bad row listed,
 * nothing stored unless every row is right; then stored as if each were typed (saveIndices).
 */

const COLUMNS = [
  'Mã xã',
  'Tên xã, phường, đặc khu',
  'Năm',
  'SIPAS (%)',
  'Xếp hạng SIPAS',
  'PAR INDEX (%)',
  'Xếp hạng PAR INDEX',
  'Quyết định công bố',
  'Ngày quyết định',
];

/** A template to fill: one row per commune of the city, codes and names written in. */
export async function indicesTemplate(ctx: RequestContext, year: number) {
  requireCity(ctx.actor!);
  const communes = await store.communesOfCity(ctx.db, ctx.actor!.cityId);
  return tableXlsx({
    sheetName: 'Chi so',
    title: `KẾT QUẢ CHỈ SỐ SIPAS, PAR INDEX NĂM ${year}`,
    subtitle: 'Điền giá trị (%) với tối đa hai chữ số thập phân; để trống chỉ số chưa công bố.',
    columns: COLUMNS.map((header, i) => ({ header, width: [16, 32, 8, 12, 12, 14, 14, 40, 16][i]! })),
    rows: communes.map((c) => [c.code, c.name, year, null, null, null, null, null, null]),
  });
}

type Parsed = IndexInput & { cityId: string };

/** Reads and checks every row; answers the rows to store, or throws a 400 listing every bad row. */
async function parseIndices(ctx: RequestContext, bytes: Buffer): Promise<Parsed[]> {
  // the ZIP is checked against the import limits before anything is unpacked (files/xlsx-import.ts)
  const sheet = (await readXlsxImport(bytes))[0];
  if (!sheet) throw badRequest('Tệp Excel không có trang tính nào.');
  // The header row is the one whose first cell reads "Mã xã".
  const header = sheet.rows.find((r) => str(r.cells[0] ?? null).toLowerCase() === 'mã xã')?.n ?? 0;
  if (!header) throw badRequest('Không tìm thấy dòng tiêu đề (ô đầu tiên ghi “Mã xã”) theo mẫu tải về.');
  const communes = await store.communesOfCity(ctx.db, ctx.actor!.cityId);
  const byCode = new Map(communes.map((c) => [c.code.toUpperCase(), c]));
  const problems: { path: string; message: string }[] = [];
  const out: Parsed[] = [];
  const seen = new Set<string>();
  for (const { n, cells: row } of sheet.rows) {
    if (n <= header) continue;
    const cells = Array.from({ length: 9 }, (_, i): Cell => row[i] ?? null) as [
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
    ];
    const [code, , yearCell, sipas, sipasRank, par, parRank, decision, date] = cells;
    if (cells.every((c) => str(c) === '')) continue;
    const messages: string[] = [];
    const commune = byCode.get(str(code).toUpperCase());
    const year = num(yearCell);
    if (!commune) messages.push(`mã xã “${str(code)}” không thuộc thành phố.`);
    else if (!Number.isInteger(year) || year < 2000 || year > 2100) messages.push('năm không hợp lệ.');
    else {
      const given = (
        [
          ['sipas', sipas, sipasRank],
          ['par_index', par, parRank],
        ] as const
      ).filter(([, v]) => str(v) !== '');
      let decisionDate: string | null = null;
      const d = str(date);
      if (d) {
        const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(d);
        decisionDate = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : d.slice(0, 10);
        if (!parseIsoDate(decisionDate)) {
          messages.push('ngày quyết định không hợp lệ (dd/mm/yyyy).');
          decisionDate = null;
        }
      }
      const key = `${commune.id}|${year}`;
      if (given.length > 0 && seen.has(key))
        messages.push(`xã ${commune.name} năm ${year} đã có ở một dòng trước.`);
      if (given.length > 0) seen.add(key);
      for (const [kind, v, rank] of given) {
        const input: Parsed = {
          cityId: commune.city_id,
          communeId: commune.id,
          year,
          kind: kind as IndexKind,
          value: num(v),
          rank: str(rank) === '' ? null : num(rank),
          decision: str(decision),
          decisionDate,
        };
        for (const p of indexProblems(input)) {
          const m = /^.[a-zà-ỹ]/u.test(p.message)
            ? p.message.charAt(0).toLowerCase() + p.message.slice(1)
            : p.message;
          if (!messages.includes(m)) messages.push(m);
        }
        out.push(input);
      }
    }
    for (const m of messages) problems.push({ path: `rows.${n}`, message: `Dòng ${n}: ${m}` });
  }
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.path)).size;
    throw badRequest(
      `Tệp có ${rows} dòng lỗi; chưa lưu dòng nào. ${problems.map((p) => p.message).join(' ')}`.slice(
        0,
        2000,
      ),
      problems,
    );
  }
  if (out.length === 0) throw badRequest('Tệp không có dòng kết quả nào để nhập.');
  return out;
}

export async function importIndices(ctx: RequestContext, req: FastifyRequest) {
  requireCity(ctx.actor!);
  const upload = await readUpload(req);
  const rows = await parseIndices(ctx, upload.bytes);
  await saveIndices(ctx, rows, 'import');
  return { year: Math.max(...rows.map((r) => r.year)), saved: rows.length };
}
