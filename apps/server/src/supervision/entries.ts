import type { SupervisionEntry } from '@cqtt/contract/supervision';
import {
  answerDateProblem,
  bodyFor,
  entryDateProblem,
  keptBodies,
  SUPERVISION_BODY_LABELS,
  SUPERVISION_KIND_LABELS,
  type SupervisionBody,
  type SupervisionKind,
  vietnamDate,
} from '@cqtt/domain';
import { dayCell } from '../documents/xlsx-table.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import type { XlsxDescription } from '../register/export.ts';
import { checkRefs, loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { supervisionTable } from './store.ts';

/**
 * Giám sát, phản biện xã hội: Ủy ban MTTQ xã keeps its entries, Ban Xây dựng Đảng its own; the
 * commune (Phòng VH-XH, a leader) answers the findings. Each body writes only its own entries; an
 * answered entry is no longer removed (the answer refers to it).
 */

type EntryRow = Row<'supervision_entries'>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

async function views(ctx: RequestContext, rows: EntryRow[]): Promise<SupervisionEntry[]> {
  const refs = await loadRefs(ctx.db, rows, {
    units: true,
    users: rows.flatMap((r) => [r.created_by, r.answered_by]),
    files: rows.flatMap((r) => [...r.file_ids, ...r.answer_file_ids]),
  });
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    body: r.body,
    bodyLabel: SUPERVISION_BODY_LABELS[r.body],
    kind: r.kind,
    kindLabel: SUPERVISION_KIND_LABELS[r.kind],
    year: r.year,
    subject: r.subject,
    heldOn: day(r.held_on)!,
    unit: refs.unit(r.unit_id),
    findings: r.findings,
    recommendations: r.recommendations,
    files: refs.files(r.file_ids),
    answer: r.answer,
    answeredOn: day(r.answered_on),
    answeredBy: refs.user(r.answered_by),
    answerFiles: refs.files(r.answer_file_ids),
    createdBy: refs.user(r.created_by),
  }));
}

interface EntryInput {
  kind: SupervisionKind;
  year: number;
  subject: string;
  heldOn: string;
  unitId?: string | null;
  findings: string;
  recommendations?: string;
  fileIds?: string[];
}

export const entries = defineRegister<'supervision_entries', SupervisionEntry, EntryInput>({
  ...supervisionTable,
  audit: {
    entity: 'supervision_entry',
    create: 'supervision.create',
    update: 'supervision.update',
    remove: 'supervision.delete',
  },
  fields: {
    kind: 'kind',
    year: 'year',
    subject: 'subject',
    heldOn: 'held_on',
    unitId: 'unit_id',
    findings: 'findings',
    recommendations: 'recommendations',
    fileIds: 'file_ids',
  },
  view: views,
  guard(ctx, write, before) {
    const actor = ctx.actor!;
    if (!before) {
      // a commune's own body records; a city account reads only
      if (!actor.communeId)
        throw forbidden('Chỉ Ủy ban MTTQ và Ban Xây dựng Đảng của xã ghi được giám sát, phản biện.');
      return;
    }
    if (!keptBodies(actor.roles).includes(before.body))
      throw forbidden(
        `Chỉ ${SUPERVISION_BODY_LABELS[before.body]} sửa được mục giám sát, phản biện của mình.`,
      );
    if (write === 'remove' && before.answered_on)
      throw badRequest('Mục này đã được xã trả lời; không xóa được, chỉ sửa được nội dung.');
  },
  check(_ctx, _communeId, input, before) {
    const year = input.year ?? before?.year;
    const heldOn = input.heldOn ?? day(before?.held_on);
    if (year !== undefined && heldOn) {
      const problem = entryDateProblem(year, heldOn, vietnamDate(new Date()));
      if (problem) throw badRequest(problem, [{ path: input.heldOn ? 'heldOn' : 'year', message: problem }]);
    }
    // an answered entry keeps the date its answer follows
    if (before?.answered_on && heldOn && heldOn > day(before.answered_on)!)
      throw badRequest('Ngày giám sát, phản biện không thể sau ngày xã đã trả lời.', [
        { path: 'heldOn', message: 'Sau ngày trả lời.' },
      ]);
    return undefined;
  },
  created(ctx) {
    const chosen = bodyFor(ctx.actor!.roles);
    if ('problem' in chosen) throw forbidden(chosen.problem);
    return { body: chosen.body satisfies SupervisionBody, created_by: ctx.actor!.userId };
  },
});

/**
 * The commune answers an entry: its answer, the day (today unless said; neither before the entry
 * nor in the future) and files. Answering again replaces the answer (audited, the before kept).
 */
export async function answerEntry(
  ctx: RequestContext,
  id: string,
  input: { answer: string; answeredOn?: string; fileIds?: string[] },
) {
  const before = await entries.find(ctx, id);
  if (ctx.actor!.communeId !== before.commune_id)
    throw forbidden('Chỉ Phòng Văn hóa - Xã hội hoặc lãnh đạo UBND của xã trả lời được.');
  const today = vietnamDate(new Date());
  const answeredOn = input.answeredOn ?? today;
  const problem = answerDateProblem(day(before.held_on)!, answeredOn, today);
  if (problem) throw badRequest(problem, [{ path: 'answeredOn', message: problem }]);
  const refs = await checkRefs(ctx.db, before.commune_id, { fileIds: input.fileIds });
  return entries.change(
    ctx,
    before,
    {
      answer: input.answer,
      answered_on: answeredOn,
      answered_by: ctx.actor!.userId,
      ...(refs.fileIds ? { answer_file_ids: refs.fileIds } : {}),
    },
    'supervision.answer',
  );
}

export const entriesXlsx: XlsxDescription<SupervisionEntry, { year?: number }> = {
  fileName: (q) => `Giam sat phan bien${q.year ? ` ${q.year}` : ''}.xlsx`,
  sheetName: (q) => (q.year ? `Năm ${q.year}` : 'Giám sát, phản biện'),
  title: (q) =>
    `GIÁM SÁT, PHẢN BIỆN XÃ HỘI VIỆC THỰC HIỆN MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN”${q.year ? ` NĂM ${q.year}` : ''}`,
  columns: [
    { header: 'STT', width: 6, center: true },
    { header: 'Hình thức', width: 16 },
    { header: 'Cơ quan', width: 20 },
    { header: 'Ngày', width: 12, numFmt: 'dd/mm/yyyy', center: true },
    { header: 'Nội dung', width: 40 },
    { header: 'Đơn vị được giám sát', width: 26 },
    { header: 'Kết quả, phát hiện', width: 50 },
    { header: 'Kiến nghị', width: 40 },
    { header: 'Xã trả lời', width: 50 },
    { header: 'Ngày trả lời', width: 12, numFmt: 'dd/mm/yyyy', center: true },
  ],
  rows: (items) =>
    items.map((e, i) => [
      i + 1,
      e.kindLabel,
      e.bodyLabel,
      dayCell(e.heldOn),
      e.subject,
      e.unit?.name ?? '',
      e.findings,
      e.recommendations,
      e.answer,
      dayCell(e.answeredOn),
    ]),
};
