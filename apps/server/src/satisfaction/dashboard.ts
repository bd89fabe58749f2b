import {
  type CountedOnArrival,
  counterResultFromCounts,
  type Granularity,
  isSatisfied,
  ratingDayNote,
} from '@cqtt/domain';
import { sql } from 'kysely';
import { audited } from '../audit/service.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { conductCodeOfCommune } from '../outreach/conduct.ts';
import { targetOfYear } from '../plans/objectives.ts';
import { canManage, figuresScope } from './access.ts';
import { periodOf } from './public-routes.ts';
import { lockSeal, questionnaireFigures } from './results.ts';
import { communesOf } from './setup.ts';

interface Group {
  key: string | null;
  label: string;
  ratings: number;
  satisfied: number;
  index: number | null;
}

function group(
  rows: { key: string | null; label: string | null; score: number; n: unknown }[],
  none: string,
) {
  const by = new Map<string | null, { label: string; counts: number[] }>();
  for (const r of rows) {
    const g = by.get(r.key) ?? { label: r.label ?? none, counts: [0, 0, 0, 0, 0] };
    g.counts[r.score - 1]! += Number(r.n);
    by.set(r.key, g);
  }
  return [...by.entries()]
    .map(([key, g]): Group => ({ key, label: g.label, ...counterResultFromCounts(g.counts) }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'vi')));
}

/**
 * The officials' dashboard: indices overall and per element, by period, per counter,
 * per official and per procedure, and the conduct items per official. An official who may
 * not see everyone's figures sees only hers (ratings she was named in).
 */
export async function dashboard(
  ctx: RequestContext,
  q: { communeId?: string; from?: string; to?: string; granularity: Granularity },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, q.communeId);
  const own = await figuresScope(ctx, communeId);
  const period = periodOf(q.from, q.to);
  let base = ctx.db
    .selectFrom('ratings as r')
    .where('r.commune_id', '=', communeId)
    .where('r.hidden_at', 'is', null)
    .where('r.rated_on', '>=', period.from)
    .where('r.rated_on', '<=', period.to);
  if (own) base = base.where('r.official_id', '=', own);
  const bucket =
    q.granularity === 'day'
      ? sql<string>`to_char(r.rated_on, 'YYYY-MM-DD')`
      : q.granularity === 'month'
        ? sql<string>`to_char(r.rated_on, 'YYYY-MM')`
        : sql<string>`to_char(r.rated_on, 'YYYY')`;
  const n = sql<number>`count(*)`;
  const [code, trend, byCounter, byOfficial, byProcedure, conductRows, anonymous] = await Promise.all([
    conductCodeOfCommune(ctx.db, communeId),
    base
      .select([bucket.as('key'), bucket.as('label'), 'r.score', n.as('n')])
      .groupBy([bucket, 'r.score'])
      .execute(),
    base
      .leftJoin('service_counters as c', (j) =>
        j.onRef('c.commune_id', '=', 'r.commune_id').onRef('c.id', '=', 'r.counter_id'),
      )
      .select([
        'r.counter_id as key',
        sql<string>`'Quầy ' || c.number || ' - ' || c.name`.as('label'),
        'r.score',
        n.as('n'),
      ])
      .groupBy(['r.counter_id', 'c.number', 'c.name', 'r.score'])
      .execute(),
    base
      .leftJoin('service_officials as o', (j) =>
        j.onRef('o.commune_id', '=', 'r.commune_id').onRef('o.id', '=', 'r.official_id'),
      )
      .select(['r.official_id as key', 'o.full_name as label', 'r.score', n.as('n')])
      .groupBy(['r.official_id', 'o.full_name', 'r.score'])
      .execute(),
    base
      .leftJoin('procedures as p', (j) =>
        j.onRef('p.commune_id', '=', 'r.commune_id').onRef('p.code', '=', 'r.procedure_code'),
      )
      .select([
        'r.procedure_code as key',
        sql<string>`r.procedure_code || ' - ' || coalesce(p.name, '')`.as('label'),
        'r.score',
        n.as('n'),
      ])
      .groupBy(['r.procedure_code', 'p.name', 'r.score'])
      .execute(),
    base
      .innerJoin('service_officials as o', (j) =>
        j.onRef('o.commune_id', '=', 'r.commune_id').onRef('o.id', '=', 'r.official_id'),
      )
      .select(['o.id', 'o.full_name', 'r.conduct_done', 'r.conduct_breaches'])
      .execute(),
    base
      .where('r.dossier_code', 'is', null)
      .select(['r.score', n.as('n')])
      .groupBy('r.score')
      .execute(),
  ]);
  const conduct = new Map<
    string,
    {
      officialId: string;
      fullName: string;
      ratings: number;
      done: Record<string, number>;
      breaches: Record<string, number>;
    }
  >();
  for (const r of conductRows) {
    const c = conduct.get(r.id) ?? {
      officialId: r.id,
      fullName: r.full_name,
      ratings: 0,
      done: {},
      breaches: {},
    };
    c.ratings += 1;
    for (const k of r.conduct_done) c.done[k] = (c.done[k] ?? 0) + 1;
    for (const k of r.conduct_breaches) c.breaches[k] = (c.breaches[k] ?? 0) + 1;
    conduct.set(r.id, c);
  }
  const anon = [0, 0, 0, 0, 0];
  for (const r of anonymous) anon[r.score - 1]! += Number(r.n);
  const all = [0, 0, 0, 0, 0];
  for (const r of trend) all[r.score - 1]! += Number(r.n);
  return {
    from: period.from,
    to: period.to,
    granularity: q.granularity,
    ownOnly: own !== null,
    // the plan's satisfaction target of the year the period ends in (data, not code)
    target: (await targetOfYear(ctx.db, communeId, Number(period.to.slice(0, 4))))?.satisfaction ?? null,
    counter: {
      ...counterResultFromCounts(all),
      withoutDossier: counterResultFromCounts(anon),
      scores: all,
    },
    // The questionnaire is not tied to an official: only those who see everything see it.
    questionnaire: own ? null : await questionnaireFigures(ctx.db, communeId, period.from, period.to),
    trend: group(trend, '').sort((a, b) => (a.key! < b.key! ? -1 : 1)),
    byCounter: group(byCounter, 'Không rõ quầy'),
    byOfficial: group(byOfficial, 'Không rõ cán bộ'),
    byProcedure: group(byProcedure, 'Không rõ thủ tục'),
    conductCode: { done: [...code.done], breaches: [...code.breaches] },
    conduct: [...conduct.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
  };
}

function ratingDayView(r: { rated_on: unknown; given_on: unknown; counted_on_arrival: string | null }) {
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  const ratedOn = day(r.rated_on);
  const givenOn = r.given_on === null ? null : day(r.given_on);
  const countedOnArrival = r.counted_on_arrival as CountedOnArrival | null;
  return {
    ratedOn,
    givenOn,
    countedOnArrival,
    dayNote: ratingDayNote({ ratedOn, givenOn, countedOnArrival }),
  };
}

/** Ratings with a comment (or all), newest first, for reading and answering. */
export async function listRatings(
  ctx: RequestContext,
  q: {
    communeId?: string;
    from?: string;
    to?: string;
    withComment?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, q.communeId);
  const own = await figuresScope(ctx, communeId);
  const period = periodOf(q.from, q.to);
  let base = ctx.db
    .selectFrom('ratings as r')
    .leftJoin('service_counters as c', (j) =>
      j.onRef('c.commune_id', '=', 'r.commune_id').onRef('c.id', '=', 'r.counter_id'),
    )
    .leftJoin('service_officials as o', (j) =>
      j.onRef('o.commune_id', '=', 'r.commune_id').onRef('o.id', '=', 'r.official_id'),
    )
    .leftJoin('users as a', 'a.id', 'r.answered_by')
    .where('r.commune_id', '=', communeId)
    .where('r.rated_on', '>=', period.from)
    .where('r.rated_on', '<=', period.to);
  if (own) base = base.where('r.official_id', '=', own).where('r.hidden_at', 'is', null);
  if (q.withComment) base = base.where('r.comment', '<>', '');
  const [rows, total] = await Promise.all([
    base
      .select([
        'r.id',
        'r.score',
        'r.comment',
        'r.channel',
        'r.dossier_code',
        'r.claimed_dossier_code',
        'r.procedure_code',
        'r.conduct_done',
        'r.conduct_breaches',
        'r.created_at',
        'r.rated_on',
        'r.given_on',
        'r.counted_on_arrival',
        'r.hidden_at',
        'r.hidden_reason',
        'r.answer',
        'r.answered_at',
        'a.full_name as answered_name',
        'c.number as counter_number',
        'c.name as counter_name',
        'o.full_name as official_name',
      ])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      score: r.score,
      satisfied: isSatisfied(r.score),
      comment: r.comment,
      channel: r.channel,
      dossierCode: r.dossier_code,
      claimedDossierCode: r.claimed_dossier_code,
      procedureCode: r.procedure_code,
      conductDone: r.conduct_done,
      conductBreaches: r.conduct_breaches,
      counter: r.counter_number === null ? null : `Quầy ${r.counter_number} - ${r.counter_name}`,
      official: r.official_name,
      createdAt: new Date(r.created_at).toISOString(),
      ...ratingDayView(r),
      hidden: r.hidden_at !== null,
      hiddenReason: r.hidden_reason,
      answer: r.answer,
      answeredBy: r.answered_name,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    })),
  };
}

async function ratingOf(ctx: RequestContext, id: string) {
  const row = await ctx.db
    .selectFrom('ratings')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', communesOf(ctx))
    .executeTakeFirst();
  if (!row) throw notFound('Đánh giá');
  return row;
}

/** Hide a rating with a reason: never edited, never deleted; the tally of its day follows. */
export async function hideRating(ctx: RequestContext, id: string, reason: string) {
  const before = await ratingOf(ctx, id);
  if (before.hidden_at) throw badRequest('Đánh giá này đã bị ẩn.');
  return audited(ctx, async (trx) => {
    const sealedThrough = await lockSeal(trx, before.commune_id);
    const changed = await trx
      .updateTable('ratings')
      .set({ hidden_at: new Date(), hidden_by: ctx.actor!.userId, hidden_reason: reason })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .where('hidden_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw badRequest('Đánh giá này đã bị ẩn.');
    if (before.rated_on <= sealedThrough) {
      await trx
        .updateTable('rating_days')
        .set({ n: sql`n - 1` })
        .where('commune_id', '=', before.commune_id)
        .where('rated_on', '=', before.rated_on)
        .where('score', '=', before.score)
        .where('with_dossier', '=', before.dossier_code !== null)
        .execute();
      await trx
        .updateTable('rating_years')
        .set({ n: sql`n - 1` })
        .where('commune_id', '=', before.commune_id)
        .where('year', '=', Number(before.rated_on.slice(0, 4)))
        .where('score', '=', before.score)
        .where('with_dossier', '=', before.dossier_code !== null)
        .execute();
    }
    return {
      result: { id },
      audit: {
        action: 'ratings.hide',
        entityType: 'rating',
        entityId: id,
        communeId: before.commune_id,
        before: { hidden: false },
        after: { hidden: true, reason },
      },
    };
  });
}

/** Answer a citizen's comment (the commune's reply, kept with the rating). */
export async function answerRating(ctx: RequestContext, id: string, answer: string) {
  const before = await ratingOf(ctx, id);
  if (!(await canManage(ctx, before.commune_id))) throw forbidden();
  return audited(ctx, async (trx) => {
    await trx
      .updateTable('ratings')
      .set({ answer, answered_by: ctx.actor!.userId, answered_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: { id },
      audit: {
        action: 'ratings.answer',
        entityType: 'rating',
        entityId: id,
        communeId: before.commune_id,
        before: { answer: before.answer },
        after: { answer },
      },
    };
  });
}
