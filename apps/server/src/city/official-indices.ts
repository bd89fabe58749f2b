import { parseIsoDate, vietnamDate } from '@cqtt/domain';
import type { FastifyRequest } from 'fastify';
import { audited } from '../audit/service.ts';
import { num, str } from '../criteria/sets-xlsx.ts';
import { tableXlsx } from '../documents/xlsx-table.ts';
import { readUpload } from '../files/routes.ts';
import { readXlsxImport } from '../files/xlsx-import.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import * as store from './store.ts';

/**
 * The official SIPAS and PAR INDEX results the city publishes, per commune and year (the table of
 * issue 12; entered one by one there, imported here from an XLSX: every row checked first, every
 * bad row listed, nothing stored unless every row is right).
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

export async function listIndices(ctx: RequestContext, year: number) {
  const rows = await ctx.db
    .selectFrom('official_indices as i')
    .innerJoin('communes as c', 'c.id', 'i.commune_id')
    .select([
      'i.commune_id',
      'c.code',
      'c.name',
      'i.year',
      'i.index_kind',
      'i.value',
      'i.rank',
      'i.decision',
      'i.decision_date',
    ])
    .where('i.commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .where('i.year', '=', year)
    .orderBy('c.name')
    .orderBy('i.index_kind')
    .execute();
  return rows.map((r) => ({
    communeId: r.commune_id,
    communeCode: r.code,
    communeName: r.name,
    year: r.year,
    kind: r.index_kind,
    value: r.value / 100,
    rank: r.rank,
    decision: r.decision,
    decisionDate: r.decision_date,
  }));
}

function requireCity(ctx: RequestContext) {
  if (ctx.actor!.communeId !== null) throw forbidden('Chỉ Sở Nội vụ nhập kết quả chỉ số chính thức.');
}

/** A template to fill: one row per commune of the city, codes and names written in. */
export async function indicesTemplate(ctx: RequestContext, year: number) {
  requireCity(ctx);
  const communes = await store.communesOfCity(ctx.db, ctx.actor!.cityId);
  return tableXlsx({
    sheetName: 'Chi so',
    title: `KẾT QUẢ CHỈ SỐ SIPAS, PAR INDEX NĂM ${year}`,
    subtitle: 'Điền giá trị (%) với tối đa hai chữ số thập phân; để trống chỉ số chưa công bố.',
    columns: COLUMNS.map((header, i) => ({ header, width: [16, 32, 8, 12, 12, 14, 14, 40, 16][i]! })),
    rows: communes.map((c) => [c.code, c.name, year, null, null, null, null, null, null]),
  });
}

interface Parsed {
  row: number;
  communeId: string;
  year: number;
  kind: 'sipas' | 'par_index';
  value: number;
  rank: number | null;
  decision: string;
  decisionDate: string | null;
}

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
  const today = vietnamDate(new Date());
  const problems: { path: string; message: string }[] = [];
  const out: Parsed[] = [];
  const seen = new Set<string>();
  for (const { n, cells: row } of sheet.rows) {
    if (n <= header) continue;
    const cells = Array.from({ length: 9 }, (_, i) => row[i] ?? null);
    const [code, , yearCell, sipas, sipasRank, par, parRank, decision, date] = cells;
    if (cells.every((c) => str(c ?? null) === '')) continue;
    const at = `Dòng ${n}`;
    const bad = (message: string) => problems.push({ path: `rows.${n}`, message: `${at}: ${message}` });
    const commune = byCode.get(str(code ?? null).toUpperCase());
    if (!commune) {
      bad(`mã xã “${str(code ?? null)}” không thuộc thành phố.`);
      continue;
    }
    const year = num(yearCell ?? null);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      bad('năm không hợp lệ.');
      continue;
    }
    const values: ['sipas' | 'par_index', unknown, unknown][] = [
      ['sipas', sipas, sipasRank],
      ['par_index', par, parRank],
    ];
    const given = values.filter(([, v]) => str((v as never) ?? null) !== '');
    if (given.length === 0) continue; // nothing published for this commune yet
    const decisionText = str(decision ?? null);
    if (!decisionText) bad('thiếu quyết định công bố.');
    let decisionDate: string | null = null;
    if (str(date ?? null)) {
      const d = str(date ?? null);
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(d);
      decisionDate = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : d.slice(0, 10);
      if (!parseIsoDate(decisionDate)) {
        bad('ngày quyết định không hợp lệ (dd/mm/yyyy).');
        decisionDate = null;
      } else if (decisionDate > today) bad('ngày quyết định ở tương lai.');
      else if (Number(decisionDate.slice(0, 4)) < year)
        bad('quyết định không thể ban hành trước năm được đánh giá.');
    }
    const key = `${commune.id}|${year}`;
    if (seen.has(key)) bad(`xã ${commune.name} năm ${year} đã có ở một dòng trước.`);
    seen.add(key);
    for (const [kind, v, rank] of given) {
      const label = kind === 'sipas' ? 'SIPAS' : 'PAR INDEX';
      const value = num(v as never);
      if (!Number.isFinite(value) || value < 0 || value > 100) {
        bad(`${label} phải là số từ 0 đến 100.`);
        continue;
      }
      if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
        bad(`${label} ghi tối đa hai chữ số thập phân.`);
        continue;
      }
      const r = str((rank as never) ?? null) === '' ? null : num(rank as never);
      if (r !== null && (!Number.isInteger(r) || r < 1)) {
        bad(`xếp hạng ${label} phải là số nguyên dương.`);
        continue;
      }
      out.push({
        row: n,
        communeId: commune.id,
        year,
        kind,
        value,
        rank: r,
        decision: decisionText,
        decisionDate,
      });
    }
  }

  if (problems.length > 0)
    throw badRequest(
      `Tệp có ${problems.length} dòng lỗi; chưa lưu dòng nào. ${problems.map((p) => p.message).join(' ')}`.slice(
        0,
        2000,
      ),
      problems,
    );
  if (out.length === 0) throw badRequest('Tệp không có dòng kết quả nào để nhập.');
  return out;
}

export async function importIndices(ctx: RequestContext, req: FastifyRequest) {
  requireCity(ctx);
  const upload = await readUpload(req);
  const rows = await parseIndices(ctx, upload.bytes);
  const actor = ctx.actor!;
  await audited(ctx, async (trx) => {
    for (const r of rows)
      await store.upsertIndex(trx, {
        city_id: actor.cityId,
        commune_id: r.communeId,
        year: r.year,
        index_kind: r.kind,
        value: Math.round(r.value * 100),
        rank: r.rank,
        decision: r.decision,
        decision_date: r.decisionDate,
        entered_by: actor.userId,
      });
    return {
      result: null,
      audit: {
        action: 'official_indices.import',
        entityType: 'official_indices',
        entityId: upload.name || 'import.xlsx',
        communeId: null,
        after: rows.map((r) => ({
          communeId: r.communeId,
          year: r.year,
          kind: r.kind,
          value: r.value,
          rank: r.rank,
        })),
      },
    };
  });
  return { year: Math.max(...rows.map((r) => r.year)), saved: rows.length };
}
