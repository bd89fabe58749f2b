import type { Activity } from '@cqtt/contract/outreach';
import { can, OUTREACH_KIND_LABELS, outreachCoverage, placeProblem } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { dayCell } from '../documents/xlsx-table.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { defineRegister } from '../register/define.ts';
import type { XlsxDescription } from '../register/export.ts';
import { loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { outreachFigures } from './figures.ts';
import { activityTable, coverageRows, documentsOf } from './store.ts';

/** Outreach activities: logged by units, MTTQ and village heads; coverage per village and channel. */

type ActivityRow = Row<'outreach_activities'>;

/** Phòng VH-XH edits any activity; others the ones they recorded or their unit held. */
function mayEdit(actor: Actor, row: ActivityRow) {
  return (
    can(actor.roles, 'outreach.manage') ||
    row.created_by === actor.userId ||
    (actor.unitId !== null && actor.unitId === row.unit_id)
  );
}

async function views(ctx: RequestContext, rows: ActivityRow[]): Promise<Activity[]> {
  if (rows.length === 0) return [];
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  const [refs, documents] = await Promise.all([
    loadRefs(ctx.db, rows, {
      units: true,
      villages: true,
      users: rows.map((r) => r.created_by),
      files: rows.flatMap((r) => r.file_ids),
    }),
    documentsOf(ctx.db, communeIds),
  ]);
  const doc = new Map(documents.map((d) => [d.id, { id: d.id, number: d.number, title: d.title }]));
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    kind: r.kind,
    kindLabel: OUTREACH_KIND_LABELS[r.kind],
    title: r.title,
    heldOn: String(r.held_on).slice(0, 10),
    place: r.place,
    village: refs.village(r.village_id),
    unit: refs.unit(r.unit_id),
    audience: r.audience,
    content: r.content,
    documents: r.document_ids.flatMap((id) => (doc.has(id) ? [doc.get(id)!] : [])),
    files: refs.files(r.file_ids),
    links: r.links,
    isPublic: r.is_public,
    createdBy: r.created_by ? { id: r.created_by, fullName: refs.user(r.created_by)?.fullName ?? '' } : null,
  }));
}

interface ActivityInput {
  kind: ActivityRow['kind'];
  title: string;
  heldOn: string;
  place?: string;
  villageId?: string | null;
  unitId?: string | null;
  audience?: number | null;
  content?: string;
  documentIds?: string[];
  fileIds?: string[];
  links?: string[];
  isPublic?: boolean;
}

export const activities = defineRegister<'outreach_activities', Activity, ActivityInput>({
  ...activityTable,
  audit: {
    entity: 'outreach_activity',
    create: 'outreach.create',
    update: 'outreach.update',
    remove: 'outreach.delete',
  },
  fields: {
    kind: 'kind',
    title: 'title',
    heldOn: 'held_on',
    place: 'place',
    villageId: 'village_id',
    unitId: 'unit_id',
    audience: 'audience',
    content: 'content',
    documentIds: 'document_ids',
    fileIds: 'file_ids',
    links: 'links',
    isPublic: 'is_public',
  },
  view: views,
  guard(ctx, write, before) {
    if (before && !mayEdit(ctx.actor!, before)) {
      const verb = write === 'remove' ? 'xóa' : 'sửa';
      throw forbidden(
        `Chỉ người ghi, đơn vị tổ chức hoặc Phòng Văn hóa - Xã hội được ${verb} hoạt động này.`,
      );
    }
  },
  async check(ctx, communeId, input, before) {
    // a place or a village: where the activity was held
    const place = input.place ?? before?.place ?? '';
    const villageId = input.villageId === undefined ? (before?.village_id ?? null) : input.villageId;
    const problem = placeProblem(place, villageId);
    if (problem) throw badRequest(problem, [{ path: 'place', message: problem }]);
    if (input.documentIds === undefined) return undefined;
    const unique = [...new Set(input.documentIds)];
    if ((await documentsOf(ctx.db, [communeId], unique)).length !== unique.length) {
      const message = 'Có văn bản không có trong thư viện văn bản của xã.';
      throw badRequest(message, [{ path: 'documentIds', message }]);
    }
    return { document_ids: unique };
  },
  created: (ctx, _communeId, input) => ({
    // an activity belongs to the recorder's unit unless the form names another (or none)
    ...(input.unitId === undefined ? { unit_id: ctx.actor!.unitId } : {}),
    created_by: ctx.actor!.userId,
  }),
});

type ActivityQuery = { year?: number };

/** The year's activities as the table the commune files: oldest first, with their evidence. */
export const activitiesXlsx: XlsxDescription<Activity, ActivityQuery> = {
  fileName: (q) => `Tuyên truyền${q.year ? ` ${q.year}` : ''}.xlsx`,
  sheetName: (q) => (q.year ? `Năm ${q.year}` : 'Tuyên truyền'),
  title: (q) => `HOẠT ĐỘNG TUYÊN TRUYỀN VỀ MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN”${q.year ? ` NĂM ${q.year}` : ''}`,
  subtitle: (items, commune) =>
    `${commune.name}. ${items.length} hoạt động, ${items.reduce((s, r) => s + (r.audience ?? 0), 0)} lượt người tham dự.`,
  columns: [
    { header: 'STT', width: 6, center: true },
    { header: 'Ngày', width: 12, numFmt: 'dd/mm/yyyy', center: true },
    { header: 'Hình thức', width: 20 },
    { header: 'Nội dung', width: 50 },
    { header: 'Địa điểm / thôn', width: 28 },
    { header: 'Đơn vị tổ chức', width: 28 },
    { header: 'Số người', width: 10, numFmt: '#,##0' },
    { header: 'Văn bản tuyên truyền', width: 36 },
    { header: 'Minh chứng', width: 30 },
  ],
  rows: (items) =>
    items
      .slice()
      .reverse()
      .map((r, i) => [
        i + 1,
        dayCell(r.heldOn),
        r.kindLabel,
        r.title,
        [r.place, r.village?.name].filter(Boolean).join(' — '),
        r.unit?.name ?? '',
        r.audience,
        r.documents.map((d) => [d.number, d.title].filter(Boolean).join(' ')).join('; '),
        [...r.files.map((f) => f.name), ...r.links].join('; '),
      ]),
};

/** A year's coverage of a commune: per active village and per channel. */
export async function coverageOf(db: Kysely<DB>, communeId: string, year: number, until?: string) {
  const [[rows, villages], totals] = await Promise.all([
    coverageRows(db, communeId, year, until),
    outreachFigures(
      db,
      { communeIds: [communeId], years: [year], today: until ?? `${year}-12-31` },
      until ?? null,
    ),
  ]);
  // The year's totals are the figures the city compares (one computation: outreach/figures.ts).
  const total = totals.get(cellKey(communeId, year))!;
  const coverage = outreachCoverage(
    villages.map((v) => v.id),
    rows.map((a) => ({ kind: a.kind, villageId: a.village_id, audience: a.audience })),
  );
  const name = new Map(villages.map((v) => [v.id, v.name]));
  return {
    year,
    ...coverage,
    activities: total.activities,
    audience: total.audience,
    activeVillages: total.activeVillages,
    coveredVillages: total.coveredVillages,
    share: total.villageShare,
    villages: coverage.villages.map((v) => ({ ...v, name: name.get(v.villageId) ?? '' })),
    channels: coverage.channels.map((c) => ({ ...c, label: OUTREACH_KIND_LABELS[c.kind] })),
  };
}

export async function coverage(ctx: RequestContext, communeId: string | undefined, year: number) {
  return coverageOf(ctx.db, await resolveCommuneId(ctx.db, ctx.actor!, communeId), year);
}
