import {
  type CounterResult,
  counterResultFromCounts,
  type QuestionnaireResult,
  questionnaireResult,
} from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope, yearSpan } from '../measures/registry.ts';
import { sealRatingsFor } from './results.ts';

/** A commune's satisfaction in a year: the five-element questionnaire and the one-tap ratings. */
export interface SatisfactionCell {
  /** Overall and per element, each with its number of answers (the active questionnaire's elements). */
  questionnaire: QuestionnaireResult;
  /** One-tap ratings at the counter, and those given without a dossier code. */
  counter: CounterResult & { withoutDossier: CounterResult };
}

/**
 * The satisfaction of every commune and year of the scope, exact, from yearly tallies: ratings
 * of sealed days from rating_years plus the last days counted live (decision 0015), questionnaire
 * answers from the tallies their triggers keep (decision 0025). Five queries whatever the scope.
 */
export async function satisfactionFigures(
  db: Kysely<DB>,
  scope: FigureScope,
): Promise<Cells<SatisfactionCell>> {
  const ids = [...scope.communeIds];
  const counts = new Map<string, { all: number[]; anonymous: number[] }>();
  const tallyOf = (key: string) => {
    const t = counts.get(key) ?? { all: [0, 0, 0, 0, 0], anonymous: [0, 0, 0, 0, 0] };
    counts.set(key, t);
    return t;
  };
  if (ids.length === 0 || scope.years.length === 0) return new Map();
  const sealed = await sealRatingsFor(db, ids, scope.today);
  const span = yearSpan(scope);
  const lastSealed = [...sealed.values()].sort()[0] ?? scope.today;
  const [questionnaires, yearRows, liveRows, elementRows, responseRows] = await Promise.all([
    db
      .selectFrom('questionnaires')
      .select(['commune_id', 'elements'])
      .where('commune_id', 'in', ids)
      .where('is_active', '=', true)
      .execute(),
    db
      .selectFrom('rating_years')
      .select(['commune_id', 'year', 'score', 'with_dossier', 'n'])
      .where('commune_id', 'in', ids)
      .where('year', 'in', [...scope.years])
      .execute(),
    // Days after each commune's seal (at most two once sealed), counted from the ratings.
    db
      .selectFrom('ratings as r')
      .innerJoin('rating_seals as s', 's.commune_id', 'r.commune_id')
      .select([
        'r.commune_id',
        sql<number>`extract(year from r.rated_on)::int`.as('year'),
        'r.score',
        sql<boolean>`r.dossier_code is not null`.as('with_dossier'),
        sql<number>`count(*)::int`.as('n'),
      ])
      .where('r.commune_id', 'in', ids)
      .where('r.hidden_at', 'is', null)
      .where('r.rated_on', '>', lastSealed)
      .whereRef('r.rated_on', '>', 's.sealed_through')
      .where('r.rated_on', '>=', span.from)
      .where('r.rated_on', '<=', span.to)
      .where('r.rated_on', '<=', scope.today)
      .groupBy([
        'r.commune_id',
        sql`extract(year from r.rated_on)`,
        'r.score',
        sql`r.dossier_code is not null`,
      ])
      .execute(),
    db
      .selectFrom('survey_element_years')
      .select(['commune_id', 'year', 'element_key', 'answers', 'satisfied'])
      .where('commune_id', 'in', ids)
      .where('year', 'in', [...scope.years])
      .execute(),
    db
      .selectFrom('survey_years')
      .select(['commune_id', 'year', 'responses'])
      .where('commune_id', 'in', ids)
      .where('year', 'in', [...scope.years])
      .execute(),
  ]);
  for (const r of [...yearRows, ...liveRows]) {
    const t = tallyOf(cellKey(r.commune_id, Number(r.year)));
    t.all[r.score - 1]! += Number(r.n);
    if (!r.with_dossier) t.anonymous[r.score - 1]! += Number(r.n);
  }
  const elementsOf = new Map(questionnaires.map((q) => [q.commune_id, q.elements]));
  const perElement = new Map<string, Map<string, { answers: number; satisfied: number }>>();
  for (const r of elementRows) {
    const key = cellKey(r.commune_id, r.year);
    const m = perElement.get(key) ?? new Map();
    m.set(r.element_key, { answers: Number(r.answers), satisfied: Number(r.satisfied) });
    perElement.set(key, m);
  }
  const responses = new Map(responseRows.map((r) => [cellKey(r.commune_id, r.year), Number(r.responses)]));
  return cellsOf(scope, (communeId, year) => {
    const key = cellKey(communeId, year);
    const t = counts.get(key) ?? { all: [0, 0, 0, 0, 0], anonymous: [0, 0, 0, 0, 0] };
    // Elements are those of the active version; each element is counted by its key,
    // so answers to an earlier version of the same element count too.
    const elements = (elementsOf.get(communeId) ?? []).map((e) => ({
      key: e.key,
      name: e.name,
      questions: [{ key: e.key }],
    }));
    return {
      questionnaire: questionnaireResult(elements, responses.get(key) ?? 0, perElement.get(key) ?? new Map()),
      counter: { ...counterResultFromCounts(t.all), withoutDossier: counterResultFromCounts(t.anonymous) },
    };
  });
}
