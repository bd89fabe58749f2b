import { addWorkingDays, type IsoDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The days off a commune's deadlines skip: its city's list and its own. */
export async function holidaysOf(db: Kysely<DB>, communeId: string): Promise<Set<IsoDate>> {
  const rows = await db
    .selectFrom('holidays')
    .select('day')
    .where((eb) =>
      eb.or([
        eb('commune_id', '=', communeId),
        eb('city_id', '=', eb.selectFrom('communes').select('city_id').where('id', '=', communeId)),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.day));
}

/** The deadline of an item received on a day, with the commune's holidays. */
export async function deadlineFor(
  db: Kysely<DB>,
  communeId: string,
  receivedOn: IsoDate,
  days: number,
): Promise<IsoDate> {
  return addWorkingDays(receivedOn, days, await holidaysOf(db, communeId));
}

/** Working days a unit's difficulty waits for its answer (not a citizen category). */
export const DIFFICULTY_DEADLINE_DAYS = 10;
