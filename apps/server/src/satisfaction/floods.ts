import { isRatingBurst, type RatingSourceKind, vietnamRange, voidWindowProblem } from '@cqtt/domain';
import { sql } from 'kysely';
import { audited } from '../audit/service.ts';
import { AppError, badRequest, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { figuresScope } from './access.ts';
import { periodOf } from './public-routes.ts';
import { lockSeal } from './results.ts';

/**
 * Floods of ratings, as the dashboard shows them: how many ratings the limits refused and from
 * where, and the hours in which one source (a network address, or a registered tablet) sent more
 * than a counter serves (packages/domain satisfaction/floods.ts). Only those who see every
 * figure see this.
 */
export async function floods(ctx: RequestContext, q: { communeId?: string; from?: string; to?: string }) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, q.communeId);
  if ((await figuresScope(ctx, communeId)) !== null) throw forbidden();
  const period = periodOf(q.from, q.to);
  const range = vietnamRange(period.from, period.to);
  if ('problem' in range) throw badRequest(range.problem);
  const { start, end } = range;
  const rows = await sql<{
    source_kind: RatingSourceKind;
    source: string;
    hour: Date;
    ratings: number;
    without_dossier: number;
    satisfied: number;
    voided: number;
    refused: number;
  }>`
    with accepted as (
      select case when kiosk_id is null then 'address' else 'kiosk' end as source_kind,
        coalesce(kiosk_id::text, source_ip) as source,
        date_trunc('hour', created_at) as hour,
        count(*) filter (where hidden_at is null)::int as ratings,
        count(*) filter (where hidden_at is null and dossier_code is null)::int as without_dossier,
        count(*) filter (where hidden_at is null and score >= 4)::int as satisfied,
        count(*) filter (where void_id is not null)::int as voided
      from ratings
      where commune_id = ${communeId} and created_at >= ${start} and created_at < ${end}
        and (source_ip is not null or kiosk_id is not null)
      group by 1, 2, 3
    ),
    refused as (
      select source_kind, source, hour, sum(refused)::int as refused
      from rating_refusals
      where commune_id = ${communeId} and hour >= ${start} and hour < ${end}
      group by 1, 2, 3
    )
    select coalesce(a.source_kind, f.source_kind) as source_kind, coalesce(a.source, f.source) as source,
      coalesce(a.hour, f.hour) as hour, coalesce(a.ratings, 0) as ratings,
      coalesce(a.without_dossier, 0) as without_dossier, coalesce(a.satisfied, 0) as satisfied,
      coalesce(a.voided, 0) as voided, coalesce(f.refused, 0) as refused
    from accepted a
    full join refused f on f.source_kind = a.source_kind and f.source = a.source and f.hour = a.hour
  `.execute(ctx.db);
  const kiosks = new Map(
    (
      await ctx.db
        .selectFrom('rating_kiosks')
        .select(['id', 'name'])
        .where('commune_id', '=', communeId)
        .execute()
    ).map((k) => [k.id, k.name]),
  );
  const label = (kind: RatingSourceKind, source: string) =>
    kind === 'kiosk' ? `Máy tại quầy: ${kiosks.get(source) ?? source}` : `Địa chỉ mạng ${source}`;
  const bursts = rows.rows
    .filter(
      (r) =>
        r.voided > 0 || isRatingBurst({ sourceKind: r.source_kind, ratings: r.ratings, refused: r.refused }),
    )
    .sort((a, b) => new Date(b.hour).getTime() - new Date(a.hour).getTime() || b.ratings - a.ratings)
    .slice(0, 200)
    .map((r) => {
      const from = new Date(r.hour);
      return {
        sourceKind: r.source_kind,
        source: r.source,
        label: label(r.source_kind, r.source),
        from: from.toISOString(),
        to: new Date(from.getTime() + 3_600_000).toISOString(),
        ratings: r.ratings,
        withoutDossier: r.without_dossier,
        satisfied: r.satisfied,
        refused: r.refused,
        voided: r.voided,
      };
    });
  const bySource = new Map<
    string,
    { sourceKind: RatingSourceKind; source: string; label: string; refused: number }
  >();
  for (const r of rows.rows) {
    if (r.refused === 0) continue;
    const key = `${r.source_kind}/${r.source}`;
    const s = bySource.get(key) ?? {
      sourceKind: r.source_kind,
      source: r.source,
      label: label(r.source_kind, r.source),
      refused: 0,
    };
    s.refused += r.refused;
    bySource.set(key, s);
  }
  const voids = await ctx.db
    .selectFrom('rating_voids as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.id',
      'v.source_kind',
      'v.source',
      'v.from_at',
      'v.to_at',
      'v.reason',
      'v.ratings',
      'v.created_at',
      'u.full_name',
    ])
    .where('v.commune_id', '=', communeId)
    .where('v.created_at', '>=', start)
    .orderBy('v.created_at', 'desc')
    .limit(50)
    .execute();
  return {
    from: period.from,
    to: period.to,
    refused: rows.rows.reduce((n, r) => n + r.refused, 0),
    refusedBySource: [...bySource.values()].sort((a, b) => b.refused - a.refused).slice(0, 50),
    bursts,
    voids: voids.map((v) => ({
      id: v.id,
      label: label(v.source_kind, v.source),
      from: new Date(v.from_at).toISOString(),
      to: new Date(v.to_at).toISOString(),
      reason: v.reason,
      ratings: v.ratings,
      createdAt: new Date(v.created_at).toISOString(),
      createdBy: v.full_name ?? null,
    })),
  };
}

class NothingToVoid extends Error {}

/**
 * Voids the ratings one source sent in a window, with a reason: they are hidden (never deleted),
 * point to the void, and stop counting in every figure, the sealed day tallies included (the
 * same lock as the sealing, so a day being sealed meanwhile is counted right). By default only
 * those without a dossier code; `withDossier` voids the ones with a code too (their dossier
 * stays used). One audit row names the void, its reason and every rating it hid.
 */
export async function voidBurst(
  ctx: RequestContext,
  input: {
    communeId?: string;
    sourceKind: RatingSourceKind;
    source: string;
    from: string;
    to: string;
    reason: string;
    withDossier?: boolean;
  },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  const from = new Date(input.from);
  const to = new Date(input.to);
  const problem = voidWindowProblem(from, to);
  if (problem) throw badRequest(problem, [{ path: 'to', message: problem }]);
  if (input.sourceKind === 'kiosk' && !/^[0-9a-f-]{36}$/i.test(input.source))
    throw badRequest('Mã máy đánh giá không hợp lệ.', [{ path: 'source', message: 'Không phải mã máy.' }]);
  const reason = `Vô hiệu hóa đợt đánh giá bất thường: ${input.reason}`;
  try {
    return await audited(ctx, async (trx) => {
      const seal = await lockSeal(trx, communeId);
      const row = await trx
        .insertInto('rating_voids')
        .values({
          commune_id: communeId,
          source_kind: input.sourceKind,
          source: input.source,
          from_at: from,
          to_at: to,
          reason: input.reason,
          ratings: 0,
          created_by: ctx.actor!.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const source =
        input.sourceKind === 'kiosk'
          ? sql`kiosk_id = ${input.source}::uuid`
          : sql`source_ip = ${input.source} and kiosk_id is null`;
      const result = await sql<{ id: string }>`
        with v as (
          update ratings set hidden_at = now(), hidden_by = ${ctx.actor!.userId}, hidden_reason = ${reason},
            void_id = ${row.id}
          where commune_id = ${communeId} and ${source} and created_at >= ${from} and created_at < ${to}
            and hidden_at is null ${input.withDossier ? sql`` : sql`and dossier_code is null`}
          returning id, rated_on, score, dossier_code is not null as with_dossier
        ),
        t as (
          update rating_days d set n = d.n - x.n
          from (
            select rated_on, score, with_dossier, count(*)::int as n from v
            where rated_on <= ${seal}
            group by rated_on, score, with_dossier
          ) x
          where d.commune_id = ${communeId} and d.rated_on = x.rated_on and d.score = x.score
            and d.with_dossier = x.with_dossier
          returning 1
        ),
        y as (
          update rating_years ry set n = ry.n - x.n
          from (
            select extract(year from rated_on)::int as year, score, with_dossier, count(*)::int as n from v
            where rated_on <= ${seal}
            group by 1, score, with_dossier
          ) x
          where ry.commune_id = ${communeId} and ry.year = x.year and ry.score = x.score
            and ry.with_dossier = x.with_dossier
          returning 1
        )
        select id from v order by id
      `.execute(trx);
      const ids = result.rows.map((r) => r.id);
      if (ids.length === 0) throw new NothingToVoid();
      await trx.updateTable('rating_voids').set({ ratings: ids.length }).where('id', '=', row.id).execute();
      return {
        result: { id: row.id, voided: ids.length },
        audit: {
          action: 'ratings.void',
          entityType: 'rating_void',
          entityId: row.id,
          communeId,
          after: {
            sourceKind: input.sourceKind,
            source: input.source,
            from: from.toISOString(),
            to: to.toISOString(),
            withDossier: input.withDossier ?? false,
            reason: input.reason,
            ratings: ids,
          },
        },
      };
    });
  } catch (error) {
    if (error instanceof NothingToVoid)
      throw new AppError(
        'conflict',
        409,
        'Không có đánh giá nào (chưa bị ẩn) của nguồn này trong khoảng thời gian đó.',
      );
    throw error;
  }
}
