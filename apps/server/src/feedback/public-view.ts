import {
  answeredOnTime,
  FEEDBACK_STATUS_LABELS,
  type FeedbackStatus,
  isOverdue,
  maskPersonalData,
  normalizeTrackingCode,
  vietnamDate,
} from '@cqtt/domain';
import { sql } from 'kysely';
import { audited } from '../audit/service.ts';
import { conflict, notFoundForCitizens } from '../http/errors.ts';
import { consumeRateLimit } from '../http/rate-limit.ts';
import type { RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { findPublicCommune } from '../public/routes.ts';
import { feedbackFigures } from './figures.ts';
import { addEvent } from './items.ts';

/** Lookups by code: generous for a citizen, far too few to try codes at random. */
export const LOOKUP_LIMIT = {
  bucket: 'feedback.lookup',
  limit: 60,
  windowSeconds: 600,
  message: 'Ông/bà đã tra cứu quá nhiều lần trong thời gian ngắn.',
};

const UNKNOWN_CODE = 'Mã phản ánh không tồn tại. Ông/bà vui lòng kiểm tra lại mã theo dõi.';

async function findByCode(ctx: RequestContext, code: string) {
  const canonical = normalizeTrackingCode(code);
  if (!canonical) throw notFoundForCitizens(UNKNOWN_CODE);
  const row = await ctx.db
    .selectFrom('feedback_items as i')
    .innerJoin('communes as cm', 'cm.id', 'i.commune_id')
    .leftJoin('feedback_categories as c', (j) =>
      j.onRef('c.commune_id', '=', 'i.commune_id').onRef('c.id', '=', 'i.category_id'),
    )
    .select([
      'i.commune_id',
      'i.id',
      'i.tracking_code',
      'i.status',
      'i.received_on',
      'i.deadline',
      'i.answer',
      'i.decision_note',
      'i.answered_on',
      'i.rating',
      'i.merged_into_id',
      'i.name',
      'i.phone',
      'i.email',
      'c.name as category_name',
      'cm.code as commune_code',
      'cm.name as commune_name',
    ])
    .where('i.tracking_code', '=', canonical)
    .where('i.kind', '=', 'feedback')
    .executeTakeFirst();
  if (!row) throw notFoundForCitizens(UNKNOWN_CODE);
  return row;
}

/**
 * A feedback as its sender follows it by code: status, history of statuses
 * with their time (not who), the answer once published (or the reason of a
 * refusal), never the sender's name, phone or e-mail, and never another
 * sender's code (an item merged into another tells that one's status and answer).
 */
export async function trackFeedback(ctx: RequestContext, code: string) {
  await consumeRateLimit(ctx.db, LOOKUP_LIMIT, ctx.ip);
  const row = await findByCode(ctx, code);
  const events = await ctx.db
    .selectFrom('feedback_events')
    .select(['status', 'at'])
    .where('commune_id', '=', row.commune_id)
    .where('item_id', '=', row.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const status = row.status as FeedbackStatus;
  // The item it was merged into is another sender's: its code is that sender's secret, so
  // only how it is handled and its published answer are told, never its code.
  const target = row.merged_into_id
    ? await ctx.db
        .selectFrom('feedback_items')
        .select(['status', 'answer', 'answered_on', 'name', 'phone', 'email'])
        .where('commune_id', '=', row.commune_id)
        .where('id', '=', row.merged_into_id)
        .executeTakeFirst()
    : undefined;
  const mergedInto = target
    ? {
        status: target.status as FeedbackStatus,
        statusLabel: FEEDBACK_STATUS_LABELS[target.status as FeedbackStatus],
        ...(target.status === 'published' || target.status === 'rated'
          ? {
              answer: maskPersonalData(target.answer, {
                name: target.name,
                phone: target.phone,
                email: target.email,
              }),
              answeredOn: target.answered_on,
            }
          : {}),
      }
    : undefined;
  // an official may greet the sender by name in the answer: a code can be passed
  // on, so the answer reads without the person here too
  const person = { name: row.name, phone: row.phone, email: row.email };
  const answer =
    status === 'published' || status === 'rated'
      ? maskPersonalData(row.answer, person)
      : status === 'rejected' || status === 'routed_out'
        ? maskPersonalData(row.decision_note, person)
        : undefined;
  const today = vietnamDate(new Date());
  return {
    trackingCode: row.tracking_code!,
    commune: { code: row.commune_code, name: row.commune_name },
    category: row.category_name ?? '',
    status,
    statusLabel: FEEDBACK_STATUS_LABELS[status],
    receivedOn: row.received_on,
    deadline: row.deadline,
    overdue: isOverdue(status, row.deadline, today),
    history: events.map((e) => ({
      status: e.status as FeedbackStatus,
      statusLabel: FEEDBACK_STATUS_LABELS[e.status as FeedbackStatus] ?? e.status,
      at: new Date(e.at).toISOString(),
    })),
    ...(answer !== undefined ? { answer, answeredOn: row.answered_on } : {}),
    ...(mergedInto ? { mergedInto } : {}),
    rating: row.rating,
    canRate: status === 'published',
  };
}

/** The citizen's one rating of the answer; the update is conditional, so a second one (or a race) is refused. */
export async function rateFeedback(ctx: RequestContext, code: string, rating: 'satisfied' | 'unsatisfied') {
  await consumeRateLimit(ctx.db, LOOKUP_LIMIT, ctx.ip);
  const row = await findByCode(ctx, code);
  if (row.status !== 'published')
    throw conflict(
      row.status === 'rated'
        ? 'Câu trả lời này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần.'
        : 'Chỉ đánh giá được khi đã có câu trả lời.',
    );
  await audited(ctx, async (trx) => {
    const now = new Date();
    const done = await trx
      .updateTable('feedback_items')
      .set({ status: 'rated', rating, rated_at: now, updated_at: now })
      .where('commune_id', '=', row.commune_id)
      .where('id', '=', row.id)
      .where('status', '=', 'published')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('Câu trả lời này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần.');
    await addEvent(trx, {
      communeId: row.commune_id,
      itemId: row.id,
      action: 'rate',
      status: 'rated',
      note: rating,
      actorId: null,
      at: now,
    });
    return {
      result: null,
      audit: {
        action: 'feedback.rate',
        entityType: 'feedback_item',
        entityId: row.id,
        communeId: row.commune_id,
        after: { trackingCode: row.tracking_code, rating },
      },
    };
  });
  return trackFeedback(ctx, code);
}

/**
 * The commune's public figures for a year and its latest answers that the
 * citizens allowed to publish, with personal data masked in the texts.
 */
export async function publicFeedbackSummary(ctx: RequestContext, communeCode: string, year: number) {
  const commune = await findPublicCommune(ctx.db, communeCode);
  const today = vietnamDate(new Date());
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const base = ctx.db
    .selectFrom('feedback_items')
    .where('commune_id', '=', commune.id)
    .where('kind', '=', 'feedback')
    .where('received_on', '>=', from)
    .where('received_on', '<=', to);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('received'),
      sql<number>`count(*) filter (where status in ('published','rated','rejected'))`.as('answered'),
      sql<number>`count(*) filter (where status in ('received','accepted','assigned','drafted','approved'))`.as(
        'open',
      ),
      sql<number>`count(*) filter (where status in ('received','accepted','assigned','drafted','approved') and deadline < ${today})`.as(
        'overdue',
      ),
    ])
    .executeTakeFirstOrThrow();
  const share = await answeredOnTimeShare(ctx.db, commune.id, year, today);
  const published = await ctx.db
    .selectFrom('feedback_items as i')
    .leftJoin('feedback_categories as c', (j) =>
      j.onRef('c.commune_id', '=', 'i.commune_id').onRef('c.id', '=', 'i.category_id'),
    )
    .select([
      'i.tracking_code',
      'i.content',
      'i.answer',
      'i.answered_on',
      'i.deadline',
      'i.name',
      'i.phone',
      'i.email',
      'c.name as category',
    ])
    .where('i.commune_id', '=', commune.id)
    .where('i.kind', '=', 'feedback')
    .where('i.allow_publish', '=', true)
    .where('i.status', 'in', ['published', 'rated'])
    .orderBy('i.answered_on', 'desc')
    .orderBy('i.created_at', 'desc')
    .limit(10)
    .execute();
  return {
    year,
    received: Number(counts.received),
    answered: Number(counts.answered),
    open: Number(counts.open),
    overdue: Number(counts.overdue),
    onTimeShare: share.value,
    published: published.map((p) => {
      const person = { name: p.name, phone: p.phone, email: p.email };
      return {
        category: p.category ?? '',
        content: maskPersonalData(p.content, person),
        answer: maskPersonalData(p.answer, person),
        answeredOn: p.answered_on!,
        onTime: answeredOnTime(p.answered_on, p.deadline),
      };
    }),
  };
}

/**
 * Share of a year's feedback answered by its deadline. Counted: citizens'
 * items received in the year that were answered (published, rated, or refused
 * with a reason) or are overdue today; merged and routed-out items are not the
 * commune's to answer, and those still within their deadline are not decided yet.
 */
export async function answeredOnTimeShare(
  db: RequestContext['db'],
  communeId: string,
  year: number,
  today: string,
) {
  const cells = await feedbackFigures(db, { communeIds: [communeId], years: [year], today });
  const f = cells.get(cellKey(communeId, year))!;
  return { value: f.onTimeShare, onTime: f.answeredOnTime, late: f.answeredLate, overdue: f.overdue };
}
