import { can, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { notifyRoles } from '../criteria/notify.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import * as store from './store.ts';

/**
 * "Return for more material": the city sends a submitted file back to the commune with a written
 * request; the commune answers (with evidence files) and sends it again. Each return is a round,
 * kept for ever; the file's submission date becomes that of the last resubmission.
 */

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export async function roundsView(db: Kysely<DB>, communeId: string, assessmentId: string) {
  const rows = await store.roundsOf(db, communeId, assessmentId);
  const files = await store.filesOf(db, communeId, [...new Set(rows.flatMap((r) => r.file_ids))]);
  const byId = new Map(files.map((f) => [f.id, { ...f, size: Number(f.size) }]));
  return rows.map((r) => ({
    round: r.round,
    request: r.request,
    requestedBy: r.requested_by_name,
    requestedAt: iso(r.requested_at)!,
    answer: r.answer,
    answeredBy: r.answered_by_name,
    answeredAt: iso(r.answered_at),
    files: r.file_ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  }));
}

export async function listRounds(ctx: RequestContext, id: string) {
  const a = await store.findAssessment(ctx.db, ctx.actor!, id);
  if (!a) throw notFound('Hồ sơ tự đánh giá');
  return roundsView(ctx.db, a.commune_id, a.id);
}

/** A city-level account of the commune's own city (a national account only reads). */
function requireCityOf(actor: Actor, cityId: string) {
  if (actor.communeId !== null || !can(actor.roles, 'city.manage') || actor.cityId !== cityId)
    throw forbidden('Chỉ Sở Nội vụ của thành phố được trả hồ sơ để bổ sung.');
}

export async function returnAssessment(ctx: RequestContext, id: string, request: string) {
  const actor = ctx.actor!;
  const a = await store.findAssessment(ctx.db, actor, id);
  if (!a) throw notFound('Hồ sơ tự đánh giá');
  requireCityOf(actor, a.city_id);
  const text = request.trim();
  if (!text) {
    const message = 'Trả hồ sơ phải ghi rõ tài liệu cần bổ sung.';
    throw badRequest(message, [{ path: 'request', message }]);
  }
  if (a.status !== 'submitted')
    throw conflict('Chỉ trả lại được hồ sơ xã đã gửi thành phố và chưa được công nhận.');
  await audited(ctx, async (trx) => {
    if (!(await store.setStatus(trx, a, 'submitted', 'returned')))
      throw conflict('Hồ sơ vừa được người khác chuyển bước; vui lòng tải lại.');
    const previous = await store.roundsOf(trx, a.commune_id, a.id);
    const round = previous.length + 1;
    await trx
      .insertInto('assessment_rounds')
      .values({
        commune_id: a.commune_id,
        assessment_id: a.id,
        round,
        request: text,
        requested_by: actor.userId,
        requested_by_name: actor.fullName,
      })
      .execute();
    await store.addEvent(trx, actor, a, 'city_return', 'returned', text);
    await notifyRoles(
      trx,
      { cityId: a.city_id, communeId: a.commune_id, roles: ['coordinator', 'leader'] },
      {
        aboutCommuneId: a.commune_id,
        kind: 'criteria.city_return',
        title: `Sở Nội vụ trả hồ sơ tự đánh giá năm ${a.year} để bổ sung (lần ${round})`,
        body: text,
        link: `/assessments/${a.id}`,
      },
    );
    return {
      result: null,
      audit: {
        action: 'assessments.city_return',
        entityType: 'assessment',
        entityId: a.id,
        communeId: a.commune_id,
        before: { status: 'submitted' },
        after: { status: 'returned', round, request: text },
      },
    };
  });
  return { id: a.id, status: 'returned', rounds: await roundsView(ctx.db, a.commune_id, a.id) };
}

export async function resubmitAssessment(
  ctx: RequestContext,
  id: string,
  input: { answer: string; fileIds?: string[] },
) {
  const actor = ctx.actor!;
  const a = await store.findAssessment(ctx.db, actor, id);
  if (!a) throw notFound('Hồ sơ tự đánh giá');
  if (actor.communeId !== a.commune_id) throw forbidden('Chỉ xã có hồ sơ mới trả lời và gửi lại.');
  if (a.status !== 'returned') throw conflict('Hồ sơ không ở trạng thái thành phố trả lại để bổ sung.');
  const answer = input.answer.trim();
  if (!answer) {
    const message = 'Hãy trả lời yêu cầu bổ sung của thành phố.';
    throw badRequest(message, [{ path: 'answer', message }]);
  }
  const fileIds = [...new Set(input.fileIds ?? [])];
  if ((await store.filesOf(ctx.db, a.commune_id, fileIds)).length !== fileIds.length) {
    const message = 'Có tệp minh chứng không tồn tại hoặc không thuộc xã này.';
    throw badRequest(message, [{ path: 'fileIds', message }]);
  }
  await audited(ctx, async (trx) => {
    const now = new Date();
    if (!(await store.setStatus(trx, a, 'returned', 'submitted', { submitted_at: now })))
      throw conflict('Hồ sơ vừa được người khác chuyển bước; vui lòng tải lại.');
    const open = await trx
      .updateTable('assessment_rounds')
      .set({
        answer,
        file_ids: fileIds,
        answered_by: actor.userId,
        answered_by_name: actor.fullName,
        answered_at: now,
      })
      .where('commune_id', '=', a.commune_id)
      .where('assessment_id', '=', a.id)
      .where('answer', 'is', null)
      .returning('round')
      .executeTakeFirst();
    await store.addEvent(trx, actor, a, 'resubmit', 'submitted', answer);
    await notifyRoles(
      trx,
      { cityId: a.city_id, communeId: null, roles: ['city'] },
      {
        aboutCommuneId: a.commune_id,
        kind: 'criteria.resubmit',
        title: `${a.commune_name} đã bổ sung và gửi lại hồ sơ tự đánh giá năm ${a.year}`,
        body: answer,
        link: `/assessments/${a.id}`,
      },
    );
    return {
      result: null,
      audit: {
        action: 'assessments.resubmit',
        entityType: 'assessment',
        entityId: a.id,
        communeId: a.commune_id,
        before: { status: 'returned' },
        after: {
          status: 'submitted',
          round: open?.round ?? null,
          answer,
          fileIds,
          submittedOn: vietnamDate(now),
        },
      },
    };
  });
  return { id: a.id, status: 'submitted', rounds: await roundsView(ctx.db, a.commune_id, a.id) };
}
