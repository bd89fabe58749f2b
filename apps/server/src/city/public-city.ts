import { vietnamDate } from '@cqtt/domain';
import { notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import * as officialIndices from '../indices/store.ts';
import { cellKey } from '../measures/registry.ts';
import { satisfactionFigures } from '../satisfaction/figures.ts';
import { cityYearView } from './city-year.ts';
import * as store from './store.ts';

/**
 * The public page of a city (no sign-in): each commune's recognised level and the indices the city
 * chose to publish for the year. Only public facts of the communes: no person, no comment.
 */
export async function publicCity(ctx: RequestContext, code: string, year?: number) {
  const city = await store.cityByCode(ctx.db, code);
  if (!city) throw notFound('Thành phố');
  const today = vietnamDate(new Date());
  const years = [...new Set((await store.publishedYears(ctx.db, city.id)).map((r) => r.year))]
    .filter((y) => y <= Number(today.slice(0, 4)))
    .sort((a, b) => b - a);
  const y = year ?? years[0] ?? Number(today.slice(0, 4));
  const communes = await store.communesOfCity(ctx.db, city.id);
  const ids = communes.map((c) => c.id);
  const shows = cityYearView(y, await store.cityYearRow(ctx.db, city.id, y)).publish;
  const [recognised, indices, satisfaction] = await Promise.all([
    shows.levels ? store.recognitions(ctx.db, ids, y) : [],
    shows.sipas || shows.parIndex ? officialIndices.forCommunes(ctx.db, ids, [y]) : [],
    shows.satisfaction ? satisfactionFigures(ctx.db, { communeIds: ids, years: [y], today }) : null,
  ]);
  const level = new Map(recognised.map((r) => [r.commune_id, r]));
  const index = new Map(indices.map((i) => [`${i.commune_id}|${i.index_kind}`, i.value / 100]));
  return {
    code: city.code,
    name: city.name,
    year: y,
    years,
    shows,
    communes: communes.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind,
      recognisedLevel: level.get(c.id)?.recognised_level ?? null,
      decisionNumber: level.get(c.id)?.decision_number ?? null,
      sipas: shows.sipas ? (index.get(`${c.id}|sipas`) ?? null) : null,
      parIndex: shows.parIndex ? (index.get(`${c.id}|par_index`) ?? null) : null,
      satisfaction: satisfaction?.get(cellKey(c.id, y))?.questionnaire.overall ?? null,
    })),
  };
}
