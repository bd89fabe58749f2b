import {
  addDays,
  type CounterResult,
  counterResultFromCounts,
  type IsoDate,
  type QuestionnaireResult,
  questionnaireResult,
  vietnamDate,
} from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { activeQuestionnaire } from './questionnaires.ts';

/**
 * Exact figures for a commune and a period, fast over a year of ratings: days that can no
 * longer change (ratings are dated by the server, so every day before yesterday) are folded
 * once into rating_days and rating_years; later days are counted live. Hiding a rating adjusts
 * its day's and year's tallies in the same transaction (dashboard.ts).
 */
export async function sealRatings(
  db: Kysely<DB>,
  communeId: string,
  today: IsoDate = vietnamDate(new Date()),
): Promise<IsoDate> {
  return (await sealRatingsFor(db, [communeId], today)).get(communeId)!;
}

/**
 * Folds the days before yesterday of every commune of the set (one set of statements whatever
 * its size; a commune already sealed costs nothing) and answers each commune's sealed day.
 */
export async function sealRatingsFor(
  db: Kysely<DB>,
  communeIds: readonly string[],
  today: IsoDate = vietnamDate(new Date()),
): Promise<Map<string, IsoDate>> {
  const through = addDays(today, -2);
  const sealed = new Map<string, IsoDate>();
  if (communeIds.length === 0) return sealed;
  const seals = await db
    .selectFrom('rating_seals')
    .select(['commune_id', 'sealed_through'])
    .where('commune_id', 'in', communeIds)
    .execute();
  for (const s of seals) sealed.set(s.commune_id, s.sealed_through);
  const behind = communeIds.filter((c) => (sealed.get(c) ?? '') < through);
  if (behind.length === 0) return sealed;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rating_seals')
      .values(behind.map((c) => ({ commune_id: c, sealed_through: '1900-01-01' })))
      .onConflict((oc) => oc.column('commune_id').doNothing())
      .execute();
    // One sealer at a time per commune (rows locked in one order); a second one finds the work done.
    const locked = await trx
      .selectFrom('rating_seals')
      .select('commune_id')
      .where('commune_id', 'in', behind)
      .where('sealed_through', '<', through)
      .orderBy('commune_id')
      .forUpdate()
      .execute();
    const ids = locked.map((l) => l.commune_id);
    if (ids.length === 0) return;
    const unsealed = trx
      .selectFrom('ratings as r')
      .innerJoin('rating_seals as s', 's.commune_id', 'r.commune_id')
      .where('r.commune_id', 'in', ids)
      .where('r.hidden_at', 'is', null)
      .whereRef('r.rated_on', '>', 's.sealed_through')
      .where('r.rated_on', '<=', through);
    await trx
      .insertInto('rating_days')
      .columns(['commune_id', 'rated_on', 'score', 'with_dossier', 'n'])
      .expression(
        unsealed
          .select([
            'r.commune_id',
            'r.rated_on',
            'r.score',
            sql<boolean>`r.dossier_code is not null`.as('with_dossier'),
            sql<number>`count(*)::int`.as('n'),
          ])
          .groupBy(['r.commune_id', 'r.rated_on', 'r.score', sql`r.dossier_code is not null`]),
      )
      .execute();
    await trx
      .insertInto('rating_years')
      .columns(['commune_id', 'year', 'score', 'with_dossier', 'n'])
      .expression(
        unsealed
          .select([
            'r.commune_id',
            sql<number>`extract(year from r.rated_on)::int`.as('year'),
            'r.score',
            sql<boolean>`r.dossier_code is not null`.as('with_dossier'),
            sql<number>`count(*)::int`.as('n'),
          ])
          .groupBy([
            'r.commune_id',
            sql`extract(year from r.rated_on)`,
            'r.score',
            sql`r.dossier_code is not null`,
          ]),
      )
      .onConflict((oc) =>
        oc
          .columns(['commune_id', 'year', 'score', 'with_dossier'])
          .doUpdateSet({ n: sql`rating_years.n + excluded.n` }),
      )
      .execute();
    await trx
      .updateTable('rating_seals')
      .set({ sealed_through: through })
      .where('commune_id', 'in', ids)
      .execute();
  });
  for (const c of behind) sealed.set(c, through);
  return sealed;
}

/**
 * Takes the commune's sealing lock inside a transaction (creating its row if the commune never
 * sealed), and answers the last sealed day. Sealing takes it, and so does hiding ratings: a
 * hidden rating of that day or before must be taken off its tally in the same transaction, and
 * a sealing running meanwhile waits, then counts the ratings as hidden.
 */
export async function lockSeal(trx: Kysely<DB>, communeId: string): Promise<string> {
  await trx
    .insertInto('rating_seals')
    .values({ commune_id: communeId, sealed_through: '1900-01-01' })
    .onConflict((oc) => oc.column('commune_id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('rating_seals')
    .select('sealed_through')
    .where('commune_id', '=', communeId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.sealed_through;
}

export interface CounterFigures extends CounterResult {
  withoutDossier: CounterResult;
}

/** One-tap ratings of a period (both days included), exact, hidden ones left out. */
export async function counterFigures(
  db: Kysely<DB>,
  communeId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<CounterFigures> {
  const sealed = await sealRatings(db, communeId);
  const all = [0, 0, 0, 0, 0];
  const anonymous = [0, 0, 0, 0, 0];
  const add = (rows: { score: number; with_dossier: boolean; n: unknown }[]) => {
    for (const r of rows) {
      const n = Number(r.n);
      all[r.score - 1]! += n;
      if (!r.with_dossier) anonymous[r.score - 1]! += n;
    }
  };
  const sealedTo = to < sealed ? to : sealed;
  if (from <= sealedTo) {
    add(
      await db
        .selectFrom('rating_days')
        .select((eb) => ['score', 'with_dossier', eb.fn.sum<number>('n').as('n')])
        .where('commune_id', '=', communeId)
        .where('rated_on', '>=', from)
        .where('rated_on', '<=', sealedTo)
        .groupBy(['score', 'with_dossier'])
        .execute(),
    );
  }
  const liveFrom = from > sealed ? from : addDays(sealed, 1);
  if (liveFrom <= to) {
    add(
      await db
        .selectFrom('ratings')
        .select((eb) => [
          'score',
          sql<boolean>`dossier_code is not null`.as('with_dossier'),
          eb.fn.countAll<number>().as('n'),
        ])
        .where('commune_id', '=', communeId)
        .where('hidden_at', 'is', null)
        .where('rated_on', '>=', liveFrom)
        .where('rated_on', '<=', to)
        .groupBy(['score', sql`dossier_code is not null`])
        .execute(),
    );
  }
  return { ...counterResultFromCounts(all), withoutDossier: counterResultFromCounts(anonymous) };
}

/** The active questionnaire's indices over a period; answers are counted by the element they belong to. */
export async function questionnaireFigures(
  db: Kysely<DB>,
  communeId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<QuestionnaireResult> {
  const q = await activeQuestionnaire(db, communeId);
  const visible = (eb: Kysely<DB>) =>
    eb
      .selectFrom('survey_responses')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('hidden_at', 'is', null)
      .where('responded_on', '>=', from)
      .where('responded_on', '<=', to);
  const [byElement, responses] = await Promise.all([
    db
      .selectFrom('survey_answers')
      .select((eb) => [
        'element_key',
        eb.fn.countAll<number>().as('answers'),
        sql<number>`count(*) filter (where score >= 4)`.as('satisfied'),
      ])
      .where('commune_id', '=', communeId)
      .where('responded_on', '>=', from)
      .where('responded_on', '<=', to)
      .where('response_id', 'in', visible(db))
      .groupBy('element_key')
      .execute(),
    visible(db)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  // Elements are those of the active version; each element is counted by its key,
  // so answers to an earlier version of the same element count too.
  const elements = (q?.elements ?? []).map((e) => ({
    key: e.key,
    name: e.name,
    questions: [{ key: e.key }],
  }));
  const tallies = new Map(
    byElement.map((r) => [r.element_key, { answers: Number(r.answers), satisfied: Number(r.satisfied) }]),
  );
  return questionnaireResult(elements, Number(responses.n), tallies);
}
