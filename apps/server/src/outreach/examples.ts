import type { GoodExample } from '@cqtt/contract/outreach';
import { can, GOOD_EXAMPLE_KIND_LABELS } from '@cqtt/domain';
import { forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import type { XlsxDescription } from '../register/export.ts';
import { loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { exampleTable, unitCode } from './store.ts';

/**
 * Good examples (gương điển hình, cách làm hay) and units that fall short, recorded by
 * Trung tâm Dịch vụ sự nghiệp công (plan, part V.6) or the coordinator.
 */

export const SERVICE_CENTRE_CODE = 'TTDVSNC';

type ExampleRow = Row<'good_examples'>;

async function requireRecorder(ctx: RequestContext) {
  const actor = ctx.actor!;
  if (!can(actor.roles, 'outreach.examples')) throw forbidden();
  if (actor.roles.includes('admin') || actor.roles.includes('coordinator')) return;
  if ((await unitCode(ctx.db, actor.unitId)) !== SERVICE_CENTRE_CODE) {
    throw forbidden(
      'Chỉ Trung tâm Dịch vụ sự nghiệp công hoặc Phòng Văn hóa - Xã hội ghi nhận gương điển hình.',
    );
  }
}

async function views(ctx: RequestContext, rows: ExampleRow[]): Promise<GoodExample[]> {
  const refs = await loadRefs(ctx.db, rows, {
    units: true,
    villages: true,
    files: rows.flatMap((r) => r.file_ids),
  });
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    kind: r.kind,
    kindLabel: GOOD_EXAMPLE_KIND_LABELS[r.kind],
    year: r.year,
    subject: r.subject,
    unit: refs.unit(r.unit_id),
    village: refs.village(r.village_id),
    title: r.title,
    content: r.content,
    files: refs.files(r.file_ids),
    links: r.links,
  }));
}

interface ExampleInput {
  kind: ExampleRow['kind'];
  year: number;
  subject: string;
  unitId?: string | null;
  villageId?: string | null;
  title: string;
  content?: string;
  fileIds?: string[];
  links?: string[];
}

export const examples = defineRegister<'good_examples', GoodExample, ExampleInput>({
  ...exampleTable,
  audit: {
    entity: 'good_example',
    create: 'outreach.example_create',
    update: 'outreach.example_update',
    remove: 'outreach.example_delete',
  },
  fields: {
    kind: 'kind',
    year: 'year',
    subject: 'subject',
    unitId: 'unit_id',
    villageId: 'village_id',
    title: 'title',
    content: 'content',
    fileIds: 'file_ids',
    links: 'links',
  },
  view: views,
  guard: (ctx) => requireRecorder(ctx),
  created: (ctx) => ({ created_by: ctx.actor!.userId }),
});

export const examplesXlsx: XlsxDescription<GoodExample, { year?: number }> = {
  fileName: () => 'Gương điển hình.xlsx',
  sheetName: () => 'Gương điển hình',
  title: (q) =>
    `GƯƠNG ĐIỂN HÌNH, CÁCH LÀM HAY VÀ ĐƠN VỊ THỰC HIỆN CHƯA NGHIÊM TÚC${q.year ? ` NĂM ${q.year}` : ''}`,
  columns: [
    { header: 'STT', width: 6, center: true },
    { header: 'Năm', width: 8, center: true },
    { header: 'Loại', width: 26 },
    { header: 'Tập thể, cá nhân', width: 30 },
    { header: 'Nội dung', width: 60 },
    { header: 'Minh chứng', width: 36 },
  ],
  rows: (items) =>
    items.map((r, i) => [
      i + 1,
      r.year,
      r.kindLabel,
      r.subject,
      [r.title, r.content].filter(Boolean).join('\n'),
      [...r.files.map((f) => f.name), ...r.links].join('; '),
    ]),
};
