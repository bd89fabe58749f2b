/**
 * The register of issued documents (sổ đăng ký văn bản đi) and the drafts waiting for a number:
 * searchable without diacritics, exported to XLSX.
 */
import {
  DOCUMENT_KIND_INFO,
  DOCUMENT_STATUS_LABELS,
  type DocumentKind,
  type DocumentStatus,
  documentNumber,
  foldVietnamese,
  formatVietnameseDate,
} from '@cqtt/domain';
import { sql } from 'kysely';
import { containsPattern, foldSql } from '../db/fold.ts';
import { dayCell, tableXlsx } from '../documents/xlsx-table.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { handlerOf } from './kinds.ts';

export interface RegisterFilter {
  communeId?: string;
  /** Issued documents of this register year, drafts about this year. */
  year: number;
  kind?: DocumentKind;
  status?: DocumentStatus;
  q?: string;
}

export async function listDocuments(ctx: RequestContext, filter: RegisterFilter) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, filter.communeId);
  let q = ctx.db
    .selectFrom('documents as d')
    .leftJoin('users as c', 'c.id', 'd.created_by')
    .leftJoin('users as i', 'i.id', 'd.issued_by')
    .leftJoin('documents as old', (j) =>
      j.onRef('old.commune_id', '=', 'd.commune_id').onRef('old.id', '=', 'd.replaces_id'),
    )
    .selectAll('d')
    .select([
      'c.full_name as created_by_name',
      'i.full_name as issued_by_name',
      'old.number as old_number',
      'old.symbol as old_symbol',
      'old.issued_on as old_issued_on',
    ])
    .where('d.commune_id', '=', communeId)
    .where((eb) =>
      eb.or([
        eb.and([eb('d.status', '=', 'issued'), eb('d.register_year', '=', filter.year)]),
        eb.and([eb('d.status', '=', 'draft'), eb('d.year', '=', filter.year)]),
      ]),
    );
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  if (filter.status) q = q.where('d.status', '=', filter.status);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('d.subject')), 'like', pattern),
        eb(foldSql(sql<string>`coalesce(d.number::text, '') || '/' || d.symbol`), 'like', pattern),
        eb(
          foldSql(sql<string>`coalesce(d.signer_name, '') || ' ' || coalesce(d.signer_title, '')`),
          'like',
          pattern,
        ),
        eb(foldSql(sql<string>`array_to_string(d.recipients, ' ')`), 'like', pattern),
      ]),
    );
  }
  const rows = await q
    .orderBy(sql`d.status = 'draft'`, 'desc')
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.symbol')
    .orderBy('d.number', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
  const ids = rows.map((r) => r.id);
  const replacements = ids.length
    ? await ctx.db
        .selectFrom('documents')
        .select(['replaces_id', 'number', 'symbol'])
        .where('commune_id', '=', communeId)
        .where('status', '=', 'issued')
        .where('replaces_id', 'in', ids)
        .execute()
    : [];
  const replacedBy = new Map(
    replacements.map((r) => [r.replaces_id!, documentNumber(r.number!, r.symbol)] as const),
  );
  return rows.map((r) => {
    const info = DOCUMENT_KIND_INFO[r.kind];
    const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);
    return {
      id: r.id,
      communeId: r.commune_id,
      kind: r.kind,
      kindLabel: info.label,
      type: info.type,
      year: r.year,
      status: r.status,
      statusLabel: DOCUMENT_STATUS_LABELS[r.status],
      symbol: r.symbol,
      number: r.number,
      fullNumber: r.number === null ? null : documentNumber(r.number, r.symbol),
      registerYear: r.register_year,
      issuedOn: day(r.issued_on),
      subject: r.subject,
      recordId: r.record_id,
      sections: handlerOf(r.kind).sections.map((s) => ({
        key: s.key,
        label: s.label,
        hint: s.hint ?? '',
        text: r.sections[s.key] ?? '',
      })),
      recipients: r.recipients,
      signerName: r.signer_name,
      signerTitle: r.signer_title,
      sha256: r.sha256,
      fileId: r.file_id,
      replaces:
        r.replaces_id === null
          ? null
          : {
              id: r.replaces_id,
              fullNumber: r.old_number === null ? null : documentNumber(r.old_number, r.old_symbol!),
              issuedOn: day(r.old_issued_on),
            },
      replacedBy: replacedBy.get(r.id) ?? null,
      createdBy: r.created_by_name ?? '',
      issuedBy: r.issued_by_name ?? null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

export type DocumentView = Awaited<ReturnType<typeof listDocuments>>[number];

/** The register as a spreadsheet, in the columns of the register book (Nghị định 30, Phụ lục III). */
export async function registerXlsx(ctx: RequestContext, filter: RegisterFilter, communeName: string) {
  const issued = (await listDocuments(ctx, { ...filter, status: 'issued' })).sort(
    (a, b) => a.symbol.localeCompare(b.symbol) || (a.number ?? 0) - (b.number ?? 0),
  );
  return tableXlsx({
    sheetName: `Sổ văn bản đi ${filter.year}`,
    title: `SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM ${filter.year}`,
    subtitle: `Ủy ban nhân dân ${communeName.charAt(0).toLocaleLowerCase('vi-VN')}${communeName.slice(1)}${filter.q ? ` — tìm “${filter.q}”` : ''}`,
    columns: [
      { header: 'Số, ký hiệu văn bản', width: 16, center: true },
      { header: 'Ngày, tháng văn bản', width: 14, numFmt: 'dd/mm/yyyy', center: true },
      { header: 'Tên loại và trích yếu nội dung văn bản', width: 60 },
      { header: 'Người ký', width: 26 },
      { header: 'Nơi nhận văn bản', width: 36 },
      { header: 'Ghi chú', width: 30 },
    ],
    rows: issued.map((d) => [
      d.fullNumber,
      dayCell(d.issuedOn),
      `${d.type ?? 'Công văn'}: ${d.subject}`,
      `${d.signerTitle ?? ''} ${d.signerName ?? ''}`.trim(),
      d.recipients.join('; '),
      [
        d.replaces?.fullNumber
          ? `Thay thế văn bản số ${d.replaces.fullNumber} ngày ${formatVietnameseDate(d.replaces.issuedOn!)}`
          : '',
        d.replacedBy ? `Đã được thay thế bằng văn bản số ${d.replacedBy}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  });
}
