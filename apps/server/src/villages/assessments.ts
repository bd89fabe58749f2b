import type { Assessment } from '@cqtt/contract/villages';
import { assessmentProblem, can, culturalFamilyShare, meetsCulturalTitle } from '@cqtt/domain';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import { loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { assessmentOf, assessmentTable, headedVillage } from './store.ts';

/** Villages' yearly assessments: the village head enters his village's, Phòng VH-XH any and reviews. */

type AssessmentRow = Row<'village_assessments'>;

/** Phòng VH-XH enters any village's results; a village head only his own village's. */
export async function mayEnter(ctx: RequestContext, villageId: string) {
  const actor = ctx.actor!;
  if (can(actor.roles, 'villages.review')) return true;
  if (!can(actor.roles, 'villages.assess') || !actor.communeId) return false;
  return (await headedVillage(ctx.db, actor.communeId, actor.userId)) === villageId;
}

export async function requireEnter(ctx: RequestContext, villageId: string) {
  if (await mayEnter(ctx, villageId)) return;
  if (!can(ctx.actor!.roles, 'villages.assess')) throw forbidden();
  throw forbidden('Trưởng thôn chỉ nhập kết quả của thôn mình.');
}

export async function views(ctx: RequestContext, rows: AssessmentRow[]): Promise<Assessment[]> {
  const refs = await loadRefs(ctx.db, rows, {
    villages: true,
    users: rows.map((r) => r.reviewed_by),
    files: rows.flatMap((r) => r.file_ids),
  });
  return rows.map((r) => {
    const figures = {
      households: r.households,
      culturalFamilies: r.cultural_families,
      modelItems: r.model_items,
    };
    return {
      id: r.id,
      communeId: r.commune_id,
      village: { id: r.village_id, name: refs.village(r.village_id)?.name ?? '' },
      year: r.year,
      households: r.households,
      culturalFamilies: r.cultural_families,
      culturalFamilyShare: culturalFamilyShare(figures),
      modelItems: r.model_items,
      meetsTitle: meetsCulturalTitle(figures),
      proposeTitle: r.propose_title,
      note: r.note,
      files: refs.files(r.file_ids),
      status: r.status,
      titleAchieved: r.title_achieved,
      reviewNote: r.review_note,
      reviewedBy: r.reviewed_by
        ? { id: r.reviewed_by, fullName: refs.user(r.reviewed_by)?.fullName ?? '' }
        : null,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    };
  });
}

interface AssessmentInput {
  villageId: string;
  year: number;
  households: number;
  culturalFamilies: number;
  modelItems?: string[];
  proposeTitle?: boolean;
  note?: string;
  fileIds?: string[];
}

export const assessments = defineRegister<'village_assessments', Assessment, AssessmentInput>({
  ...assessmentTable,
  audit: { entity: 'village_assessment', create: 'villages.assess', update: 'villages.update' },
  fields: {
    villageId: 'village_id',
    year: 'year',
    households: 'households',
    culturalFamilies: 'cultural_families',
    modelItems: 'model_items',
    proposeTitle: 'propose_title',
    note: 'note',
    fileIds: 'file_ids',
  },
  view: views,
  async guard(ctx, _write, before) {
    if (!before) return;
    await requireEnter(ctx, before.village_id);
    if (before.status === 'reviewed' && !can(ctx.actor!.roles, 'villages.review')) {
      throw badRequest('Kết quả đã được Phòng Văn hóa - Xã hội xem xét; không sửa được nữa.');
    }
  },
  async check(ctx, communeId, input, before) {
    if (!before) await requireEnter(ctx, input.villageId!);
    const problem = assessmentProblem({
      households: input.households ?? before!.households,
      culturalFamilies: input.culturalFamilies ?? before!.cultural_families,
      modelItems: input.modelItems ?? before?.model_items ?? [],
    });
    if (problem) throw badRequest(problem.message, [problem]);
    if (!before && (await assessmentOf(ctx.db, communeId, input.villageId!, input.year!))) {
      throw conflict(`Thôn này đã có kết quả năm ${input.year}; vui lòng sửa kết quả đã nhập.`);
    }
    return input.modelItems ? { model_items: [...new Set(input.modelItems)] } : undefined;
  },
  created: (ctx) => ({ created_by: ctx.actor!.userId }),
});
