import { meetsCulturalTitle } from '@cqtt/domain';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { assessments, requireEnter } from './assessments.ts';

/** The village head sends his results; Phòng VH-XH decides the title. */

export async function submitAssessment(ctx: RequestContext, id: string) {
  const before = await assessments.find(ctx, id);
  await requireEnter(ctx, before.village_id);
  if (before.status !== 'draft') throw badRequest('Chỉ gửi được kết quả đang nhập.');
  return assessments.change(ctx, before, { status: 'submitted' }, 'villages.submit');
}

/** A title for a village below the share or the model's items needs the reason written down. */
export async function reviewAssessment(
  ctx: RequestContext,
  id: string,
  input: { titleAchieved: boolean; note?: string },
) {
  const before = await assessments.find(ctx, id);
  const figures = {
    households: before.households,
    culturalFamilies: before.cultural_families,
    modelItems: before.model_items,
  };
  if (input.titleAchieved && !meetsCulturalTitle(figures) && !input.note?.trim()) {
    const message =
      'Thôn chưa đạt đủ tỷ lệ gia đình văn hóa hoặc các tiêu chí của mô hình; vui lòng ghi rõ lý do công nhận.';
    throw badRequest(message, [{ path: 'note', message }]);
  }
  return assessments.change(
    ctx,
    before,
    {
      status: 'reviewed',
      title_achieved: input.titleAchieved,
      review_note: input.note ?? '',
      reviewed_by: ctx.actor!.userId,
      reviewed_at: new Date(),
    },
    'villages.review',
  );
}
