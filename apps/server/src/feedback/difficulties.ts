import { vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DIFFICULTY_DEADLINE_DAYS, deadlineFor } from './calendar.ts';
import { addEvent } from './items.ts';

/**
 * Units' and villages' difficulties (vướng mắc) flow through the feedback queue: when a unit
 * (or a village, by its head) reports one against a task (plans/difficulties.ts), the same transaction
 * puts an internal item in the queue, with a deadline and a history, never
 * public and without a tracking code. Answering the difficulty (in the plan or
 * from the queue, both through the plans' answer) closes the item.
 */
export async function queueDifficulty(
  trx: Kysely<DB>,
  d: {
    communeId: string;
    difficultyId: string;
    unitId: string | null;
    /** A village head's village, when the village reported it (then no unit). */
    villageId?: string | null;
    content: string;
    actorId: string;
    at: Date;
  },
) {
  const receivedOn = vietnamDate(d.at);
  const deadline = await deadlineFor(trx, d.communeId, receivedOn, DIFFICULTY_DEADLINE_DAYS);
  const item = await trx
    .insertInto('feedback_items')
    .values({
      commune_id: d.communeId,
      kind: 'difficulty',
      tracking_code: null,
      source: d.villageId ? 'village' : 'unit',
      category_id: null,
      content: d.content,
      status: 'received',
      received_on: receivedOn,
      deadline,
      unit_id: d.unitId,
      village_id: d.villageId ?? null,
      merged_into_id: null,
      answered_on: null,
      rating: null,
      rated_at: null,
      difficulty_id: d.difficultyId,
      updated_at: d.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(trx, {
    communeId: d.communeId,
    itemId: item.id,
    action: 'receive',
    status: 'received',
    actorId: d.actorId,
    at: d.at,
  });
}

/** The difficulty was answered: its queue item is answered too (published internally: never public). */
export async function answerQueuedDifficulty(
  trx: Kysely<DB>,
  d: { communeId: string; difficultyId: string; answer: string; actorId: string; at: Date },
) {
  const item = await trx
    .updateTable('feedback_items')
    .set({ status: 'published', answer: d.answer, answered_on: vietnamDate(d.at), updated_at: d.at })
    .where('commune_id', '=', d.communeId)
    .where('difficulty_id', '=', d.difficultyId)
    .returning('id')
    .executeTakeFirst();
  if (item)
    await addEvent(trx, {
      communeId: d.communeId,
      itemId: item.id,
      action: 'answer',
      status: 'published',
      actorId: d.actorId,
      at: d.at,
    });
}
