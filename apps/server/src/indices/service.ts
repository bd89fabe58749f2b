/**
 * The official SIPAS and PAR INDEX results of the city's communes, year by year, with the decision
 * they come from, as the city publishes them. A city-level account enters them (one value per
 * commune, year and index; entering again replaces it, audited before and after); every commune
 * reads its own. Kept as rows (not a file) so that an import, publishing choices and a public page
 * of the city can be built on them.
 */
import { can } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';

export const INDEX_KINDS = ['sipas', 'par_index'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];
export const INDEX_LABELS: Record<IndexKind, string> = {
  sipas: 'Chỉ số hài lòng SIPAS',
  par_index: 'Chỉ số cải cách hành chính PAR INDEX',
};

const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);

/** A city-level account that keeps the indices (Sở Nội vụ, the city's administrator). */
function requireCity(actor: Actor) {
  if (actor.communeId !== null || !can(actor.roles, 'indices.manage'))
    throw forbidden('Chỉ tài khoản cấp thành phố (Sở Nội vụ) nhập kết quả chỉ số chính thức.');
}

export async function listIndices(
  db: Kysely<DB>,
  actor: Actor,
  filter: { communeId?: string; year?: number; kind?: IndexKind },
) {
  let q = db
    .selectFrom('official_indices as i')
    .innerJoin('communes as c', 'c.id', 'i.commune_id')
    .leftJoin('users as u', 'u.id', 'i.entered_by')
    .selectAll('i')
    .select(['c.name as commune_name', 'u.full_name as entered_by_name'])
    .where('i.commune_id', 'in', visibleCommuneIds(db, actor));
  if (filter.communeId) q = q.where('i.commune_id', '=', filter.communeId);
  if (filter.year) q = q.where('i.year', '=', filter.year);
  if (filter.kind) q = q.where('i.index_kind', '=', filter.kind);
  const rows = await q.orderBy('i.year', 'desc').orderBy('c.name').orderBy('i.index_kind').execute();
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    communeName: r.commune_name,
    year: r.year,
    kind: r.index_kind,
    kindLabel: INDEX_LABELS[r.index_kind],
    value: r.value / 100,
    rank: r.rank,
    decision: r.decision,
    decisionDate: day(r.decision_date),
    note: r.note,
    enteredBy: r.entered_by_name ?? '',
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export interface IndexInput {
  communeId: string;
  year: number;
  kind: IndexKind;
  value: number;
  rank?: number | null;
  decision: string;
  decisionDate?: string | null;
  note?: string;
}

export async function saveIndex(ctx: RequestContext, input: IndexInput) {
  const actor = ctx.actor!;
  requireCity(actor);
  const commune = await ctx.db
    .selectFrom('communes')
    .select(['id', 'city_id'])
    .where('id', '=', input.communeId)
    .where('city_id', '=', actor.cityId)
    .executeTakeFirst();
  if (!commune) throw notFound('Xã, phường, đặc khu');
  const hundredths = Math.round(input.value * 100);
  if (Math.abs(hundredths - input.value * 100) > 1e-6) {
    const message = 'Giá trị chỉ số ghi tối đa hai chữ số thập phân.';
    throw badRequest(message, [{ path: 'value', message }]);
  }
  if (input.decisionDate && Number(input.decisionDate.slice(0, 4)) < input.year) {
    const message = 'Quyết định công bố chỉ số không thể ban hành trước năm được đánh giá.';
    throw badRequest(message, [{ path: 'decisionDate', message }]);
  }
  const before = await ctx.db
    .selectFrom('official_indices')
    .selectAll()
    .where('commune_id', '=', commune.id)
    .where('year', '=', input.year)
    .where('index_kind', '=', input.kind)
    .executeTakeFirst();
  const values = {
    value: hundredths,
    rank: input.rank ?? null,
    decision: input.decision,
    decision_date: input.decisionDate ?? null,
    note: input.note ?? '',
    entered_by: actor.userId,
    updated_at: new Date(),
  };
  const id = await audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('official_indices')
      .values({
        city_id: commune.city_id,
        commune_id: commune.id,
        year: input.year,
        index_kind: input.kind,
        ...values,
      })
      .onConflict((oc) => oc.columns(['commune_id', 'year', 'index_kind']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: {
        action: before ? 'official_indices.update' : 'official_indices.create',
        entityType: 'official_index',
        entityId: row.id,
        communeId: commune.id,
        before: before ?? null,
        after: row,
      },
    };
  });
  return (
    await listIndices(ctx.db, actor, { communeId: commune.id, year: input.year, kind: input.kind })
  ).find((r) => r.id === id)!;
}

export async function deleteIndex(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  requireCity(actor);
  const before = await ctx.db
    .selectFrom('official_indices')
    .selectAll()
    .where('id', '=', id)
    .where('city_id', '=', actor.cityId)
    .executeTakeFirst();
  if (!before) throw notFound('Kết quả chỉ số');
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('official_indices')
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'official_indices.delete',
        entityType: 'official_index',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}
