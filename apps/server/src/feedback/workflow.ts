import { excerpt, type FeedbackAction, type FeedbackStatus, nextStatus, vietnamDate } from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { createNotifications } from '../notify/service.ts';
import { actorMay, addEvent, findItem, type ItemRow, itemDetail, refused } from './items.ts';

const VERBS: Record<FeedbackAction, string> = {
  accept: 'tiếp nhận',
  reject: 'từ chối',
  merge: 'gộp',
  route_out: 'chuyển theo quy định khiếu nại, tố cáo',
  assign: 'giao đơn vị',
  draft: 'dự thảo trả lời',
  return: 'trả lại dự thảo',
  approve: 'duyệt',
  publish: 'công bố trả lời',
  rate: 'đánh giá',
};

export interface ActionInput {
  note?: string;
  reason?: string;
  unitId?: string;
  intoId?: string;
  answer?: string;
  /** approve: publish at once (default true). */
  publish?: boolean;
}

/**
 * Takes one step of the workflow on an item: checks who may take it and that
 * the status machine allows it now, then writes the item, its history and the
 * audit row in one transaction. The update is conditional on the status read,
 * so two people acting at once cannot both succeed.
 */
export async function act(ctx: RequestContext, id: string, action: FeedbackAction, input: ActionInput) {
  const actor = ctx.actor!;
  const item = await findItem(ctx, id);
  if (!actorMay(actor, item, action)) {
    if (item.kind === 'difficulty')
      throw badRequest(
        'Vướng mắc của đơn vị được trả lời trong mục Vướng mắc của kế hoạch, không qua các bước này.',
      );
    throw forbidden(
      action === 'draft'
        ? 'Chỉ đơn vị được giao hoặc Phòng Văn hóa - Xã hội được dự thảo trả lời.'
        : action === 'approve' || action === 'return'
          ? 'Chỉ lãnh đạo UBND được duyệt hoặc trả lại dự thảo trả lời.'
          : 'Bạn không có quyền thực hiện bước này.',
    );
  }
  const from = item.status as FeedbackStatus;
  let to = nextStatus(from, action);
  if (!to) throw refused(VERBS[action], from);
  const today = vietnamDate(new Date());
  const set: Record<string, unknown> = { status: to, updated_at: new Date() };
  let note = input.note?.trim() ?? '';
  const notify: { userIds: string[]; title: string }[] = [];

  switch (action) {
    case 'reject':
    case 'route_out': {
      const text = (action === 'reject' ? input.reason : input.note)?.trim() ?? '';
      if (!text)
        throw badRequest(
          action === 'reject'
            ? 'Vui lòng ghi lý do không thụ lý.'
            : 'Vui lòng ghi nơi chuyển và hướng dẫn cho người dân.',
          [{ path: action === 'reject' ? 'reason' : 'note', message: 'Trường này là bắt buộc.' }],
        );
      note = text;
      set.decision_note = text;
      set.answered_on = today;
      break;
    }
    case 'merge': {
      if (!input.intoId || input.intoId === item.id)
        throw badRequest('Vui lòng chọn phản ánh khác để gộp vào.', [
          { path: 'intoId', message: 'Không hợp lệ.' },
        ]);
      const target = await ctx.db
        .selectFrom('feedback_items')
        .select(['id', 'status', 'kind', 'tracking_code', 'merged_into_id'])
        .where('commune_id', '=', item.commune_id)
        .where('id', '=', input.intoId)
        .executeTakeFirst();
      if (target?.kind !== 'feedback') throw notFound('Phản ánh được gộp vào');
      if (['merged', 'rejected', 'routed_out'].includes(target.status))
        throw badRequest('Không gộp vào một phản ánh đã bị gộp, từ chối hoặc chuyển đi.', [
          { path: 'intoId', message: 'Phản ánh này đã đóng.' },
        ]);
      set.merged_into_id = target.id;
      set.answered_on = today;
      note = note || `Gộp vào ${target.tracking_code}`;
      break;
    }
    case 'assign': {
      if (!input.unitId)
        throw badRequest('Vui lòng chọn đơn vị xử lý.', [{ path: 'unitId', message: 'Bắt buộc.' }]);
      const unit = await ctx.db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('commune_id', '=', item.commune_id)
        .where('id', '=', input.unitId)
        .where('is_active', '=', true)
        .executeTakeFirst();
      if (!unit) throw notFound('Đơn vị');
      set.unit_id = unit.id;
      note = note ? `${unit.name}: ${note}` : unit.name;
      const users = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('commune_id', '=', item.commune_id)
        .where('unit_id', '=', unit.id)
        .where('is_active', '=', true)
        .where((eb) => eb(eb.val('focal'), '=', eb.fn.any('roles')))
        .execute();
      notify.push({ userIds: users.map((u) => u.id), title: 'Phản ánh mới được giao cho đơn vị' });
      break;
    }
    case 'draft': {
      const answer = input.answer?.trim() ?? '';
      if (!answer)
        throw badRequest('Vui lòng nhập nội dung trả lời.', [{ path: 'answer', message: 'Bắt buộc.' }]);
      set.answer = answer;
      const leaders = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('commune_id', '=', item.commune_id)
        .where('is_active', '=', true)
        .where((eb) => eb(eb.val('leader'), '=', eb.fn.any('roles')))
        .execute();
      notify.push({ userIds: leaders.map((u) => u.id), title: 'Dự thảo trả lời phản ánh chờ duyệt' });
      break;
    }
    case 'return':
      if (!note)
        throw badRequest('Vui lòng ghi ý kiến khi trả lại dự thảo.', [
          { path: 'note', message: 'Bắt buộc.' },
        ]);
      break;
    case 'approve':
      if (input.publish !== false) {
        to = 'published';
        set.status = to;
        set.answered_on = today;
      }
      break;
    case 'publish':
      set.answered_on = today;
      break;
  }

  const at = new Date();
  await audited(ctx, async (trx) => {
    const after = await trx
      .updateTable('feedback_items')
      .set(set)
      .where('commune_id', '=', item.commune_id)
      .where('id', '=', item.id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
    if (!after) throw refused(VERBS[action], from);
    await addEvent(trx, {
      communeId: item.commune_id,
      itemId: item.id,
      action,
      status: action === 'approve' && to === 'published' ? 'approved' : to!,
      note,
      actorId: actor.userId,
      at,
    });
    if (action === 'approve' && to === 'published')
      await addEvent(trx, {
        communeId: item.commune_id,
        itemId: item.id,
        action: 'publish',
        status: 'published',
        actorId: actor.userId,
        // a moment later, so the history reads in order
        at: new Date(at.getTime() + 1),
      });
    for (const n of notify)
      await createNotifications(
        trx,
        n.userIds.map((userId) => ({
          communeId: item.commune_id,
          userId,
          kind: `feedback.${action}`,
          title: `${n.title}: ${item.tracking_code ?? ''} «${excerpt(item.content, 60)}»`,
          link: `/feedback/${item.id}`,
        })),
      );
    return {
      result: null,
      audit: {
        action: `feedback.${action}`,
        entityType: 'feedback_item',
        entityId: item.id,
        communeId: item.commune_id,
        before: auditable(item),
        after: auditable(after as unknown as ItemRow),
      },
    };
  });
  return itemDetail(ctx, id);
}

/** What the audit keeps of an item: the workflow, not the sender's contact. */
export function auditable(
  r: Pick<
    ItemRow,
    | 'id'
    | 'status'
    | 'unit_id'
    | 'answer'
    | 'decision_note'
    | 'merged_into_id'
    | 'answered_on'
    | 'tracking_code'
  >,
) {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    status: r.status,
    unitId: r.unit_id,
    mergedIntoId: r.merged_into_id,
    decisionNote: r.decision_note,
    answer: r.answer,
    answeredOn: r.answered_on,
  };
}
